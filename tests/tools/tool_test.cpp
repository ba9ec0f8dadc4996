// The command's parts: checkpoint headers (untrusted input), JSON and CSV reports, charts,
// atomic output and diffs.
#include <test_data.hpp>

#include <archdesc/trace.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/t5.hpp>

#include <archdesc/tool/atomic_file.hpp>
#include <archdesc/tool/checkpoint.hpp>
#include <archdesc/tool/input_file.hpp>
#include <archdesc/tool/options.hpp>
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/printable.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/safetensors.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <filesystem>
#include <tuple>

namespace tool_test {

using archdesc::tool::checkpoint_error;
using archdesc::tool::parse_safetensors_header;

namespace {

// A safetensors file: the 8-byte little-endian length, the header, then data_bytes of data.
std::string safetensors_file(const std::string& header, std::size_t data_bytes = 0) {
  std::string bytes;
  for (int byte = 0; byte < 8; ++byte) bytes += static_cast<char>(header.size() >> (8 * byte) & 0xff);
  return bytes + header + std::string(data_bytes, '\0');
}

auto parse(const std::string& file) { return parse_safetensors_header(file, file.size()); }

std::filesystem::path scratch_directory() {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("archdesc-tool-test-{}", ::getpid());
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a valid safetensors header gives every tensor's name, dtype and shape", "[checkpoint]") {
  const auto tensors = parse(safetensors_file(
      R"({"__metadata__":{"format":"pt"},"fc.weight":{"dtype":"F32","shape":[10,4],"data_offsets":[0,160]},)"
      R"("fc.bias":{"dtype":"BF16","shape":[10],"data_offsets":[160,180]},)"
      R"("step":{"dtype":"I64","shape":[],"data_offsets":[180,188]}})",
      188));
  REQUIRE(tensors.size() == 3);
  CHECK(tensors[0].name == "fc.weight");
  CHECK(tensors[0].shape == std::vector<std::int64_t>{10, 4});
  CHECK(tensors[1].dtype == "BF16");
  CHECK(tensors[2].shape.empty());
}

TEST_CASE("malformed safetensors headers are refused with a reason", "[checkpoint]") {
  const std::string tensor = R"({"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
  CHECK_THROWS_WITH(parse(""), Catch::Contains("fewer than the 8"));
  CHECK_THROWS_WITH(parse(std::string("\x05\0\0", 3)), Catch::Contains("fewer than the 8"));
  CHECK_THROWS_WITH(parse(safetensors_file("{}").substr(0, 9)), Catch::Contains("exceeds the 1 bytes"));
  std::string absurd = safetensors_file("{}");
  absurd[7] = '\x7f';
  CHECK_THROWS_WITH(parse(absurd), Catch::Contains("exceeds the limit"));
  CHECK_THROWS_WITH(parse(safetensors_file("{\"a\":")), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(parse(safetensors_file("[1, 2]")), Catch::Contains("not a JSON object"));
  CHECK_THROWS_WITH(parse(safetensors_file(std::string(100000, '[') + std::string(100000, ']'))),
                    Catch::Contains("not a JSON object"));
  CHECK_THROWS_WITH(
      parse(safetensors_file(R"({"a":{"note":)" + std::string(100000, '[') + std::string(100000, ']') + "}}")),
      Catch::Contains("nests deeper"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":)" + tensor + R"(,"a":)" + tensor + "}", 8)),
                    Catch::Contains("'a' appears twice"));
  // {header, bytes of data, what the message says}
  const std::tuple<std::string, std::size_t, std::string> refused[] = {
      {R"({"a":[]})", 0, "not an object"},
      {R"({"a":{"dtype":7,"shape":[2],"data_offsets":[0,8]}})", 8, "dtype"},
      {R"({"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}})", 8, "unknown dtype"},
      {R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8, "non-negative"},
      {R"({"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", 8, "non-negative"},
      {R"({"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,8]}})", 8, "non-negative"},
      {R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 8, "overflows"},
      {R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})", 8, "outside"},
      {R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8, "needs 12"},
      {R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8, "end before they begin"},
      {R"({"__metadata__":{"k":1}})", 0, "not a string"},
      {R"({"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}})", 4, "more than 8"},
      {R"({"a":{"dtype":"F32","shape":[2]}})", 8, "\"data_offsets\" is missing"},
      {R"({"a":{"dtype":"F32","shape":[2],"shape":[2],"data_offsets":[0,8]}})", 8, "\"shape\" appears twice"},
      {R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}})", 8, "not a pair"},
      {R"({"a":{"dtype":"F32","shape":[[2]],"data_offsets":[0,8]}})", 8, "a dimension"},
      // 3 elements of 4 bits: a byte and a half.
      {R"({"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}})", 2, "whole bytes"},
  };
  for (const auto& [header, data_bytes, message] : refused) {
    INFO(header);
    CHECK_THROWS_WITH(parse(safetensors_file(header, data_bytes)), Catch::Contains(message));
  }
}

