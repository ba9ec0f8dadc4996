#include <archdesc/tool/safetensors.hpp>

#include <archdesc/tool/input_file.hpp>
#include <archdesc/tool/printable.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace archdesc::tool {
namespace {

// A valid header nests three deep (the header, a tensor, its shape); anything much deeper is
// refused while it is read, so that nothing recurses far.
constexpr std::size_t max_depth = 8;

// Bits per element of the reference implementation's dtypes; 0 for an unknown dtype.
std::uint64_t dtype_bits(std::string_view dtype) {
  constexpr std::pair<std::string_view, std::uint64_t> bits[] = {
      {"BOOL", 8},        {"F4", 4},          {"F6_E2M3", 6}, {"F6_E3M2", 6}, {"U8", 8},   {"I8", 8},
      {"F8_E5M2", 8},     {"F8_E4M3", 8},     {"F8_E8M0", 8}, {"I16", 16},    {"U16", 16}, {"F16", 16},
      {"F8_E4M3FNUZ", 8}, {"F8_E5M2FNUZ", 8}, {"BF16", 16},   {"I32", 32},    {"U32", 32}, {"F32", 32},
      {"C64", 64},        {"F64", 64},        {"I64", 64},    {"U64", 64}};
  for (const auto& [name, size] : bits)
    if (name == dtype) return size;
  return 0;
}

std::uint64_t read_length(std::string_view bytes) {
  std::uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = length << 8 | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  return length;
}

// Reads the header in one pass, building the tensors as their fields arrive: no JSON document is
// built, so that a header of a million tensors costs linear time and the memory of the tensors.
class header_reader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::vector<checkpoint_tensor> tensors;
  const std::string& problem() const { return problem_; }

  bool null() override { return scalar(kind::null, nullptr, nullptr); }
  bool boolean(bool) override { return scalar(kind::other, nullptr, nullptr); }
  bool number_integer(number_integer_t) override { return scalar(kind::other, nullptr, nullptr); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(kind::other, &value, nullptr); }
  bool number_float(number_float_t, const string_t&) override { return scalar(kind::other, nullptr, nullptr); }
  bool string(string_t& value) override { return scalar(kind::other, nullptr, &value); }
  bool binary(binary_t&) override { return scalar(kind::other, nullptr, nullptr); }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool key(string_t& key) override;
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    return refuse(fmt::format("the header is not valid JSON (at byte {})", position));
  }

 private:
  enum class field { dtype, shape, data_offsets, other };
  enum class kind { null, other };
  static constexpr unsigned seen_dtype = 1, seen_shape = 2, seen_offsets = 4;

  bool refuse(std::string problem) {
    problem_ = std::move(problem);
    return false;
  }
  std::string tensor_name() const { return fmt::format("tensor '{}'", printable(tensors.back().name)); }
  // A value that is not a container; `number` is set for a non-negative integer, `text` for a string.
  bool scalar(kind what, const number_unsigned_t* number, string_t* text);
  bool open(bool object);
  bool close();
  bool finish_tensor();

  std::size_t depth_ = 0;       // containers open
  std::size_t skip_depth_ = 0;  // the depth of an unknown field's container, skipped whole; 0 if none
  bool in_metadata_ = false;    // the value of "__metadata__" rather than a tensor's
  bool metadata_seen_ = false;
  field field_ = field::other;
  unsigned seen_ = 0;  // the fields of the current tensor
  std::size_t offsets_count_ = 0;
  std::string metadata_key_;
  std::string problem_;
};

bool header_reader::key(string_t& key) {
  if (skip_depth_ != 0) return true;
  if (depth_ == 1) {
    in_metadata_ = key == "__metadata__";
    if (in_metadata_) {
      if (metadata_seen_) return refuse("\"__metadata__\" appears twice");
      metadata_seen_ = true;
      return true;
    }
    tensors.push_back({std::move(key), {}, {}, {}});
    seen_ = 0;
    offsets_count_ = 0;
    return true;
  }
  if (in_metadata_) {
    metadata_key_ = std::move(key);
    return true;
  }
  const std::pair<std::string_view, field> fields[] = {
      {"dtype", field::dtype}, {"shape", field::shape}, {"data_offsets", field::data_offsets}};
  field_ = field::other;
  for (const auto& [name, which] : fields) {
    if (name != key) continue;
    const unsigned bit = 1u << static_cast<unsigned>(which);
    if (seen_ & bit) return refuse(fmt::format("{}: \"{}\" appears twice", tensor_name(), name));
    seen_ |= bit;
    field_ = which;
  }
  return true;
}

