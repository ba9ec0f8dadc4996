// make_checkpoint MODEL OUT [--drop NAME] [--reshape NAME] [--extra NAME]
// Writes a .safetensors file with the tensors of a built-in model (F32, data all zeros, as a
// sparse file), optionally with one tensor dropped, reshaped or added, for the tests of
// `archdesc verify`.
#include <builtin_models.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  if (argc < 3 || argc % 2 == 0) {
    fmt::print(stderr, "usage: make_checkpoint MODEL OUT [--drop NAME] [--reshape NAME] [--extra NAME]\n");
    return 2;
  }
  const auto* model = archdesc::tool::find_builtin(argv[1]);
  if (model == nullptr) {
    fmt::print(stderr, "make_checkpoint: unknown model {}\n", argv[1]);
    return 2;
  }
  std::string drop, reshape, extra;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    (flag == "--drop" ? drop : flag == "--reshape" ? reshape : extra) = argv[i + 1];
  }
  nlohmann::ordered_json header;
  header["__metadata__"] = {{"format", "pt"}};
  std::uint64_t offset = 0;
  const auto add = [&](const std::string& name, std::vector<std::int64_t> dims) {
    std::uint64_t bytes = 4;
    for (std::int64_t size : dims) bytes *= static_cast<std::uint64_t>(size);
    header[name] = {{"dtype", "F32"}, {"shape", dims}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  };
  for (const auto& p : model->trace().parameters) {
    if (p.name == drop) continue;
    std::vector<std::int64_t> dims(p.dims.begin(), p.dims.end());
    if (p.name == reshape) dims.back() += 1;
    add(p.name, dims);
  }
  if (!extra.empty()) add(extra, {2, 2});
  const std::string text = header.dump();
  std::ofstream out(argv[2], std::ios::binary);
  std::uint64_t length = text.size();
  for (int byte = 0; byte < 8; ++byte) out.put(static_cast<char>(length >> (8 * byte) & 0xff));
  out << text;
  out.close();
  // The data: zeros, without writing them.
  if (!out || ::truncate(argv[2], static_cast<off_t>(8 + length + offset)) != 0) {
    fmt::print(stderr, "make_checkpoint: cannot write {}\n", argv[2]);
    return 1;
  }
  return 0;
}
