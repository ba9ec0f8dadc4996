// A named builder given a value for a knob it sets itself, one that disagrees with its own: as
// torchvision's _ovewrite_named_param (or a keyword given twice), a compile error
// (archdesc/builder.hpp). Each case (CASE_...) must fail with builder_sets's message.
#include <architectures/torchvision/densenet.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/transformers/bert.hpp>
#include <architectures/transformers/llama.hpp>
#include <architectures/transformers/mistral.hpp>

#if defined(CASE_RESNET)  // README's example
constexpr auto net = archdesc::resnet::resnet152({.layers = {1, 1, 1, 1}});
#elif defined(CASE_DENSENET)
constexpr auto net = archdesc::densenet::densenet121({.growth_rate = 48});
#elif defined(CASE_SWIN)
constexpr auto net = archdesc::swin_transformer::swin_t({.embed_dim = 128});
#elif defined(CASE_BERT)
constexpr auto net = archdesc::bert::bert_large_uncased({.config = {.hidden_size = 512}});
#elif defined(CASE_LLAMA)
constexpr auto net = archdesc::llama::llama_2_13b({.config = {.num_attention_heads = 20}});
#elif defined(CASE_MISTRAL)
constexpr auto net = archdesc::mistral::mistral_7b_v0_1({.config = {.num_hidden_layers = 2}});
#endif
