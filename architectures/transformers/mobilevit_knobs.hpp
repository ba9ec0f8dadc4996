// architectures/transformers/mobilevit_knobs.hpp: mobilevit.hpp's knobs by name at run time, for <archdesc/knobs.hpp>
// (Boost.Hana): its knob structs' members in declaration order, its enums' enumerators.
//
//   archdesc report mobilevitv2 --set config.width_multiplier=0.5
#pragma once

#include <archdesc/knobs.hpp>
#include <architectures/transformers/hf_config.hpp>
#include <architectures/transformers/mobilevit.hpp>

BOOST_HANA_ADAPT_STRUCT(archdesc::mobilevit::config, num_channels, image_size, patch_size, hidden_sizes,
                        neck_hidden_sizes, num_attention_heads, mlp_ratio, expand_ratio, conv_kernel_size,
                        output_stride, qkv_bias);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilevit::model, config, expand_output);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilevit::v2_config, num_channels, image_size, patch_size, expand_ratio,
                        conv_kernel_size, output_stride, n_attn_blocks, base_attn_unit_dims, width_multiplier,
                        ffn_multiplier);
BOOST_HANA_ADAPT_STRUCT(archdesc::mobilevit::v2_model, config);

namespace archdesc::mobilevit {

// For --hf-config: the keys of MobileViTConfig and MobileViTV2Config that change no parameter of these classes.
inline constexpr transformers::config_key config_keys_without_parameters[] = {
    // MobileViTForSemanticSegmentation's head, which these classes do not have
    {"aspp_out_channels"},
    {"atrous_rates"},
    {"semantic_loss_ignore_index"},
};
constexpr transformers::hf_class hf_class_of(const model&) { return {"mobilevit", config_keys_without_parameters}; }
constexpr transformers::hf_class hf_class_of(const v2_model&) {
  return {"mobilevitv2", config_keys_without_parameters};
}

}  // namespace archdesc::mobilevit
