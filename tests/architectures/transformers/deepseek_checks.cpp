// The named models' totals, for architectures/transformers/deepseek.hpp. Checked once, by the
// project's own build (archdesc_family_checks in tests/CMakeLists.txt); a wrong total fails the
// build. Below them, the header's own top-comment example, compiled here so that it stays true.
//
// DeepSeek-V3 (the technical report, arXiv:2412.19437, and the checkpoint's README_WEIGHTS.md):
// "671B total parameters with 37B activated for each token"; the checkpoint's main model, layers 0
// to 60 with the embedding and the output head, has 671,026,419,200 values in its tensors, of which
// the 58 MoE layers' e_score_correction_bias (58 × 256 = 14,848) are buffers in transformers, not
// parameters: named_parameters() counts 671,026,404,352. Per token: everything but the 248 of 256
// routed experts it does not choose in each of the 58 MoE layers, 3 × 7168 × 2048 parameters each:
// 37,552,282,624 (the "37B"; README_WEIGHTS.md's 36.7B and the report's count differ from it by
// less than the 0.93 B of the input embedding, which a token reads one row of).
// DeepSeek-V2-Lite (its model card: "15.7B" total, "2.4B" activated): 15,706,484,224 parameters,
// 2,661,150,208 per token, of which the input embedding is 209,715,200.
#include <architectures/transformers/deepseek.hpp>

namespace archdesc::deepseek {

// One query at a time: each is one counting pass, which costs one dense layer, one MoE layer and one
// expert (scope::repeat), not 58 × 256 experts.
static_assert(parameter_count<deepseek_v3()> == 671'026'404'352);
static_assert(parameter_count<deepseek_v3()> + 58 * 256 == 671'026'419'200);
static_assert(active_parameter_count<deepseek_v3()> == 37'552'282'624);
static_assert(parameter_count<deepseek_v3()> - active_parameter_count<deepseek_v3()> == 58LL * 248 * 3 * 7168 * 2048);
// embed_tokens, norm, lm_head; a layer's attention (7 tensors) and norms (2); a dense MLP (3); an MoE
// layer's 257 MLPs (3 each) and router weight.
static_assert(tensor_count<deepseek_v3()> == 3 + 61 * 9 + 3 * 3 + 58 * (257 * 3 + 1));

static_assert(parameter_count<deepseek_v2_lite()> == 15'706'484'224);
static_assert(active_parameter_count<deepseek_v2_lite()> == 2'661'150'208);
static_assert(parameter_count<deepseek_v2_lite()> - active_parameter_count<deepseek_v2_lite()> ==
              26LL * 58 * 3 * 2048 * 1408);
// No low-rank query: q_proj, kv_a_proj_with_mqa, kv_a_layernorm, kv_b_proj, o_proj.
static_assert(tensor_count<deepseek_v2_lite()> == 3 + 27 * 7 + 1 * 3 + 26 * (65 * 3 + 1));

}  // namespace archdesc::deepseek

// The example in the header's top comment, as written there: it must stay true.
namespace deepseek_hpp {
constexpr auto net = archdesc::deepseek::deepseek_v3();
static_assert(archdesc::parameter_count<net> == 671'026'404'352);        // 256 routed experts in 58 layers
static_assert(archdesc::active_parameter_count<net> == 37'552'282'624);  // 8 of them per token
constexpr auto lite = archdesc::deepseek::deepseek_v2_lite({.config = {.max_position_embeddings = 8192}});
static_assert(lite.config.n_routed_experts == 64 && lite.config.max_position_embeddings == 8192);
}  // namespace deepseek_hpp