TEST_CASE("safetensors: the tensors cover the data exactly, as the reference implementation requires", "[checkpoint]") {
  // Every tensor at offset 0 used to "match".
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                           R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                                           8)),
                    Catch::Contains("'a' [0, 8] and 'b' [0, 8] overlap"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                           R"("b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}})",
                                           20)),
                    Catch::Contains("bytes [8, 12] of the data belong to no tensor"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12)),
                    Catch::Contains("bytes [0, 4]"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 12)),
                    Catch::Contains("cover 8 bytes of data, but 12 follow the header"));
  CHECK_THROWS_WITH(parse(safetensors_file("{}", 1)), Catch::Contains("cover 0 bytes of data, but 1"));
  // In any order in the header; empty tensors may share an offset; the header's order is kept.
  const auto tensors = parse(safetensors_file(R"({"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},)"
                                              R"("e":{"dtype":"F16","shape":[0,4],"data_offsets":[8,8]},)"
                                              R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                              R"("f":{"dtype":"F16","shape":[0],"data_offsets":[8,8]}})",
                                              16));
  REQUIRE(tensors.size() == 4);
  CHECK(tensors[0].name == "b");
  CHECK(tensors[0].data_offsets == std::array<std::uint64_t, 2>{8, 16});
  CHECK(tensors[2].name == "a");
}

TEST_CASE("safetensors: the header's limit, __metadata__ and fields as the reference implementation has them",
          "[checkpoint]") {
  // The limit is 100,000,000 bytes (MAX_HEADER_SIZE), checked before anything is read.
  std::string length(8, '\0');
  const auto with_length = [&](std::uint64_t n) {
    for (int byte = 0; byte < 8; ++byte)
      length[static_cast<std::size_t>(byte)] = static_cast<char>(n >> (8 * byte) & 0xff);
    return parse_safetensors_header(length, 200'000'000);
  };
  CHECK_THROWS_WITH(with_length(100'000'001), Catch::Contains("exceeds the limit of 100000000 bytes"));
  CHECK_THROWS_WITH(with_length(100'000'000), Catch::Contains("ends inside its header"));
  CHECK(parse(safetensors_file(R"({"__metadata__":null})")).empty());
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"__metadata__":{},"__metadata__":{}})")),
                    Catch::Contains("\"__metadata__\" appears twice"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"__metadata__":{"k":{"nested":"v"}}})")),
                    Catch::Contains("the value of 'k' is not a string"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"__metadata__":"pt"})")), Catch::Contains("not an object"));
  // Fields the format does not define are ignored, however they nest (within the depth limit).
  const auto tensors = parse(safetensors_file(
      R"({"a":{"note":{"x":[1,{"y":null}]},"dtype":"F32","shape":[2],"data_offsets":[0,8],"more":[]}})", 8));
  REQUIRE(tensors.size() == 1);
  CHECK(tensors[0].shape == std::vector<std::int64_t>{2});
}

