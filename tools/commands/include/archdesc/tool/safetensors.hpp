// archdesc/tool/safetensors.hpp: the header of a .safetensors checkpoint, read without its weights
// (<archdesc/tool/checkpoint.hpp> reads sharded checkpoints and compares them with a model).
//
// The file starts with an 8-byte little-endian length N, then N bytes of JSON:
// {"name": {"dtype": "F32", "shape": [64, 3, 7, 7], "data_offsets": [0, 37632]}, ...,
//  "__metadata__": {"key": "value"}}, then the data. The file is untrusted: every malformation is a
// checkpoint_error, never a crash, a hang or an unbounded allocation. The rules are those of the
// format's reference implementation (huggingface/safetensors, safetensors/src/tensor.rs): a header
// of at most 100,000,000 bytes; no name twice; "__metadata__" absent, null or an object of strings;
// each tensor's data_offsets hold exactly its shape times its dtype's size; and the tensors, in the
// order of their offsets, cover the data from its first byte to the file's end, without overlap or
// hole.
#pragma once

#include <archdesc/shape.hpp>

#include <array>
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

// How the checkpoint readers (safetensors.cpp, checkpoint.cpp) refuse a file.
[[noreturn]] inline void throw_checkpoint_error(const std::string& what) { throw checkpoint_error(what); }

struct checkpoint_tensor {
  std::string name;
  std::string dtype;
  std::vector<std::int64_t> shape;
  std::array<std::uint64_t, 2> data_offsets{};  // [begin, end) in the data, which follows the header
};

// A header larger than this is refused (the reference implementation's MAX_HEADER_SIZE).
inline constexpr std::uint64_t max_header_bytes = 100'000'000;

// Parses the start of a file of `file_size` bytes: `bytes` must hold the 8-byte length and
// the header (or the whole file, when it is shorter). The tensors come in the header's order.
// Linear in the header's size (bench/checkpoint_header: `archdesc verify` reads, checks and compares a
// million tensors in about 2 s).
std::vector<checkpoint_tensor> parse_safetensors_header(std::string_view bytes, std::uint64_t file_size);

// Reads only the length and the header of the file at `path`, which must be a regular file: a
// FIFO, device or directory is refused at once, without waiting on it.
std::vector<checkpoint_tensor> read_safetensors_header(const std::filesystem::path& path);

}  // namespace archdesc::tool
