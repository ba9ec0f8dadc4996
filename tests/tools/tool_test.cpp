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
#include <archdesc/tool/pie_chart.hpp>
#include <archdesc/tool/report_formats.hpp>
#include <archdesc/tool/safetensors.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <filesystem>

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
                    Catch::Contains("nests deeper"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":)" + tensor + R"(,"a":)" + tensor + "}", 8)),
                    Catch::Contains("'a' appears twice"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":[]})")), Catch::Contains("not an object"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":7,"shape":[2],"data_offsets":[0,8]}})", 8)),
                    Catch::Contains("dtype"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}})", 8)),
                    Catch::Contains("unknown dtype"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8)),
                    Catch::Contains("non-negative"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", 8)),
                    Catch::Contains("non-negative"));
  CHECK_THROWS_WITH(
      parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,8]}})", 8)),
      Catch::Contains("non-negative"));
  CHECK_THROWS_WITH(
      parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 8)),
      Catch::Contains("overflows"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,9]}})", 8)),
                    Catch::Contains("outside"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8)),
                    Catch::Contains("needs 12"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8)),
                    Catch::Contains("outside"));
  CHECK_THROWS_WITH(parse(safetensors_file(R"({"__metadata__":{"k":1}})")), Catch::Contains("not a string"));
  CHECK_THROWS_WITH(
      parse(safetensors_file(R"({"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}})", 4)),
      Catch::Contains("more than 8"));
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

TEST_CASE("pie charts are PNG or SVG images", "[chart]") {
  const auto dir = scratch_directory();
  const std::vector<archdesc::tool::pie_slice> slices{{"Vector", 10}, {"Matrix", 70}, {"Tensor rank 4", 20}};
  archdesc::tool::write_pie_chart(dir / "chart.png", "test: parameters by form", slices);
  CHECK(archdesc::test::read_file(dir / "chart.png").starts_with("\x89PNG\r\n\x1a\n"));
  archdesc::tool::write_pie_chart(dir / "chart.svg", "test: parameters by form", slices);
  const std::string svg = archdesc::test::read_file(dir / "chart.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK_THROWS_WITH(archdesc::tool::write_pie_chart(dir / "chart.gif", "t", slices), Catch::Contains(".png or .svg"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a diff lists tensors added, removed and reshaped, and totals side by side", "[diff]") {
  const std::string diff = archdesc::tool::diff_report("resnet18", archdesc::trace(archdesc::resnet::resnet18()),
                                                       "resnet34", archdesc::trace(archdesc::resnet::resnet34()));
  CHECK(diff.find("Removed tensors (0):") != std::string::npos);
  CHECK(diff.find("Added tensors (48):") != std::string::npos);
  CHECK(diff.find("+ layer1.2.conv1.weight (64, 64, 3, 3)") != std::string::npos);
  CHECK(diff.find("| Parameters | 11689512 (11.69M) | 21797672 (21.80M) | +10108160 |") != std::string::npos);
  const std::string reshaped = archdesc::tool::diff_report(
      "a", archdesc::trace(archdesc::resnet::resnet18()), "b",
      archdesc::trace(archdesc::resnet::model{
          .block = archdesc::resnet::block_type::basic, .layers = {2, 2, 2, 2}, .num_classes = 10}));
  CHECK(reshaped.find("~ fc.weight (1000, 512) -> (10, 512)") != std::string::npos);
}