TEST_CASE("names from a checkpoint are escaped in messages and lists", "[checkpoint]") {
  const std::string hostile = "a\x1b[2J\nmissing (1):";
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a\u001b[2J\nx":{"dtype":"F99","shape":[],"data_offsets":[0,0]}})")),
                    Catch::Contains("tensor 'a\\x1b[2J\\nx': unknown dtype 'F99'"));
  const auto traced = archdesc::trace(archdesc::resnet::resnet18());
  std::vector<archdesc::tool::checkpoint_tensor> checkpoint;
  for (const auto& p : traced.parameters) checkpoint.push_back({p.name, "F32", {p.dims.begin(), p.dims.end()}});
  checkpoint.push_back({hostile, "F32", {1}});
  const auto comparison = archdesc::tool::compare_checkpoint(checkpoint, traced);
  CHECK(comparison.unexpected == std::vector<std::string>{"a\\x1b[2J\\nmissing (1):"});
}

TEST_CASE("printable escapes what a terminal or editor would act on, and only that", "[text]") {
  using archdesc::tool::printable;
  CHECK(printable("layer1.0.conv1.weight") == "layer1.0.conv1.weight");
  CHECK(printable("caf\xc3\xa9 \xe4\xb8\xad") == "caf\xc3\xa9 \xe4\xb8\xad");  // UTF-8 letters stay
  CHECK(printable("a\tb\rc\nd") == "a\\tb\\rc\\nd");
  CHECK(printable(std::string("\0\x1b\x7f", 3)) == "\\x00\\x1b\\x7f");
  CHECK(printable("back\\slash") == "back\\\\slash");
  CHECK(printable("\xc2\x9b") == "\\u009b");              // C1 CSI
  CHECK(printable("\xe2\x80\xae") == "\\u202e");          // right-to-left override
  CHECK(printable("\xe2\x80\xa8") == "\\u2028");          // line separator
  CHECK(printable("\xff\xc3") == "\\xff\\xc3");           // not UTF-8
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
  CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");           // an overlong '/'
}

TEST_CASE("options: a shape option and an option that does not apply", "[options]") {
  using archdesc::tool::usage_error;
  CHECK(archdesc::tool::parse_shape_option("--input", "3x256x256") == archdesc::shape{3, 256, 256});
  CHECK_THROWS_AS(archdesc::tool::parse_shape_option("--input", ""), usage_error);
  CHECK_THROWS_WITH(archdesc::tool::parse_shape_option("--input", "3x-2"), Catch::Contains("--input '3x-2'"));
  CHECK_THROWS_AS(archdesc::tool::parse_shape_option("--input", "1x1x1x1x1x1x1x1"), usage_error);
  CHECK_NOTHROW(archdesc::tool::require_applies(false, false, "--with-cost", "with --format md"));
  CHECK_NOTHROW(archdesc::tool::require_applies(true, true, "--with-cost", "with --format md"));
  CHECK_THROWS_WITH(archdesc::tool::require_applies(true, false, "--with-cost", "with --format md"),
                    "--with-cost applies only with --format md");
}

// The checkpoint PyTorch saves: every state_dict() entry, floating ones in `floating`.
std::vector<archdesc::tool::checkpoint_tensor> saved(const archdesc::trace_result& traced,
                                                     std::string_view floating = "F32") {
  std::vector<archdesc::tool::checkpoint_tensor> checkpoint;
  for (const auto& entry : traced.state_dict)
    checkpoint.push_back(
        {entry.name,
         std::string(archdesc::is_floating(entry.type) ? floating : archdesc::safetensors_name(entry.type)),
         {entry.dims.begin(), entry.dims.end()}});
  return checkpoint;
}

archdesc::tool::comparison_options judging(archdesc::dtype floating) {
  archdesc::tool::comparison_options options;
  options.floating_dtype = floating;
  return options;
}

