#include <archdesc/tool/checkpoint.hpp>
#include <archdesc/tool/input_file.hpp>
#include <archdesc/tool/printable.hpp>

#include <archdesc/report.hpp>

#include <fmt/format.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace archdesc::tool {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view index_suffix = ".safetensors.index.json";

bool ends_with(const fs::path& path, std::string_view suffix) { return path.filename().string().ends_with(suffix); }

std::string read_index_text(const fs::path& path) {
  const input_file file(path);  // a regular file, or an error at once (a FIFO would block)
  if (file.size() > max_header_bytes)
    throw_checkpoint_error(fmt::format("{}: {} bytes, more than an index may have", path, file.size()));
  return file.read(0, static_cast<std::size_t>(file.size()));
}

// An index nests three deep ({"weight_map": {"name": "shard"}}); a much deeper document is refused
// before one is built, so that neither parsing nor destroying it can recurse far.
void check_depth(const fs::path& path, std::string_view text) {
  constexpr int max_depth = 8;
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if ((c == '{' || c == '[') && ++depth > max_depth) {
      throw_checkpoint_error(fmt::format("{}: nests deeper than {} levels", path, max_depth));
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
}

std::uint64_t tensor_bytes(const checkpoint_tensor& tensor) {
  const std::optional<archdesc::dtype> type = dtype_from_safetensors(tensor.dtype);
  if (!type) throw_checkpoint_error(fmt::format("tensor '{}': unknown dtype '{}'", tensor.name, tensor.dtype));
  auto bytes = static_cast<std::uint64_t>(dtype_size(*type));
  for (std::int64_t size : tensor.shape) bytes *= static_cast<std::uint64_t>(size);  // the parser checked overflow
  return bytes;
}

// The shards read so far: where each tensor was first found, and the tensors found twice.
struct shard_union {
  checkpoint_files files;
  std::unordered_map<std::string, std::string> shard_of;
  std::unordered_set<std::string> duplicated;

  void add(const std::string& shard, std::vector<checkpoint_tensor> tensors) {
    ++files.file_count;
    for (checkpoint_tensor& tensor : tensors) {
      const auto [earlier, added] = shard_of.emplace(tensor.name, shard);
      if (!added) {
        files.problems.push_back(fmt::format("{} is in both {} and {}", printable(tensor.name),
                                             printable(earlier->second), printable(shard)));
        duplicated.insert(tensor.name);
        continue;
      }
      files.tensors.push_back(std::move(tensor));
    }
  }
};

checkpoint_files read_index(const fs::path& index_path) {
  nlohmann::json index;
  try {
    const std::string text = read_index_text(index_path);
    check_depth(index_path, text);
    index = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    throw_checkpoint_error(fmt::format("{}: not valid JSON", index_path));
  }
  const auto weight_map = index.is_object() ? index.find("weight_map") : index.end();
  if (weight_map == index.end() || !weight_map->is_object())
    throw_checkpoint_error(fmt::format("{}: no \"weight_map\" object", index_path));
  std::set<std::string> shards;
  std::map<std::string, std::string> named_shard;
  for (const auto& [tensor, shard] : weight_map->items()) {
    if (!shard.is_string())
      throw_checkpoint_error(fmt::format("{}: the shard of '{}' is not a string", index_path, tensor));
    const std::string& file = shard.get_ref<const std::string&>();
    // A shard is a file beside the index, never a path elsewhere.
    if (file.empty() || file == "." || file == ".." || file.find('/') != std::string::npos)
      throw_checkpoint_error(fmt::format("{}: the shard '{}' of '{}' is not a file name", index_path, file, tensor));
    shards.insert(file);
    named_shard.emplace(tensor, file);
  }
  shard_union read;
  for (const std::string& shard : shards) read.add(shard, read_safetensors_header(index_path.parent_path() / shard));
  checkpoint_files& files = read.files;
  for (const auto& [tensor, shard] : read.shard_of) {
    if (read.duplicated.contains(tensor)) continue;  // said already
    const auto named = named_shard.find(tensor);
    if (named == named_shard.end()) {
      files.problems.push_back(
          fmt::format("{} is in {}, but the index names no shard for it", printable(tensor), printable(shard)));
    } else if (named->second != shard) {
      files.problems.push_back(fmt::format("{} is in {}, but the index names {}", printable(tensor), printable(shard),
                                           printable(named->second)));
    }
  }
  for (const auto& [tensor, shard] : named_shard)
    if (!read.shard_of.contains(tensor))
      files.problems.push_back(
          fmt::format("{}: the index names {}, which does not hold it", printable(tensor), printable(shard)));
  std::sort(files.problems.begin(), files.problems.end());
  const auto metadata = index.find("metadata");
  if (metadata != index.end() && metadata->is_object()) {
    const auto total_size = metadata->find("total_size");
    if (total_size != metadata->end() && total_size->is_number_unsigned()) {
      std::uint64_t bytes = 0;
      for (const checkpoint_tensor& tensor : files.tensors) bytes += tensor_bytes(tensor);
      if (total_size->get<std::uint64_t>() != bytes)
        files.problems.push_back(fmt::format("the index's total_size is {} bytes, its shards' tensors hold {}",
                                             total_size->get<std::uint64_t>(), bytes));
    }
  }
  return std::move(files);
}

checkpoint_files read_directory(const fs::path& directory) {
  std::vector<fs::path> indexes, shards;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
    if (ends_with(entry.path(), index_suffix)) indexes.push_back(entry.path());
    if (ends_with(entry.path(), ".safetensors")) shards.push_back(entry.path());
  }
  if (error) throw_checkpoint_error(fmt::format("cannot read the directory {}: {}", directory, error.message()));
  if (indexes.size() > 1)
    throw_checkpoint_error(fmt::format("{} holds {} indexes (*{}): name one", directory, indexes.size(), index_suffix));
  if (indexes.size() == 1) return read_index(indexes.front());
  if (shards.empty()) throw_checkpoint_error(fmt::format("{} holds no .safetensors file", directory));
  std::sort(shards.begin(), shards.end());
  shard_union read;
  for (const fs::path& shard : shards) read.add(shard.filename().string(), read_safetensors_header(shard));
  return std::move(read.files);
}

