// archdesc::tool::plan_memory on the built-in models: weights per dtype, the largest block as
// accelerate's estimate-memory finds it, and the units the tables print.
#include <archdesc/tool/memory_plan.hpp>
#include <archdesc/tool/units.hpp>
#include <builtin_models.hpp>

#include <architectures/transformers/llama.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

namespace memory_plan_test {

namespace {

archdesc::tool::memory_plan plan_of(std::string_view name, const archdesc::tool::memory_request& request = {}) {
  const archdesc::tool::builtin_model& model = *archdesc::tool::find_builtin(name);
  const archdesc::trace_result traced = model.trace();
  return archdesc::tool::plan_memory({model.name, traced, model.configure()->geometry(), model.no_split_modules},
                                     request);
}

// The bytes under a module path: its parameters at `bytes_per_parameter`, its buffers in their dtypes.
std::int64_t bytes_under(const archdesc::trace_result& traced, const std::string& path, int bytes_per_parameter) {
  const auto under = [&](const std::string& name) { return name.compare(0, path.size() + 1, path + ".") == 0; };
  std::int64_t total = 0;
  for (const auto& p : traced.parameters)
    if (under(p.name)) total += bytes_per_parameter * p.dims.elements();
  for (const auto& b : traced.buffers)
    if (under(b.name)) total += archdesc::dtype_size(b.type) * b.dims.elements();
  return total;
}

}  // namespace

TEST_CASE("fp32 weights of every built-in are 4 bytes a parameter, 16-bit ones 2, plus the buffers", "[memory]") {
  for (const auto& model : archdesc::tool::builtin_models()) {
    INFO(model.name);
    const archdesc::trace_result traced = model.trace();
    const auto geometry = model.configure()->geometry();
    const auto plan = archdesc::tool::plan_memory({model.name, traced, geometry, model.no_split_modules}, {});
    CHECK(plan.weights[0].parameters == 4 * traced.parameter_total);
    CHECK(plan.weights[1].parameters == 2 * traced.parameter_total);
    CHECK(plan.buffers.total() == traced.buffer_bytes);
    CHECK(plan.weights[0].bytes == plan.weights[0].parameters + traced.buffer_bytes);
    // Every figure, or the reason it does not apply: a language model has transformer layers, and
    // the cache says what it holds or why there is none.
    CHECK(!plan.inference.kv_cache_holds.empty());
    CHECK((plan.inference.kv_cache > 0) != plan.inference.kv_cache_holds.starts_with("none"));
    if (model.input.rank == 1) CHECK(geometry.has_value());
  }
}

TEST_CASE("buffers count in their declared dtypes, persistent and not, apart", "[memory]") {
  // BertEmbeddings' position_ids and token_type_ids: 2 x 512 int64, non-persistent.
  const auto bert = plan_of("bert-base-uncased", {.dtype = archdesc::precision::int4});
  CHECK(bert.buffers.non_persistent == 2 * 512 * 8);
  CHECK(bert.buffers.persistent == 0);
  CHECK(bert.inference.weights == bert.weights[3].parameters + 2 * 512 * 8);
  // resnet50's BatchNorm2d: running_mean and running_var in fp32, num_batches_tracked in int64.
  const auto resnet = plan_of("resnet50");
  CHECK(resnet.buffers.persistent == 53 * 8 + 2 * 4 * 26'560);
  CHECK(resnet.buffers.non_persistent == 0);
  REQUIRE(resnet.training);
  CHECK(resnet.training->strategies[0].total == resnet.training->strategies[0].model_states +
                                                    resnet.training->strategies[0].activations +
                                                    resnet.buffers.total());
}

TEST_CASE("each family's cache: grouped-query, latent, encoder-decoder, mems, none", "[memory]") {
  const auto cache_at = [](std::string_view name, std::int64_t tokens) {
    const archdesc::tool::builtin_model& model = *archdesc::tool::find_builtin(name);
    const archdesc::trace_result traced = model.trace_at({tokens});
    return archdesc::tool::plan_memory({model.name, traced, model.configure()->geometry(), model.no_split_modules},
                                       {.dtype = archdesc::precision::bf16, .work = {2, tokens}})
        .inference;
  };
  // DeepSeek-V2-Lite: 27 layers of a 512-value latent and a 64-value rope key.
  CHECK(cache_at("deepseek-v2-lite", 128).kv_cache == 27 * (512 + 64) * 2 * 128 * 2);
  // t5-small: 6 decoder layers, each a key and a value of 8 x 64 for its own and the encoder's tokens.
  CHECK(cache_at("t5-small", 128).kv_cache == 6 * 2 * 2 * 8 * 64 * 2 * 128 * 2);
  // xlnet-base-cased: 12 layers' input hidden states, 768 each.
  CHECK(cache_at("xlnet-base-cased", 128).kv_cache == 12 * 768 * 2 * 128 * 2);
  // qwen2.5-7b: 28 layers, 4 key-value heads of 128.
  CHECK(cache_at("qwen2.5-7b", 128).kv_cache == 28 * 2 * 4 * 128 * 2 * 128 * 2);
  const auto mobilebert = cache_at("mobilebert", 128);
  CHECK(mobilebert.kv_cache == 0);
  CHECK(mobilebert.kv_cache_holds.starts_with("none: an encoder"));
  CHECK(cache_at("gpt", 128).kv_cache_holds.starts_with("none: OpenAIGPTModel takes no past_key_values"));
  CHECK(plan_of("swin_t").inference.kv_cache_holds.starts_with("none: an image model"));
}

TEST_CASE("the largest block is accelerate's: a no-split layer, else a module without children", "[memory]") {
  const archdesc::tool::builtin_model& llama = *archdesc::tool::find_builtin("llama-2-7b");
  const archdesc::trace_result traced = llama.trace_at({128});
  const auto plan =
      archdesc::tool::plan_memory({llama.name, traced, llama.configure()->geometry(), llama.no_split_modules}, {});
  CHECK(plan.weights[0].largest.name == "model.layers.0");
  CHECK(plan.weights[0].largest.ties == 32);
  CHECK(plan.weights[0].largest.bytes == bytes_under(traced, "model.layers.0", 4));  // with its rotary inv_freq

  const auto resnet = plan_of("resnet50");  // torchvision has no no-split classes: the largest leaf
  CHECK(resnet.weights[0].largest.name == "layer4.0.conv2");
  CHECK(resnet.weights[0].largest.bytes == 4 * 512 * 512 * 3 * 3);
  CHECK(resnet.weights[0].largest.ties == 3);

  // ViT's encoder is split into its children, so its own pos_embedding counts nowhere, as in accelerate.
  // transformers' _no_split_modules: MobileViT's layers, BERT's embeddings and layers.
  const auto mobilevit = plan_of("mobilevit");
  CHECK(mobilevit.weights[0].largest.name == "encoder.layer.4");
  CHECK(plan_of("bert").weights[0].largest.name == "embeddings");

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
  CHECK(plan.inference.weights == 2 * traced.parameter_total + traced.buffer_bytes);
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

}  // namespace memory_plan_test