TEST_CASE("a checkpoint is compared with the model's state_dict()", "[checkpoint]") {
  const auto traced = archdesc::trace(archdesc::resnet::resnet18());
  std::vector<archdesc::tool::checkpoint_tensor> checkpoint = saved(traced);
  CHECK(archdesc::tool::compare_checkpoint(checkpoint, traced).matches());
  checkpoint.erase(checkpoint.begin());
  checkpoint.back().shape = {10};  // fc.bias
  checkpoint.push_back({"extra", "F32", {1}});
  const auto comparison = archdesc::tool::compare_checkpoint(checkpoint, traced);
  CHECK(comparison.missing == std::vector<std::string>{"conv1.weight (64, 3, 7, 7)"});
  CHECK(comparison.unexpected == std::vector<std::string>{"extra"});
  CHECK(comparison.misshaped == std::vector<std::string>{"fc.bias: checkpoint (10,), model (1000,)"});
}

TEST_CASE("parameters alone match with parameters_only, and buffers are then unexpected", "[checkpoint]") {
  const auto traced = archdesc::trace(archdesc::resnet::resnet18());
  std::vector<archdesc::tool::checkpoint_tensor> parameters;
  for (const auto& p : traced.parameters) parameters.push_back({p.name, "F32", {p.dims.begin(), p.dims.end()}});
  const auto against_state = archdesc::tool::compare_checkpoint(parameters, traced);
  CHECK(against_state.missing.size() == 60);
  CHECK(against_state.missing[0] == "bn1.running_mean (64,)");
  CHECK(archdesc::tool::compare_checkpoint(parameters, traced, {.parameters_only = true}).matches());
  CHECK(archdesc::tool::compare_checkpoint(saved(traced), traced, {.parameters_only = true}).unexpected.size() == 60);
}

TEST_CASE("dtypes are judged only when asked, integer buffers keeping theirs", "[checkpoint]") {
  const auto traced = archdesc::trace(archdesc::resnet::resnet18());
  const auto bf16 = saved(traced, "BF16");
  const auto counted = archdesc::tool::compare_checkpoint(bf16, traced);
  CHECK(counted.matches());
  CHECK(counted.dtypes == std::vector<std::pair<std::string, std::int64_t>>{{"BF16", 102}, {"I64", 20}});
  CHECK(archdesc::tool::compare_checkpoint(bf16, traced, judging(archdesc::dtype::bfloat16)).matches());
  const auto judged = archdesc::tool::compare_checkpoint(bf16, traced, judging(archdesc::dtype::float16));
  REQUIRE(judged.wrong_dtype.size() == 102);
  CHECK(judged.wrong_dtype[0] == "conv1.weight: checkpoint BF16, expected F16");
  auto counter_as_float = bf16;
  counter_as_float[5].dtype = "BF16";  // bn1.num_batches_tracked
  CHECK(archdesc::tool::compare_checkpoint(counter_as_float, traced, judging(archdesc::dtype::bfloat16)).wrong_dtype ==
        std::vector<std::string>{"bn1.num_batches_tracked: checkpoint BF16, expected I64"});
}

TEST_CASE("tied weights saved once are not missing; buffers a loader ignores are not unexpected", "[checkpoint]") {
  // T5Model: encoder.embed_tokens and decoder.embed_tokens are tied to shared.
  const auto traced = archdesc::trace(archdesc::t5::t5_small());
  std::vector<archdesc::tool::checkpoint_tensor> once;
  for (const auto& entry : traced.state_dict)
    if (entry.kind != archdesc::state_kind::tied_parameter)
      once.push_back({entry.name, "F32", {entry.dims.begin(), entry.dims.end()}});
  const auto comparison = archdesc::tool::compare_checkpoint(once, traced);
  CHECK(comparison.matches());
  CHECK(comparison.tied_absent == std::vector<std::string>{"encoder.embed_tokens.weight (32128, 512)",
                                                           "decoder.embed_tokens.weight (32128, 512)"});

  // BertModel: position_ids and token_type_ids are non-persistent buffers (transformers v4.31 on),
  // which older checkpoints hold.
  const auto bert = archdesc::trace(archdesc::bert::bert_base_uncased());
  auto older = saved(bert);
  older.push_back({"bert.embeddings.position_ids", "I64", {1, 512}});
  CHECK(archdesc::tool::compare_checkpoint(older, bert).unexpected ==
        std::vector<std::string>{"bert.embeddings.position_ids"});
  archdesc::tool::comparison_options as_transformers;
  as_transformers.ignore_buffers_on_load = true;
  const auto loaded = archdesc::tool::compare_checkpoint(older, bert, as_transformers);
  CHECK(loaded.matches());
  CHECK(loaded.ignored == std::vector<std::string>{"bert.embeddings.position_ids (1, 512) I64"});
}