std::string shape_of(const std::vector<std::int64_t>& dims) {
  shape s;
  for (std::int64_t size : dims) s.push_back(size);
  return shape_text(s);
}

}  // namespace

checkpoint_files read_checkpoint(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) return read_directory(path);
  if (ends_with(path, ".json")) return read_index(path);
  checkpoint_files files;
  files.tensors = read_safetensors_header(path);
  files.file_count = 1;
  return files;
}

checkpoint_comparison compare_checkpoint(const std::vector<checkpoint_tensor>& checkpoint, const trace_result& model,
                                         const comparison_options& options) {
  std::vector<tensor_info> parameters;
  if (options.parameters_only)
    for (const parameter_info& p : model.parameters) parameters.push_back({p.name, p.dims});
  const std::vector<tensor_info>& expected = options.parameters_only ? parameters : model.state_dict;

  std::unordered_map<std::string_view, const checkpoint_tensor*> by_name;
  std::map<std::string, std::int64_t> dtypes;
  for (const checkpoint_tensor& tensor : checkpoint) {
    by_name.emplace(tensor.name, &tensor);
    ++dtypes[tensor.dtype];
  }
  checkpoint_comparison comparison;
  comparison.compared = expected.size();
  comparison.dtypes.assign(dtypes.begin(), dtypes.end());
  std::unordered_set<std::string_view> seen;
  for (const tensor_info& entry : expected) {
    const auto found = by_name.find(entry.name);
    if (found == by_name.end()) {
      (entry.kind == state_kind::tied_parameter ? comparison.tied_absent : comparison.missing)
          .push_back(fmt::format("{} {}", entry.name, shape_text(entry.dims)));
      continue;
    }
    seen.insert(entry.name);
    const checkpoint_tensor& tensor = *found->second;
    if (!std::equal(tensor.shape.begin(), tensor.shape.end(), entry.dims.begin(), entry.dims.end()))
      comparison.misshaped.push_back(
          fmt::format("{}: checkpoint {}, model {}", entry.name, shape_of(tensor.shape), shape_text(entry.dims)));
    if (options.floating_dtype) {
      const archdesc::dtype wanted = is_floating(entry.type) ? *options.floating_dtype : entry.type;
      if (tensor.dtype != safetensors_name(wanted))
        comparison.wrong_dtype.push_back(
            fmt::format("{}: checkpoint {}, expected {}", entry.name, tensor.dtype, safetensors_name(wanted)));
    }
  }
  std::unordered_set<std::string_view> buffers;
  if (options.ignore_buffers_on_load)
    for (const tensor_info& buffer : model.buffers) buffers.insert(buffer.name);
  for (const checkpoint_tensor& tensor : checkpoint) {
    if (seen.contains(tensor.name)) continue;
    if (buffers.contains(tensor.name)) {
      comparison.ignored.push_back(
          fmt::format("{} {} {}", printable(tensor.name), shape_of(tensor.shape), printable(tensor.dtype)));
    } else {
      comparison.unexpected.push_back(printable(tensor.name));
    }
  }
  return comparison;
}

}  // namespace archdesc::tool
