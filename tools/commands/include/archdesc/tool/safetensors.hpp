// archdesc/tool/safetensors.hpp: the header of a .safetensors checkpoint, read without its weights
// (<archdesc/tool/checkpoint.hpp> reads sharded checkpoints and compares them with a model).
//
// The file starts with an 8-byte little-endian length N, then N bytes of JSON:
// {"name": {"dtype": "F32", "shape": [64, 3, 7, 7], "data_offsets": [0, 37632]}, ...,
//  "__metadata__": {"key": "value"}}. The file is untrusted: every malformation is a
// checkpoint_error, never a crash, a hang or an unbounded allocation.
#pragma once

#include <archdesc/shape.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc::tool {

class checkpoint_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct checkpoint_tensor {
  std::string name;
  std::string dtype;
  std::vector<std::int64_t> shape;
};

// A header larger than this is refused (safetensors' own limit).
inline constexpr std::uint64_t max_header_bytes = 100 * 1024 * 1024;

// Parses the start of a file of `file_size` bytes: `bytes` must hold the 8-byte length and
// the header (or the whole file, when it is shorter).
std::vector<checkpoint_tensor> parse_safetensors_header(std::string_view bytes, std::uint64_t file_size);

// Reads only the length and the header of the file at `path`.
std::vector<checkpoint_tensor> read_safetensors_header(const std::filesystem::path& path);

}  // namespace archdesc::tool
