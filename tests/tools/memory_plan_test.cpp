// archdesc::tool::plan_memory on the built-in models: weights per dtype, the largest block as
// accelerate's estimate-memory finds it, and the units the tables print.
#include <archdesc/tool/memory_plan.hpp>
#include <archdesc/tool/units.hpp>
#include <builtin_models.hpp>

#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

namespace {

archdesc::tool::memory_plan plan_of(std::string_view name, const archdesc::tool::memory_request& request = {}) {
  const archdesc::tool::builtin_model& model = *archdesc::tool::find_builtin(name);
  const archdesc::trace_result traced = model.trace();
  return archdesc::tool::plan_memory({model.name, traced, model.configure()->geometry(), model.no_split_modules},
                                     request);
}

// The parameters under a module path.
std::int64_t parameters_under(const archdesc::trace_result& traced, const std::string& path) {
  std::int64_t total = 0;
  for (const auto& p : traced.parameters)
    if (p.name.compare(0, path.size() + 1, path + ".") == 0) total += p.dims.elements();
  return total;
}

}  // namespace

TEST_CASE("fp32 weights of every built-in are 4 bytes a parameter, 16-bit ones 2", "[memory]") {
  for (const auto& model : archdesc::tool::builtin_models()) {
    INFO(model.name);
    const archdesc::trace_result traced = model.trace();
    const auto plan =
        archdesc::tool::plan_memory({model.name, traced, model.configure()->geometry(), model.no_split_modules}, {});
    CHECK(plan.weights[0].bytes == 4 * traced.parameter_total);
    CHECK(plan.weights[1].bytes == 2 * traced.parameter_total);
  }
}

TEST_CASE("the largest block is accelerate's: a no-split layer, else a module without children", "[memory]") {
  const archdesc::tool::builtin_model& llama = *archdesc::tool::find_builtin("llama-2-7b");
  const archdesc::trace_result traced = llama.trace_at({128});
  const auto plan =
      archdesc::tool::plan_memory({llama.name, traced, llama.configure()->geometry(), llama.no_split_modules}, {});
  CHECK(plan.weights[0].largest.name == "model.layers.0");
  CHECK(plan.weights[0].largest.ties == 32);
  CHECK(plan.weights[0].largest.bytes == 4 * parameters_under(traced, "model.layers.0"));

  const auto resnet = plan_of("resnet50");  // torchvision has no no-split classes: the largest leaf
  CHECK(resnet.weights[0].largest.name == "layer4.0.conv2");
  CHECK(resnet.weights[0].largest.bytes == 4 * 512 * 512 * 3 * 3);
  CHECK(resnet.weights[0].largest.ties == 3);

  // ViT's encoder is split into its children, so its own pos_embedding counts nowhere, as in accelerate.
  const auto vit = plan_of("vit_b_16");
  CHECK(vit.weights[0].largest.name == "encoder.layers.encoder_layer_0.mlp.0");
  CHECK(vit.weights[0].largest.bytes == 4 * (768 * 3072 + 3072));
}

TEST_CASE("inference and training follow the request", "[memory]") {
  // <archdesc/tool/memory_plan.hpp>'s example.
  constexpr auto net = archdesc::llama::llama_2_7b();
  const archdesc::trace_result traced = archdesc::trace(net, {4096});
  const auto plan = archdesc::tool::plan_memory({"llama-2-7b", traced, archdesc::llama::geometry_of(net.config)},
                                                {.dtype = archdesc::precision::bf16, .work = {1, 4096}});
  std::string md = archdesc::tool::memory_markdown(plan);

  CHECK(plan.inference.kv_cache == 2 * archdesc::GiB);
  CHECK(plan.inference.weights == 2 * traced.parameter_total);
  CHECK(plan.inference.total == plan.inference.weights + plan.inference.kv_cache + plan.inference.peak_activation);
  REQUIRE(plan.training);
  REQUIRE(plan.training->strategies.size() == 4);
  CHECK(plan.training->strategies[0].model_states == 16 * traced.parameter_total);
  CHECK(md.find("| KV cache | 2.0 GiB |") != std::string::npos);

  const auto json = archdesc::tool::memory_json(plan);
  CHECK(json.find("\"kv_cache\": 2147483648") != std::string::npos);

  const auto int4 = plan_of("resnet50", {.dtype = archdesc::precision::int4});
  CHECK_FALSE(int4.training);  // an inference format

  // A convolutional model's training activations: every leaf output, at the batch asked for.
  const auto batch_1 = plan_of("resnet50", {.dtype = archdesc::precision::fp32});
  const auto batch_8 = plan_of("resnet50", {.dtype = archdesc::precision::fp32, .work = {8, 0}});
  CHECK(batch_8.training->strategies[0].activations == 8 * batch_1.training->strategies[0].activations);
  CHECK_THROWS_AS(plan_of("resnet50", {.activations = {.tensor_parallel = 2}}), std::invalid_argument);

  // Fits-or-not: the fewest data-parallel devices per strategy.
  const auto fits = plan_of("resnet50", {.device_memory = 500 * archdesc::MiB});
  CHECK(fits.inference.fewest_devices == 1);
  CHECK(fits.training->strategies[0].fewest_devices == 0);  // 512 MiB on every device
  CHECK(fits.training->strategies[3].fewest_devices == 2);
}

TEST_CASE("bytes print in binary units, counts with thousands separators", "[units]") {
  using archdesc::tool::bytes_text;
  CHECK(bytes_text(93'405'585'408) == "87.0 GiB");
  CHECK(bytes_text(1023) == "1023 B");
  CHECK(bytes_text(1024) == "1.0 KiB");
  CHECK(bytes_text(1024 * 1024 - 1) == "1.0 MiB");
  CHECK(archdesc::tool::grouped(25'557'032) == "25,557,032");
  CHECK(archdesc::tool::grouped(-1024) == "-1,024");
  CHECK(archdesc::tool::grouped(999) == "999");
  CHECK(archdesc::tool::parse_bytes("80GiB") == 80 * archdesc::GiB);
  CHECK(archdesc::tool::parse_bytes("1.5 TiB") == 3 * archdesc::TiB / 2);
  CHECK(archdesc::tool::parse_bytes("80GB") == 80'000'000'000);
  CHECK(archdesc::tool::parse_bytes("4096") == 4096);
  CHECK_THROWS_AS(archdesc::tool::parse_bytes("80 XB"), std::invalid_argument);
  CHECK_THROWS_AS(archdesc::tool::parse_bytes("-1GiB"), std::invalid_argument);
  CHECK_THROWS_AS(archdesc::tool::parse_bytes("1e30"), std::invalid_argument);
  CHECK_THROWS_AS(archdesc::tool::parse_bytes("GiB"), std::invalid_argument);
}
