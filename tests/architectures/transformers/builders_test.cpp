// The transformers families' named builders take their model's knobs (archdesc/builder.hpp): a
// checkpoint's builder sets the sizes of its config.json, and the user sets the other knobs in the
// same call. A knob the builder sets, given another value, does not compile
// (tests/compile_fail/builder_conflict_transformers.cpp).
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/gpt2.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>
#include <architectures/transformers/mixtral.hpp>
#include <architectures/transformers/mobilebert.hpp>
#include <architectures/transformers/mobilevit.hpp>
#include <architectures/transformers/openai_gpt.hpp>
#include <architectures/transformers/t5.hpp>
#include <architectures/transformers/xlnet.hpp>

#include <catch2/catch.hpp>

namespace transformers_builders_test {

namespace {
using namespace archdesc;
}  // namespace

TEST_CASE("transformers builders: one knob override per family, the checkpoint's sizes kept",
          "[builders][transformers]") {
  // bert: the labels, and a knob of the config that bert-large-uncased's config.json does not set.
  constexpr auto bert_large = bert::bert_large_uncased({.config = {.max_position_embeddings = 256}, .num_classes = 3});
  STATIC_REQUIRE(bert_large.num_classes == 3);
  STATIC_REQUIRE(bert_large.config.max_position_embeddings == 256);
  STATIC_REQUIRE(bert_large.config.hidden_size == 1024);
  STATIC_REQUIRE(bert_large.config.num_hidden_layers == 24);
  // A knob given the value the builder sets is no conflict.
  STATIC_REQUIRE(bert::bert_large_uncased({.config = {.hidden_size = 1024}}).config.hidden_size == 1024);
  STATIC_REQUIRE(bert::bert_base_cased({.num_classes = 5}).config.vocab_size == 28996);
  STATIC_REQUIRE(bert::bert({.add_pooling_layer = false}).add_pooling_layer == false);

  constexpr auto mobilebert = mobilebert::mobilebert({.config = {.num_hidden_layers = 4}});
  STATIC_REQUIRE(mobilebert.config.num_hidden_layers == 4);
  STATIC_REQUIRE(mobilebert.config.hidden_size == 512);

  constexpr auto xlnet = xlnet::xlnet_base_cased({.num_classes = 3});
  STATIC_REQUIRE(xlnet.num_classes == 3);
  STATIC_REQUIRE(xlnet.config.d_model == 768);

  STATIC_REQUIRE(openai_gpt::openai_gpt({.config = {.n_layer = 6}}).config.n_layer == 6);

  constexpr auto gpt3 = gpt2::gpt3_175b({.config = {.vocab_size = 32000}});
  STATIC_REQUIRE(gpt3.config.vocab_size == 32000);
  STATIC_REQUIRE(gpt3.config.n_embd == 12288);
  STATIC_REQUIRE(gpt2::gpt2({.config = {.n_inner = 1024}}).config.n_inner == 1024);
  STATIC_REQUIRE(gpt2::gpt2_for_sequence_classification({.num_classes = 4}).num_classes == 4);

  constexpr auto t5 = t5::t5_base({.config = {.vocab_size = 32100}});
  STATIC_REQUIRE(t5.config.vocab_size == 32100);
  STATIC_REQUIRE(t5.config.d_model == 768);
  STATIC_REQUIRE(t5::t5_small({.input = {64}}).input == shape{64});

  constexpr auto llama = llama::llama_2_70b({.config = {.vocab_size = 32001}});
  STATIC_REQUIRE(llama.config.vocab_size == 32001);
  STATIC_REQUIRE(llama.config.num_key_value_heads == 8);
  STATIC_REQUIRE(llama::llama_2_7b({.config = {.tie_word_embeddings = true}}).config.tie_word_embeddings);

  // Mistral's and Mixtral's class defaults are not LlamaConfig()'s: the builders compare the user's
  // knobs with MistralConfig()'s and MixtralConfig()'s.
  constexpr auto mistral = mistral::mistral_7b_v0_1({.config = {.vocab_size = 32768}});
  STATIC_REQUIRE(mistral.config.vocab_size == 32768);
  STATIC_REQUIRE(mistral.config.max_position_embeddings == 32768);
  STATIC_REQUIRE(mistral.config.intermediate_size == 14336);

  constexpr auto mixtral = mixtral::mixtral_8x7b_v0_1({.num_experts_per_tok = 1});
  STATIC_REQUIRE(mixtral.num_experts_per_tok == 1);
  STATIC_REQUIRE(mixtral.num_local_experts == 8);
  STATIC_REQUIRE(mixtral.config.max_position_embeddings == 32768);

  constexpr auto mobilevit = mobilevit::mobilevit_small({.config = {.image_size = 512}});
  STATIC_REQUIRE(mobilevit.config.image_size == 512);
  STATIC_REQUIRE(mobilevit.config.hidden_sizes[2] == 240);
  STATIC_REQUIRE(mobilevit::mobilevitv2_1_0({.config = {.image_size = 512}}).config.image_size == 512);
}

TEST_CASE("transformers builders: no argument gives the named model", "[builders][transformers]") {
  STATIC_REQUIRE(bert::bert_large_uncased().config.intermediate_size == 4096);
  STATIC_REQUIRE(bert::bert_large_uncased().num_classes == 2);
  STATIC_REQUIRE(llama::llama_2_13b().config.hidden_size == 5120);
  STATIC_REQUIRE(t5::t5_3b().config.d_kv == 128);
  STATIC_REQUIRE(mistral::mistral_7b_v0_1().config.num_key_value_heads == 8);
}

}  // namespace transformers_builders_test