bool header_reader::scalar(kind what, const number_unsigned_t* number, string_t* text) {
  if (skip_depth_ != 0) return true;
  switch (depth_) {
    case 0:
      return refuse("the header is not a JSON object");
    case 1:
      if (in_metadata_) return what == kind::null ? true : refuse("\"__metadata__\" is not an object");
      return refuse(fmt::format("{}: the entry is not an object", tensor_name()));
    case 2:
      if (in_metadata_) {
        if (text != nullptr) return true;
        return refuse(fmt::format("\"__metadata__\": the value of '{}' is not a string", printable(metadata_key_)));
      }
      if (field_ == field::dtype) {
        if (text == nullptr) return refuse(fmt::format("{}: \"dtype\" is not a string", tensor_name()));
        tensors.back().dtype = std::move(*text);
      } else if (field_ == field::shape) {
        return refuse(fmt::format("{}: \"shape\" is not an array", tensor_name()));
      } else if (field_ == field::data_offsets) {
        return refuse(fmt::format("{}: \"data_offsets\" is not a pair of non-negative integers", tensor_name()));
      }
      return true;
    default:  // 3: an element of the shape or of the offsets
      if (field_ == field::shape) {
        if (number == nullptr || *number > static_cast<std::uint64_t>(INT64_MAX))
          return refuse(fmt::format("{}: a dimension is not a non-negative 64-bit integer", tensor_name()));
        std::vector<std::int64_t>& dims = tensors.back().shape;
        if (dims.size() == static_cast<std::size_t>(shape::max_rank))
          return refuse(fmt::format("{}: more than {} dimensions", tensor_name(), shape::max_rank));
        dims.push_back(static_cast<std::int64_t>(*number));
        return true;
      }
      if (number == nullptr || offsets_count_ == 2)
        return refuse(fmt::format("{}: \"data_offsets\" is not a pair of non-negative integers", tensor_name()));
      tensors.back().data_offsets[offsets_count_++] = *number;
      return true;
  }
}

bool header_reader::open(bool object) {
  if (++depth_ > max_depth) return refuse(fmt::format("the header nests deeper than {} levels", max_depth));
  if (skip_depth_ != 0) return true;
  switch (depth_) {
    case 1:
      return object ? true : refuse("the header is not a JSON object");
    case 2:
      if (in_metadata_) return object ? true : refuse("\"__metadata__\" is not an object");
      return object ? true : refuse(fmt::format("{}: the entry is not an object", tensor_name()));
    case 3:
      if (in_metadata_)
        return refuse(fmt::format("\"__metadata__\": the value of '{}' is not a string", printable(metadata_key_)));
      switch (field_) {
        case field::dtype:
          return refuse(fmt::format("{}: \"dtype\" is not a string", tensor_name()));
        case field::shape:
          return object ? refuse(fmt::format("{}: \"shape\" is not an array", tensor_name())) : true;
        case field::data_offsets:
          return object
                     ? refuse(fmt::format("{}: \"data_offsets\" is not a pair of non-negative integers", tensor_name()))
                     : true;
        case field::other:
          skip_depth_ = depth_;  // a field the format does not define: ignored, as the reference does
          return true;
      }
      return true;
    default:  // a container inside a shape or the offsets
      return refuse(field_ == field::shape
                        ? fmt::format("{}: a dimension is not a non-negative 64-bit integer", tensor_name())
                        : fmt::format("{}: \"data_offsets\" is not a pair of non-negative integers", tensor_name()));
  }
}

bool header_reader::close() {
  const std::size_t closing = depth_--;
  if (skip_depth_ != 0) {
    if (closing == skip_depth_) skip_depth_ = 0;
    return true;
  }
  if (closing == 3 && field_ == field::data_offsets && offsets_count_ != 2)
    return refuse(fmt::format("{}: \"data_offsets\" is not a pair of non-negative integers", tensor_name()));
  if (closing == 2 && !in_metadata_) return finish_tensor();
  return true;
}

