#include <archdesc/tool/safetensors.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace archdesc::tool {
namespace {

// A valid header nests three deep (the header, a tensor, its shape); anything much deeper is
// refused before a document is built, so that neither parsing nor destroying it can recurse far.
constexpr std::size_t max_depth = 8;

// First pass over the JSON: its depth and duplicate tensor names, without building anything.
class structure_check : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool key(string_t& key) override {
    if (depth_ == 1 && !names_.insert(key).second) {
      problem_ = fmt::format("the tensor name '{}' appears twice", key);
      return false;
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    problem_ = fmt::format("the header is not valid JSON (at byte {})", position);
    return false;
  }
  const std::string& problem() const { return problem_; }

 private:
  bool enter() {
    if (++depth_ <= max_depth) return true;
    problem_ = fmt::format("the header nests deeper than {} levels", max_depth);
    return false;
  }
  bool leave() {
    --depth_;
    return true;
  }
  std::size_t depth_ = 0;
  std::set<std::string> names_;
  std::string problem_;
};

[[noreturn]] void fail(const std::string& what) { throw checkpoint_error(what); }

// Bytes per element of safetensors' dtypes; 0 for an unknown dtype.
std::uint64_t dtype_size(std::string_view dtype) {
  constexpr std::pair<std::string_view, std::uint64_t> sizes[] = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E4M3", 1}, {"F8_E5M2", 1}, {"I16", 2}, {"U16", 2}, {"F16", 2},
      {"BF16", 2}, {"I32", 4}, {"U32", 4}, {"F32", 4},     {"I64", 8},     {"U64", 8}, {"F64", 8}};
  for (const auto& [name, size] : sizes)
    if (name == dtype) return size;
  return 0;
}

std::uint64_t read_length(std::string_view bytes) {
  std::uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = length << 8 | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  return length;
}

checkpoint_tensor read_tensor(const std::string& name, const nlohmann::ordered_json& entry, std::uint64_t data_size) {
  if (!entry.is_object()) fail(fmt::format("tensor '{}': the entry is not an object", name));
  const auto dtype = entry.find("dtype");
  const auto dims = entry.find("shape");
  const auto offsets = entry.find("data_offsets");
  if (dtype == entry.end() || !dtype->is_string())
    fail(fmt::format("tensor '{}': \"dtype\" is missing or not a string", name));
  if (dims == entry.end() || !dims->is_array())
    fail(fmt::format("tensor '{}': \"shape\" is missing or not an array", name));
  if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
      !(*offsets)[1].is_number_unsigned())
    fail(fmt::format("tensor '{}': \"data_offsets\" is not a pair of non-negative integers", name));
  const auto begin = (*offsets)[0].get<std::uint64_t>(), end = (*offsets)[1].get<std::uint64_t>();
  if (begin > end || end > data_size)
    fail(fmt::format("tensor '{}': data_offsets [{}, {}] lie outside the {} bytes of data", name, begin, end,
                     data_size));
  checkpoint_tensor tensor{name, dtype->get<std::string>(), {}};
  const std::uint64_t element_size = dtype_size(tensor.dtype);
  if (element_size == 0) fail(fmt::format("tensor '{}': unknown dtype '{}'", name, tensor.dtype));
  if (dims->size() > static_cast<std::size_t>(shape::max_rank))
    fail(fmt::format("tensor '{}': {} dimensions, more than {}", name, dims->size(), shape::max_rank));
  std::int64_t elements = 1;
  for (const auto& size : *dims) {
    if (!size.is_number_unsigned() || size.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      fail(fmt::format("tensor '{}': a dimension is not a non-negative 64-bit integer: {}", name, size.dump()));
    const auto value = static_cast<std::int64_t>(size.get<std::uint64_t>());
    if (__builtin_mul_overflow(elements, value, &elements))
      fail(fmt::format("tensor '{}': the element count overflows 64 bits", name));
    tensor.shape.push_back(value);
  }
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(static_cast<std::uint64_t>(elements), element_size, &bytes))
    fail(fmt::format("tensor '{}': its size in bytes overflows 64 bits", name));
  if (bytes != end - begin)
    fail(fmt::format("tensor '{}': data_offsets [{}, {}] hold {} bytes, but shape [{}] of {} needs {}", name, begin,
                     end, end - begin, fmt::join(tensor.shape, ", "), tensor.dtype, bytes));
  return tensor;
}

}  // namespace

std::vector<checkpoint_tensor> parse_safetensors_header(std::string_view bytes, std::uint64_t file_size) {
  if (file_size < 8 || bytes.size() < 8)
    fail(fmt::format("the file has {} bytes, fewer than the 8 of the header length", file_size));
  const std::uint64_t length = read_length(bytes);
  if (length > max_header_bytes)
    fail(fmt::format("the header length {} exceeds the limit of {} bytes", length, max_header_bytes));
  if (length > file_size - 8)
    fail(fmt::format("the header length {} exceeds the {} bytes that follow it", length, file_size - 8));
  if (bytes.size() < 8 + length) fail("the file ends inside its header");
  const std::string_view text = bytes.substr(8, length);

  structure_check check;
  if (!nlohmann::json::sax_parse(text, &check, nlohmann::json::input_format_t::json, true, false))
    fail(check.problem().empty() ? "the header is not valid JSON" : check.problem());
  const nlohmann::ordered_json header = nlohmann::ordered_json::parse(text);  // keeps the file's order
  if (!header.is_object()) fail("the header is not a JSON object");

  std::vector<checkpoint_tensor> tensors;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) fail("\"__metadata__\" is not an object");
      for (const auto& [key, value] : entry.items())
        if (!value.is_string()) fail(fmt::format("\"__metadata__\": the value of '{}' is not a string", key));
      continue;
    }
    tensors.push_back(read_tensor(name, entry, file_size - 8 - length));
  }
  return tensors;
}

std::vector<checkpoint_tensor> read_safetensors_header(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) fail(fmt::format("cannot read {}: {}", path, error.message()));
  std::string bytes(8, '\0');
  if (!file.read(bytes.data(), 8))
    fail(fmt::format("{}: the file has {} bytes, fewer than the 8 of the header length", path, size));
  const std::uint64_t length = read_length(bytes);
  if (length <= max_header_bytes && length <= size - 8) {  // else parse_safetensors_header says what is wrong
    bytes.resize(8 + length);
    if (!file.read(bytes.data() + 8, static_cast<std::streamsize>(length)))
      fail(fmt::format("{}: the file ends inside its header", path));
  }
  try {
    return parse_safetensors_header(bytes, size);
  } catch (const checkpoint_error& e) {
    fail(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace archdesc::tool
