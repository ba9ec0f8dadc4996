#include "builtin_models.hpp"

// One companion header (<family>_knobs.hpp, which includes the family's header) and one entry of
// `families` per family, in alphabetical order, with its domain (the heading `archdesc list` puts
// it under); that is all a new family needs here.
#include <architectures/torchvision/alexnet_knobs.hpp>
#include <architectures/torchvision/convnext_knobs.hpp>
#include <architectures/torchvision/deeplabv3_knobs.hpp>
#include <architectures/torchvision/densenet_knobs.hpp>
#include <architectures/torchvision/efficientnet_knobs.hpp>
#include <architectures/torchvision/faster_rcnn_knobs.hpp>
#include <architectures/torchvision/fcn_knobs.hpp>
#include <architectures/torchvision/fcos_knobs.hpp>
#include <architectures/torchvision/googlenet_knobs.hpp>
#include <architectures/torchvision/inception_knobs.hpp>
#include <architectures/torchvision/lraspp_knobs.hpp>
#include <architectures/torchvision/maxvit_knobs.hpp>
#include <architectures/torchvision/mnasnet_knobs.hpp>
#include <architectures/torchvision/mobilenet_v2_knobs.hpp>
#include <architectures/torchvision/mobilenet_v3_knobs.hpp>
#include <architectures/torchvision/mvit_knobs.hpp>
#include <architectures/torchvision/raft_knobs.hpp>
#include <architectures/torchvision/regnet_knobs.hpp>
#include <architectures/torchvision/resnet_knobs.hpp>
#include <architectures/torchvision/retinanet_knobs.hpp>
#include <architectures/torchvision/s3d_knobs.hpp>
#include <architectures/torchvision/shufflenet_v2_knobs.hpp>
#include <architectures/torchvision/squeezenet_knobs.hpp>
#include <architectures/torchvision/ssd_knobs.hpp>
#include <architectures/torchvision/ssdlite_knobs.hpp>
#include <architectures/torchvision/swin_transformer_knobs.hpp>
#include <architectures/torchvision/vgg_knobs.hpp>
#include <architectures/torchvision/video_resnet_knobs.hpp>
#include <architectures/torchvision/vision_transformer_knobs.hpp>
#include <architectures/transformers/bert_knobs.hpp>
#include <architectures/transformers/deepseek_knobs.hpp>
#include <architectures/transformers/gemma2_knobs.hpp>
#include <architectures/transformers/gpt2_knobs.hpp>
#include <architectures/transformers/llama_knobs.hpp>
#include <architectures/transformers/mistral_knobs.hpp>
#include <architectures/transformers/mixtral_knobs.hpp>
#include <architectures/transformers/mobilebert_knobs.hpp>
#include <architectures/transformers/mobilevit_knobs.hpp>
#include <architectures/transformers/openai_gpt_knobs.hpp>
#include <architectures/transformers/phi3_knobs.hpp>
#include <architectures/transformers/qwen2_knobs.hpp>
#include <architectures/transformers/t5_knobs.hpp>
#include <architectures/transformers/xlnet_knobs.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>

