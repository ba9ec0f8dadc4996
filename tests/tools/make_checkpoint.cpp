// make_checkpoint MODEL OUT [options]: writes a .safetensors checkpoint of a built-in model for the
// tests of `archdesc verify`: its header as PyTorch would write it, its data all zeros (a sparse
// file, so that even an LLM's checkpoint costs nothing). By default the tensors of the model's
// state_dict(), floating ones in F32.
//   --golden FILE      the tensors of a state_dict listing made by torchvision (tests/data/goldens/
//                      state_dicts/NAME.tsv: name, shape, dtype), rather than of the model
//   --parameters-only  only the parameters (named_parameters())
//   --non-persistent   also the non-persistent buffers, in their own dtypes, as transformers before
//                      v4.31 saved them (meta-llama/Llama-2-7b-hf's fp16 shards hold fp32 inv_freq)
//   --dtype D          the floating tensors of state_dict() in the safetensors dtype D (integer ones
//                      keep theirs)
//   --drop NAME, --reshape NAME (last dimension + 1), --extra NAME (a 2x2 F32 tensor)
//   --shards N         OUT is a Hugging Face index (model.safetensors.index.json); the tensors go
//                      into N shards beside it, model-0000k-of-0000N.safetensors
//   --misplace NAME    with --shards: the index names the next shard for NAME
//   --duplicate NAME   with --shards: NAME is also written into the next shard
#include <builtin_models.hpp>

#include <archdesc/dtype.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct tensor {
  std::string name;
  std::vector<std::int64_t> dims;
  archdesc::dtype type = archdesc::dtype::float32;
};

std::uint64_t bytes_of(const tensor& t) {
  auto bytes = static_cast<std::uint64_t>(archdesc::dtype_size(t.type));
  for (std::int64_t size : t.dims) bytes *= static_cast<std::uint64_t>(size);
  return bytes;
}

// A safetensors file of the tensors, its data zeros written as a hole.
void write_safetensors(const std::filesystem::path& path, const std::vector<tensor>& tensors) {
  nlohmann::ordered_json header;
  header["__metadata__"] = {{"format", "pt"}};
  std::uint64_t offset = 0;
  for (const tensor& t : tensors) {
    header[t.name] = {{"dtype", archdesc::safetensors_name(t.type)},
                      {"shape", t.dims},
                      {"data_offsets", {offset, offset + bytes_of(t)}}};
    offset += bytes_of(t);
  }
  const std::string text = header.dump();
  std::ofstream out(path, std::ios::binary);
  const std::uint64_t length = text.size();
  for (int byte = 0; byte < 8; ++byte) out.put(static_cast<char>(length >> (8 * byte) & 0xff));
  out << text;
  out.close();
  if (!out || ::truncate(path.c_str(), static_cast<off_t>(8 + length + offset)) != 0)
    throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

archdesc::dtype dtype_of_torch(std::string_view name) {
  for (archdesc::dtype type : archdesc::all_dtypes)
    if (archdesc::torch_name(type) == name) return type;
  throw std::runtime_error(fmt::format("unknown dtype {}", name));
}

// "name<TAB>(64, 3, 7, 7)<TAB>torch.float32" lines.
std::vector<tensor> read_golden(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", path));
  std::vector<tensor> tensors;
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab1 = line.find('\t'), tab2 = line.rfind('\t');
    tensor t{line.substr(0, tab1), {}, dtype_of_torch(line.substr(tab2 + 1))};
    std::istringstream dims(line.substr(tab1 + 2, tab2 - tab1 - 3));  // inside the parentheses
    for (std::string size; std::getline(dims, size, ',');)
      if (size.find_first_not_of(' ') != std::string::npos) t.dims.push_back(std::stoll(size));
    tensors.push_back(std::move(t));
  }
  return tensors;
}

std::vector<tensor> model_tensors(const archdesc::tool::builtin_model& model, bool parameters_only) {
  const archdesc::trace_result traced = model.trace();
  std::vector<tensor> tensors;
  if (parameters_only) {
    for (const auto& p : traced.parameters) tensors.push_back({p.name, {p.dims.begin(), p.dims.end()}});
  } else {
    for (const auto& entry : traced.state_dict)
      tensors.push_back({entry.name, {entry.dims.begin(), entry.dims.end()}, entry.type});
  }
  return tensors;
}