// The checks of one tensor on its own: every field, a known dtype, and as many bytes as its shape needs.
bool header_reader::finish_tensor() {
  checkpoint_tensor& tensor = tensors.back();
  for (const auto& [bit, name] :
       {std::pair{seen_dtype, "dtype"}, {seen_shape, "shape"}, {seen_offsets, "data_offsets"}})
    if (!(seen_ & bit)) return refuse(fmt::format("{}: \"{}\" is missing", tensor_name(), name));
  const std::uint64_t bits = dtype_bits(tensor.dtype);
  if (bits == 0) return refuse(fmt::format("{}: unknown dtype '{}'", tensor_name(), printable(tensor.dtype)));
  const auto [begin, end] = tensor.data_offsets;
  if (begin > end)
    return refuse(fmt::format("{}: data_offsets [{}, {}] end before they begin", tensor_name(), begin, end));
  std::uint64_t elements = 1;
  for (std::int64_t size : tensor.shape)
    if (__builtin_mul_overflow(elements, static_cast<std::uint64_t>(size), &elements))
      return refuse(fmt::format("{}: the element count overflows 64 bits", tensor_name()));
  std::uint64_t total_bits = 0;
  if (__builtin_mul_overflow(elements, bits, &total_bits))
    return refuse(fmt::format("{}: its size in bytes overflows 64 bits", tensor_name()));
  if (total_bits % 8 != 0)
    return refuse(fmt::format("{}: {} elements of {} do not fill whole bytes", tensor_name(), elements, tensor.dtype));
  if (total_bits / 8 != end - begin)
    return refuse(fmt::format("{}: data_offsets [{}, {}] hold {} bytes, but shape [{}] of {} needs {}", tensor_name(),
                              begin, end, end - begin, fmt::join(tensor.shape, ", "), tensor.dtype, total_bits / 8));
  return true;
}

// The checks across tensors: no name twice, and the data covered exactly, as the reference
// implementation checks it: in the order of the offsets, each tensor starts where the one before
// ends, the first at 0, and the last ends where the file does.
void check_layout(const std::vector<checkpoint_tensor>& tensors, std::uint64_t data_size) {
  std::unordered_set<std::string_view> names;
  names.reserve(tensors.size());
  for (const auto& tensor : tensors)
    if (!names.insert(tensor.name).second)
      throw_checkpoint_error(fmt::format("the tensor name '{}' appears twice", printable(tensor.name)));

  std::vector<const checkpoint_tensor*> by_offset(tensors.size());
  std::transform(tensors.begin(), tensors.end(), by_offset.begin(), [](const auto& tensor) { return &tensor; });
  std::stable_sort(by_offset.begin(), by_offset.end(),
                   [](const auto* a, const auto* b) { return a->data_offsets < b->data_offsets; });
  std::uint64_t covered = 0;
  const checkpoint_tensor* previous = nullptr;
  for (const checkpoint_tensor* tensor : by_offset) {
    const auto [begin, end] = tensor->data_offsets;
    if (begin < covered)
      throw_checkpoint_error(fmt::format("tensors '{}' [{}, {}] and '{}' [{}, {}] overlap in the data",
                                         printable(previous->name), previous->data_offsets[0],
                                         previous->data_offsets[1], printable(tensor->name), begin, end));
    if (begin > covered)
      throw_checkpoint_error(fmt::format("bytes [{}, {}] of the data belong to no tensor", covered, begin));
    covered = end;
    previous = tensor;
  }
  if (covered > data_size)
    throw_checkpoint_error(fmt::format("tensor '{}': data_offsets [{}, {}] lie outside the {} bytes of data",
                                       printable(previous->name), previous->data_offsets[0], previous->data_offsets[1],
                                       data_size));
  if (covered < data_size)
    throw_checkpoint_error(
        fmt::format("the tensors cover {} bytes of data, but {} follow the header", covered, data_size));
}

}  // namespace

std::vector<checkpoint_tensor> parse_safetensors_header(std::string_view bytes, std::uint64_t file_size) {
  if (file_size < 8 || bytes.size() < 8)
    throw_checkpoint_error(fmt::format("the file has {} bytes, fewer than the 8 of the header length", file_size));
  const std::uint64_t length = read_length(bytes);
  if (length > max_header_bytes)
    throw_checkpoint_error(fmt::format("the header length {} exceeds the limit of {} bytes", length, max_header_bytes));
  if (length > file_size - 8)
    throw_checkpoint_error(
        fmt::format("the header length {} exceeds the {} bytes that follow it", length, file_size - 8));
  if (bytes.size() < 8 + length) throw_checkpoint_error("the file ends inside its header");

  header_reader reader;
  if (!nlohmann::json::sax_parse(bytes.substr(8, length), &reader, nlohmann::json::input_format_t::json, true, false))
    throw_checkpoint_error(reader.problem().empty() ? "the header is not valid JSON" : reader.problem());
  check_layout(reader.tensors, file_size - 8 - length);
  return std::move(reader.tensors);
}

std::vector<checkpoint_tensor> read_safetensors_header(const std::filesystem::path& path) {
  const input_file file(path);
  std::string bytes = file.read(0, 8);
  if (bytes.size() == 8) {
    const std::uint64_t length = read_length(bytes);
    if (length <= max_header_bytes && length <= file.size() - 8)  // else parse_safetensors_header says what is wrong
      bytes += file.read(8, static_cast<std::size_t>(length));
  }
  try {
    return parse_safetensors_header(bytes, file.size());
  } catch (const checkpoint_error& e) {
    throw_checkpoint_error(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace archdesc::tool
