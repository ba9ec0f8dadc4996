// archdesc/tool/units.hpp: numbers as people read them, and byte sizes as they type them.
//
//   archdesc::tool::bytes_text(93'405'585'408) == "87.0 GiB"
//   archdesc::tool::grouped(25'557'032) == "25,557,032"
//   archdesc::tool::parse_bytes("80GiB") == 80 * archdesc::GiB
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archdesc::tool {

// Bytes in binary units with one decimal ("87.0 GiB"), whole below a KiB ("512 B").
std::string bytes_text(std::int64_t bytes);

// An integer with thousands separators: "25,557,032", "-1,024".
std::string grouped(std::int64_t n);

// A size such as "80GiB", "80 GiB", "1.5TiB", "80GB" or "1024" (bytes); KiB/MiB/GiB/TiB are powers of
// 1024, kB/MB/GB/TB of 1000. Throws std::invalid_argument naming the text, also where the size
// is not positive or does not fit 64 bits.
std::int64_t parse_bytes(std::string_view text);

}  // namespace archdesc::tool