std::vector<tensor> non_persistent_buffers(const archdesc::tool::builtin_model& model) {
  std::vector<tensor> tensors;
  for (const auto& buffer : model.trace().buffers)
    if (buffer.kind == archdesc::state_kind::non_persistent_buffer)
      tensors.push_back({buffer.name, {buffer.dims.begin(), buffer.dims.end()}, buffer.type});
  return tensors;
}

void write_shards(const std::filesystem::path& index_path, const std::vector<tensor>& tensors, int shards,
                  const std::string& misplace, const std::string& duplicate) {
  const std::filesystem::path directory = index_path.parent_path();
  const auto shard_name = [&](int k) {
    return fmt::format("model-{:05}-of-{:05}.safetensors", k % shards + 1, shards);
  };
  std::vector<std::vector<tensor>> contents(static_cast<std::size_t>(shards));
  nlohmann::ordered_json weight_map;
  std::uint64_t total_size = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const int k = static_cast<int>(i * static_cast<std::size_t>(shards) / tensors.size());
    contents[static_cast<std::size_t>(k)].push_back(tensors[i]);
    if (tensors[i].name == duplicate) contents[static_cast<std::size_t>((k + 1) % shards)].push_back(tensors[i]);
    weight_map[tensors[i].name] = shard_name(tensors[i].name == misplace ? k + 1 : k);
    total_size += bytes_of(tensors[i]);
  }
  for (int k = 0; k < shards; ++k) write_safetensors(directory / shard_name(k), contents[static_cast<std::size_t>(k)]);
  const nlohmann::ordered_json index = {{"metadata", {{"total_size", total_size}}}, {"weight_map", weight_map}};
  std::ofstream(index_path) << index.dump(2) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() < 2) {
    fmt::print(stderr, "usage: make_checkpoint MODEL OUT [options] (see tests/tools/make_checkpoint.cpp)\n");
    return 2;
  }
  const auto* model = archdesc::tool::find_builtin(args[0]);
  if (model == nullptr) {
    fmt::print(stderr, "make_checkpoint: unknown model {}\n", args[0]);
    return 2;
  }
  std::string golden, drop, reshape, extra, misplace, duplicate;
  bool parameters_only = false, non_persistent = false;
  int shards = 0;
  std::optional<archdesc::dtype> floating;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string_view flag = args[i];
    if (flag == "--parameters-only") {
      parameters_only = true;
      continue;
    }
    if (flag == "--non-persistent") {
      non_persistent = true;
      continue;
    }
    if (i + 1 == args.size()) {
      fmt::print(stderr, "make_checkpoint: {} needs a value\n", flag);
      return 2;
    }
    const std::string value(args[++i]);
    const std::pair<std::string_view, std::string*> text_options[] = {
        {"--golden", &golden}, {"--drop", &drop},         {"--reshape", &reshape},
        {"--extra", &extra},   {"--misplace", &misplace}, {"--duplicate", &duplicate}};
    const auto text_option = std::find_if(std::begin(text_options), std::end(text_options),
                                          [&](const auto& option) { return option.first == flag; });
    if (text_option != std::end(text_options)) {
      *text_option->second = value;
    } else if (flag == "--shards") {
      shards = std::stoi(value);
    } else if (flag == "--dtype" && archdesc::dtype_from_safetensors(value)) {
      floating = archdesc::dtype_from_safetensors(value);
    } else {
      fmt::print(stderr, "make_checkpoint: unknown option {} {}\n", flag, value);
      return 2;
    }
  }
  try {
    std::vector<tensor> tensors;
    for (tensor& t : golden.empty() ? model_tensors(*model, parameters_only) : read_golden(golden)) {
      if (floating && archdesc::is_floating(t.type)) t.type = *floating;
      tensors.push_back(std::move(t));
    }
    if (non_persistent)
      for (tensor& t : non_persistent_buffers(*model)) tensors.push_back(std::move(t));
    std::erase_if(tensors, [&](const tensor& t) { return t.name == drop; });
    for (tensor& t : tensors)
      if (t.name == reshape) t.dims.back() += 1;
    if (!extra.empty()) tensors.push_back({extra, {2, 2}});
    if (shards > 0) {
      write_shards(std::string(args[1]), tensors, shards, misplace, duplicate);
    } else {
      write_safetensors(std::string(args[1]), tensors);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "make_checkpoint: {}\n", e.what());
    return 1;
  }
  return 0;
}