TEST_CASE("the JSON report carries every number of the report, the forms, MACs and module calls", "[json]") {
  const auto traced = archdesc::trace(archdesc::mobilenet_v2::mobilenet_v2());
  const auto json = nlohmann::json::parse(archdesc::tool::json_report("mobilenet_v2", traced));
  CHECK(json["name"] == "mobilenet_v2");
  CHECK(json["tensors"] == 158);
  CHECK(json["parameters"] == 3'504'872);
  CHECK(json["parameters_text"] == "3.50M");
  REQUIRE(json["forms"].size() == 4);
  CHECK(json["forms"][0]["form"] == "Vector");
  CHECK(json["forms"][0]["tensors"] == 105);
  CHECK(fmt::format("{:.2f}", json["forms"][1]["parameters_percent"].get<double>()) == "97.14");
  CHECK(json["layers"].size() == 158);
  CHECK(json["layers"][3]["name"] == "features.1.conv.0.0.weight");
  CHECK(json["layers"][3]["shape"] == nlohmann::json({32, 1, 3, 3}));
  CHECK(json["layers"][3]["squeezed_shape"] == nlohmann::json({32, 3, 3}));
  CHECK(json["layers"][3]["form"] == "Tensor rank 3");
  CHECK(json["input_shape"] == nlohmann::json({1, 3, 224, 224}));
  CHECK(json["output_shape"] == nlohmann::json({1, 1000}));
  CHECK(json["macs"] == traced.mac_total);
  CHECK(json["memory"]["parameter_bytes"]["fp32"] == 4 * 3'504'872);
  CHECK(json["memory"]["parameter_bytes"]["int8"] == 3'504'872);
  // 52 BatchNorm2d: running_mean and running_var of their channels in fp32, and an int64 counter each
  REQUIRE(json["buffers"].size() == 3 * 52);
  CHECK(json["buffers"][0] == nlohmann::json::parse(
                                  R"({"name": "features.0.1.running_mean", "shape": [32], "dtype": "torch.float32",
                                      "persistent": true})"));
  CHECK(json["buffers"][2]["shape"] == nlohmann::json::array());
  CHECK(json["buffers"][2]["dtype"] == "torch.int64");
  CHECK(json["state_dict_tensors"] == 158 + 3 * 52);
  CHECK(json["memory"]["buffer_bytes"] == traced.buffer_bytes);
  CHECK(traced.buffer_bytes == 136'864);  // torchvision's sum of buffer bytes
  CHECK(json["modules"].size() == traced.modules.size());
  CHECK(json["modules"].back()["name"] == "classifier.1");
  CHECK(json["modules"].back()["macs"] == 1'280'000);
}

TEST_CASE("the CSV report has a header row and one row per tensor", "[csv]") {
  const std::string csv = archdesc::tool::csv_report(archdesc::trace(archdesc::resnet::resnet18()));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 63);
  CHECK(
      csv.starts_with("name,shape,squeezed_shape,parameters,form\nconv1.weight,\"(64, 3, 7, 7)\",\"(64, 3, 7, "
                      "7)\",9408,Tensor rank 4\n"));
  CHECK(csv.ends_with("fc.bias,\"(1000,)\",\"(1000,)\",1000,Vector\n"));
}

