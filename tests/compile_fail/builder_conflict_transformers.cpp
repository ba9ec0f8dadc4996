// A named builder of a transformers family sets the sizes of its checkpoint's config.json itself
// (archdesc/builder.hpp): the user may not give one of them another value.
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>

#if defined(CASE_BERT)
constexpr auto net = archdesc::bert::bert_large_uncased({.config = {.hidden_size = 512}});
#elif defined(CASE_LLAMA)
constexpr auto net = archdesc::llama::llama_2_13b({.config = {.num_attention_heads = 20}});
#elif defined(CASE_MISTRAL)
constexpr auto net = archdesc::mistral::mistral_7b_v0_1({.config = {.num_hidden_layers = 2}});
#endif