namespace archdesc::tool {
namespace {

// A class of a family and its named models (none for a class that only a config.json names, such as
// LlamaModel): `type` is the class's name in the family's namespace.
template <class Model>
struct family {
  std::string_view name;
  std::string_view world;
  std::string_view type;
  std::span<const named_model<Model>> models;
  reference source;
  domain purpose;  // object_detection: num_classes sizes no (1, num_classes) output
};

constexpr std::string_view tv = "torchvision", tf = "transformers";
constexpr auto vision = reference::torchvision, text = reference::transformers;

// Every family's classes with named models: the registry's one list. Each Model's trace is compiled
// here, once, through configured<Model>.
const auto families = boost::hana::make_tuple(
    family<alexnet::model>{"alexnet", tv, "model", alexnet::named_models, vision, domain::image_classification},
    family<bert::model>{"bert", tf, "model", bert::named_models, text, domain::language_models},
    family<bert::for_sequence_classification>{"bert", tf, "for_sequence_classification",
                                              bert::named_sequence_classifiers, text, domain::language_models},
    family<bert::for_masked_lm>{"bert", tf, "for_masked_lm", {}, text, domain::language_models},
    family<convnext::model>{"convnext", tv, "model", convnext::named_models, vision, domain::image_classification},
    family<deeplabv3::model>{"deeplabv3", tv, "model", deeplabv3::named_models, vision, domain::semantic_segmentation},
    family<deepseek::model>{"deepseek", tf, "model", deepseek::named_models, text, domain::language_models},
    family<deepseek::v2_model>{"deepseek", tf, "v2_model", deepseek::named_v2_models, text, domain::language_models},
    family<deepseek::base_model>{"deepseek", tf, "base_model", {}, text, domain::language_models},
    family<deepseek::for_sequence_classification>{
        "deepseek", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<deepseek::v2_base_model>{"deepseek", tf, "v2_base_model", {}, text, domain::language_models},
    family<deepseek::v2_for_sequence_classification>{
        "deepseek", tf, "v2_for_sequence_classification", {}, text, domain::language_models},
    family<densenet::model>{"densenet", tv, "model", densenet::named_models, vision, domain::image_classification},
    family<efficientnet::model>{"efficientnet", tv, "model", efficientnet::named_models, vision,
                                domain::image_classification},
    family<faster_rcnn::faster_rcnn>{"faster_rcnn", tv, "faster_rcnn", faster_rcnn::named_models, vision,
                                     domain::object_detection},
    family<faster_rcnn::keypoint_rcnn>{"faster_rcnn", tv, "keypoint_rcnn", faster_rcnn::named_keypoint_models, vision,
                                       domain::object_detection},
    family<faster_rcnn::mask_rcnn>{"faster_rcnn", tv, "mask_rcnn", faster_rcnn::named_mask_models, vision,
                                   domain::object_detection},
    family<fcn::model>{"fcn", tv, "model", fcn::named_models, vision, domain::semantic_segmentation},
    family<fcos::model>{"fcos", tv, "model", fcos::named_models, vision, domain::object_detection},
    family<gemma2::model>{"gemma2", tf, "model", gemma2::named_models, text, domain::language_models},
    family<gemma2::base_model>{"gemma2", tf, "base_model", {}, text, domain::language_models},
    family<gemma2::for_sequence_classification>{
        "gemma2", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<googlenet::model>{"googlenet", tv, "model", googlenet::named_models, vision, domain::image_classification},
    family<gpt2::model>{"gpt2", tf, "model", gpt2::named_models, text, domain::language_models},
    family<gpt2::for_sequence_classification>{"gpt2", tf, "for_sequence_classification",
                                              gpt2::named_sequence_classifiers, text, domain::language_models},
    family<gpt2::lm_head_model>{"gpt2", tf, "lm_head_model", {}, text, domain::language_models},
    family<inception::model>{"inception", tv, "model", inception::named_models, vision, domain::image_classification},
    family<llama::model>{"llama", tf, "model", llama::named_models, text, domain::language_models},
    family<llama::base_model>{"llama", tf, "base_model", {}, text, domain::language_models},
    family<llama::for_sequence_classification>{
        "llama", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<lraspp::model>{"lraspp", tv, "model", lraspp::named_models, vision, domain::semantic_segmentation},
    family<maxvit::model>{"maxvit", tv, "model", maxvit::named_models, vision, domain::image_classification},
    family<mistral::model>{"mistral", tf, "model", mistral::named_models, text, domain::language_models},
    family<mistral::base_model>{"mistral", tf, "base_model", {}, text, domain::language_models},
    family<mistral::for_sequence_classification>{
        "mistral", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<mixtral::model>{"mixtral", tf, "model", mixtral::named_models, text, domain::language_models},
    family<mixtral::base_model>{"mixtral", tf, "base_model", {}, text, domain::language_models},
    family<mixtral::for_sequence_classification>{
        "mixtral", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<mnasnet::model>{"mnasnet", tv, "model", mnasnet::named_models, vision, domain::image_classification},
    family<mobilebert::model>{"mobilebert", tf, "model", mobilebert::named_models, text, domain::language_models},
    family<mobilebert::for_masked_lm>{"mobilebert", tf, "for_masked_lm", {}, text, domain::language_models},
    family<mobilenet_v2::model>{"mobilenet_v2", tv, "model", mobilenet_v2::named_models, vision,
                                domain::image_classification},
    family<mobilenet_v3::model>{"mobilenet_v3", tv, "model", mobilenet_v3::named_models, vision,
                                domain::image_classification},
    family<mobilevit::model>{"mobilevit", tf, "model", mobilevit::named_models, text, domain::image_classification},
    family<mobilevit::v2_model>{"mobilevit", tf, "v2_model", mobilevit::named_v2_models, text,
                                domain::image_classification},
    family<mvit::model>{"mvit", tv, "model", mvit::named_models, vision, domain::video_classification},
    family<openai_gpt::model>{"openai_gpt", tf, "model", openai_gpt::named_models, text, domain::language_models},
    family<openai_gpt::lm_head_model>{"openai_gpt", tf, "lm_head_model", {}, text, domain::language_models},
    family<phi3::model>{"phi3", tf, "model", phi3::named_models, text, domain::language_models},
    family<phi3::base_model>{"phi3", tf, "base_model", {}, text, domain::language_models},
    family<phi3::for_sequence_classification>{
        "phi3", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<qwen2::model>{"qwen2", tf, "model", qwen2::named_models, text, domain::language_models},
    family<qwen2::base_model>{"qwen2", tf, "base_model", {}, text, domain::language_models},
    family<qwen2::for_sequence_classification>{
        "qwen2", tf, "for_sequence_classification", {}, text, domain::language_models},
    family<raft::model>{"raft", tv, "model", raft::named_models, vision, domain::optical_flow},
    family<regnet::model>{"regnet", tv, "model", regnet::named_models, vision, domain::image_classification},
    family<resnet::model>{"resnet", tv, "model", resnet::named_models, vision, domain::image_classification},
    family<retinanet::model>{"retinanet", tv, "model", retinanet::named_models, vision, domain::object_detection},
    family<s3d::model>{"s3d", tv, "model", s3d::named_models, vision, domain::video_classification},
    family<shufflenet_v2::model>{"shufflenet_v2", tv, "model", shufflenet_v2::named_models, vision,
                                 domain::image_classification},
    family<squeezenet::model>{"squeezenet", tv, "model", squeezenet::named_models, vision,
                              domain::image_classification},
    family<ssd::model>{"ssd", tv, "model", ssd::named_models, vision, domain::object_detection},
    family<ssdlite::model>{"ssdlite", tv, "model", ssdlite::named_models, vision, domain::object_detection},
    family<swin_transformer::model>{"swin_transformer", tv, "model", swin_transformer::named_models, vision,
                                    domain::image_classification},
    family<t5::model>{"t5", tf, "model", t5::named_models, text, domain::language_models},
    family<t5::for_conditional_generation>{"t5", tf, "for_conditional_generation", {}, text, domain::language_models},
    family<t5::encoder_model>{"t5", tf, "encoder_model", {}, text, domain::language_models},
    family<vgg::model>{"vgg", tv, "model", vgg::named_models, vision, domain::image_classification},
    family<video_resnet::model>{"video_resnet", tv, "model", video_resnet::named_models, vision,
                                domain::video_classification},
    family<vision_transformer::model>{"vision_transformer", tv, "model", vision_transformer::named_models, vision,
                                      domain::image_classification},
    family<xlnet::model>{"xlnet", tf, "model", {}, text, domain::language_models},
    family<xlnet::for_sequence_classification>{"xlnet", tf, "for_sequence_classification", xlnet::named_models, text,
                                               domain::language_models},
    family<xlnet::lm_head_model>{"xlnet", tf, "lm_head_model", {}, text, domain::language_models});

template <class Model>
class configured final : public configured_model {
 public:
  explicit configured(const Model& net) : net_(net) {}
  void set(std::string_view dotted_name, const knob_value& value) override { set_knob(net_, dotted_name, value); }
  std::vector<knob_row> knobs() const override { return knob_rows(net_); }
  knob_value knob_record() const override { return to_knob_value(net_); }
  std::string cpp_initializer() const override { return cpp_knob_text(net_); }
  shape default_input() const override { return archdesc::default_input(net_); }
  void check(const shape& input) const override {
    const auto totals = archdesc::detail::count(net_, input, archdesc::detail::buffers::kept);
    if (!totals.mistake.ok()) throw invalid_descriptor(totals.mistake);
    if (totals.state_tensors > max_traced_tensors)
      throw std::length_error(
          fmt::format("{} tensors, more than archdesc lists ({})", totals.state_tensors, max_traced_tensors));
  }
  trace_result trace(const shape& input, const trace_tables& tables) const override {
    return archdesc::trace(net_, input, tables);
  }
  // A family states its geometry from its config (llama::geometry_of(config)), or from the model
  // where the knobs are the model's (vision_transformer::geometry_of(model)); found by ADL.
  std::optional<transformer_geometry> geometry() const override {
    if constexpr (requires { geometry_of(net_.config); }) {
      return geometry_of(net_.config);
    } else if constexpr (requires { geometry_of(net_); }) {
      return geometry_of(net_);
    } else {
      return std::nullopt;
    }
  }
  std::unique_ptr<configured_model> clone() const override { return std::make_unique<configured>(net_); }

 private:
  Model net_;
};

template <class Model>
std::int64_t num_classes_of(const Model& net) {
  if constexpr (requires { net.num_classes; }) {
    return net.num_classes;
  } else {
    return -1;
  }
}

template <class Model>
std::span<const std::string_view> no_split_modules_of() {
  if constexpr (requires { Model::no_split_modules; }) {
    return Model::no_split_modules;
  } else {
    return {};
  }
}

// A family's model `net` as a builtin_model of that name.
template <class Model>
builtin_model builtin_of(std::string_view name, const family<Model>& f, const Model& net) {
  return {name,
          f.name,
          f.world,
          f.type,
          f.source,
          f.purpose,
          f.purpose == domain::object_detection ? -1 : num_classes_of(net),
          default_input(net),
          [net]() -> std::unique_ptr<configured_model> { return std::make_unique<configured<Model>>(net); },
          no_split_modules_of<Model>()};
}

// Every family's built-ins, sorted by name, and config.json classes, in the order of `families`.
struct gathered {
  std::vector<builtin_model> models;
  std::vector<hf_class> classes;
};

// A family's named models, and its class if its knobs header says how a config.json names it
// (hf_class_of, found by ADL).
template <class Model>
void add_family(const family<Model>& f, gathered& all) {
  for (const auto& model : f.models) all.models.push_back(builtin_of(model.name, f, model.net));
  if constexpr (requires { hf_class_of(Model{}); }) {
    constexpr transformers::hf_class named = hf_class_of(Model{});
    all.classes.push_back({named.model_type, named.keys_without_parameters, builtin_of(Model::type_name, f, Model{})});
  }
}

const gathered& registry() {
  static const gathered all = [] {
    gathered made;
    boost::hana::for_each(families, [&](const auto& f) { add_family(f, made); });
    std::sort(made.models.begin(), made.models.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return made;
  }();
  return all;
}

}  // namespace

std::string_view domain_name(domain d) {
  switch (d) {
    case domain::image_classification:
      return "image classification";
    case domain::object_detection:
      return "object detection";
    case domain::semantic_segmentation:
      return "semantic segmentation";
    case domain::video_classification:
      return "video classification";
    case domain::optical_flow:
      return "optical flow";
    case domain::language_models:
      return "language models";
  }
  return "";
}

const std::vector<builtin_model>& builtin_models() { return registry().models; }

const std::vector<hf_class>& hf_classes() { return registry().classes; }

const builtin_model* find_builtin(std::string_view name) {
  const auto& models = builtin_models();
  const auto it = std::lower_bound(models.begin(), models.end(), name,
                                   [](const builtin_model& m, std::string_view n) { return m.name < n; });
  return it != models.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::string_view> closest_builtins(std::string_view name, std::size_t count) {
  std::vector<std::string> names;
  for (const auto& model : builtin_models()) names.emplace_back(model.name);
  std::vector<std::string_view> closest;
  for (const auto& close : closest_names(name, names, count)) closest.push_back(find_builtin(close)->name);
  return closest;
}

}  // namespace archdesc::tool