TEST_CASE("files are written whole or not at all", "[output]") {
  const auto dir = scratch_directory();
  archdesc::tool::write_text_atomically(dir / "a.txt", "hello");
  CHECK(archdesc::test::read_file(dir / "a.txt") == "hello");
  CHECK_THROWS_WITH(archdesc::tool::write_text_atomically(dir / "missing" / "b.txt", "x"),
                    Catch::Contains("missing/b.txt") && Catch::Contains("No such file"));
  CHECK_THROWS_AS(
      archdesc::tool::write_atomically(dir / "c.txt", [](const auto&) { throw std::runtime_error("interrupted"); }),
      std::runtime_error);
  CHECK(!std::filesystem::exists(dir / "c.txt"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

TEST_CASE("only a regular file is replaced, and it keeps its mode", "[output]") {
  const auto dir = scratch_directory();
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
  std::filesystem::create_directory(dir / "directory");
  archdesc::tool::write_text_atomically(dir / "target", "old");
  std::filesystem::create_symlink("target", dir / "link");
  CHECK_THROWS_WITH(archdesc::tool::write_text_atomically(dir / "fifo", "x"), Catch::Contains("it is a FIFO"));
  CHECK_THROWS_WITH(archdesc::tool::write_text_atomically(dir / "directory", "x"),
                    Catch::Contains("it is a directory"));
  CHECK_THROWS_WITH(archdesc::tool::write_text_atomically(dir / "link", "x"), Catch::Contains("it is a symbolic link"));
  CHECK(std::filesystem::is_fifo(dir / "fifo"));
  CHECK(std::filesystem::is_symlink(dir / "link"));
  CHECK(archdesc::test::read_file(dir / "target") == "old");
  std::filesystem::permissions(dir / "target",
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  archdesc::tool::write_text_atomically(dir / "target", "new");
  CHECK(archdesc::test::read_file(dir / "target") == "new");
  CHECK(std::filesystem::status(dir / "target").permissions() ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 4);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

TEST_CASE("a command's outputs are all written or none, each to its own file", "[output]") {
  const auto dir = scratch_directory();
  archdesc::tool::write_text_atomically(dir / "kept", "old");
  {
    archdesc::tool::output_files outputs;
    outputs.add_text(dir / "new", "new");
    outputs.add_text(dir / "kept", "replaced");
    CHECK_THROWS_WITH(outputs.add_text(dir / "missing" / "report.md", "x"), Catch::Contains("missing/report.md"));
  }
  CHECK(!std::filesystem::exists(dir / "new"));
  CHECK(archdesc::test::read_file(dir / "kept") == "old");
  {
    archdesc::tool::output_files outputs;
    outputs.add_text(dir / "new", "new");
    CHECK_THROWS_WITH(outputs.add(dir / "failing",
                                  [](const std::filesystem::path&) { throw archdesc::tool::output_error("no room"); }),
                      "no room");
  }
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // "kept", and no temporary
  archdesc::tool::output_files outputs;
  outputs.add_text(dir / "a.md", "a");
  CHECK_THROWS_AS(outputs.add_text(dir / "." / "a.md", "b"), archdesc::tool::usage_error);
  std::filesystem::create_symlink(dir, dir / "again");
  CHECK_THROWS_WITH(outputs.add_text(dir / "again" / "a.md", "b"), Catch::Contains("are the same file"));
  outputs.add_text(dir / "b.md", "b");
  outputs.commit();
  CHECK(archdesc::test::read_file(dir / "a.md") == "a");
  CHECK(archdesc::test::read_file(dir / "b.md") == "b");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a signal that ends the command removes its temporaries", "[output]") {
  const auto dir = scratch_directory();
  for (const int signal : {SIGINT, SIGTERM}) {
    const ::pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // interrupted while its outputs are being written, as Ctrl-C does
      archdesc::tool::output_files outputs;
      outputs.add_text(dir / "first.md", "first");
      outputs.add(dir / "second.png", [signal](const std::filesystem::path&) { ::raise(signal); });
      outputs.commit();
      ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal);
    CHECK(std::filesystem::is_empty(dir));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("only a regular file is read, and a FIFO is refused without waiting for a writer", "[input]") {
  const auto dir = scratch_directory();
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
  CHECK_THROWS_WITH(archdesc::tool::read_safetensors_header(dir / "fifo"), Catch::Contains("it is a FIFO"));
  CHECK_THROWS_WITH(archdesc::tool::read_safetensors_header(dir), Catch::Contains("it is a directory"));
  CHECK_THROWS_WITH(archdesc::tool::read_safetensors_header("/dev/null"), Catch::Contains("it is a character device"));
  CHECK_THROWS_WITH(archdesc::tool::read_safetensors_header(dir / "none"), Catch::Contains("No such file"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("pie charts are PNG or SVG images", "[chart]") {
  const auto dir = scratch_directory();
  const std::vector<archdesc::tool::pie_slice> slices{{"Vector", 10}, {"Matrix", 70}, {"Tensor rank 4", 20}};
  archdesc::tool::write_drawing(dir / "chart.png",
                                archdesc::tool::pie_chart_drawing("test: parameters by form", slices));
  CHECK(archdesc::test::read_file(dir / "chart.png").starts_with("\x89PNG\r\n\x1a\n"));
  archdesc::tool::write_drawing(dir / "chart.svg",
                                archdesc::tool::pie_chart_drawing("test: parameters by form", slices));
  const std::string svg = archdesc::test::read_file(dir / "chart.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  archdesc::tool::output_files outputs;
  CHECK_THROWS_WITH(archdesc::tool::add_pie_chart(outputs, dir / "chart.gif", "t", slices),
                    Catch::Contains(".png or .svg"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a diff lists tensors added, removed and reshaped, and totals side by side", "[diff]") {
  const std::string diff = archdesc::tool::diff_report("resnet18", archdesc::trace(archdesc::resnet::resnet18()),
                                                       "resnet34", archdesc::trace(archdesc::resnet::resnet34()));
  CHECK(diff.find("Removed tensors (0):") != std::string::npos);
  CHECK(diff.find("Added tensors (48):") != std::string::npos);
  CHECK(diff.find("+ layer1.2.conv1.weight (64, 64, 3, 3)") != std::string::npos);
  CHECK(diff.find("| Parameters | 11,689,512 (11.69M) | 21,797,672 (21.80M) | +10,108,160 |") != std::string::npos);
  const std::string reshaped = archdesc::tool::diff_report(
      "a", archdesc::trace(archdesc::resnet::resnet18()), "b",
      archdesc::trace(archdesc::resnet::model{
          .block = archdesc::resnet::block_type::basic, .layers = {2, 2, 2, 2}, .num_classes = 10}));
  CHECK(reshaped.find("~ fc.weight (1000, 512) -> (10, 512)") != std::string::npos);
}

// The top-comment examples of the headers in tools/commands/include/archdesc/tool, as close to
// verbatim as a test allows; keep each in sync with its header's comment.
TEST_CASE("the examples of the command's headers", "[examples]") {
  const auto dir = scratch_directory();
  {  // atomic_file.hpp
    const std::string markdown = "# report\n", summary = "";
    const auto draw = [](const std::filesystem::path& path) { archdesc::tool::write_text_atomically(path, "png"); };
    const auto report = dir / "report.md", chart = dir / "chart.png";
    archdesc::tool::output_files outputs;
    outputs.add_text(report, markdown);
    outputs.add(chart, [&](const std::filesystem::path& temporary) { draw(temporary); });
    outputs.set_stdout(summary);
    outputs.commit();  // throws output_error, and then no file has changed
    CHECK(archdesc::test::read_file(report) == markdown);
  }
  {  // input_file.hpp
    archdesc::tool::write_text_atomically(dir / "model.safetensors", "0123456789");
    const archdesc::tool::input_file file(dir / "model.safetensors");
    const std::string start = file.read(0, 8);  // its first 8 bytes (fewer if the file is shorter)
    CHECK(start == "01234567");
    CHECK(file.read(8, 8) == "89");
  }
  {  // options.hpp
    const bool with_cost = false;
    const std::string format = "json";
    const archdesc::shape input = archdesc::tool::parse_shape_option("--input", "3x256x256");
    archdesc::tool::require_applies(with_cost, format == "md", "--with-cost", "with --format md");
    CHECK(input.rank == 3);
  }
  // printable.hpp
  CHECK(archdesc::tool::printable("a\x1b[2Jb\n") == "a\\x1b[2Jb\\n");
  std::filesystem::remove_all(dir);
}

}  // namespace tool_test
