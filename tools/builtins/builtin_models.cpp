#include "builtin_models.hpp"

// One include and one add_family line per family header, in alphabetical order.
#include <archdesc/trace.hpp>
#include <architectures/torchvision/alexnet.hpp>
#include <architectures/torchvision/convnext.hpp>
#include <architectures/torchvision/deeplabv3.hpp>
#include <architectures/torchvision/densenet.hpp>
#include <architectures/torchvision/efficientnet.hpp>
#include <architectures/torchvision/fcn.hpp>
#include <architectures/torchvision/googlenet.hpp>
#include <architectures/torchvision/inception.hpp>
#include <architectures/torchvision/lraspp.hpp>
#include <architectures/torchvision/maxvit.hpp>
#include <architectures/torchvision/mnasnet.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/mobilenet_v3.hpp>
#include <architectures/torchvision/mvit.hpp>
#include <architectures/torchvision/regnet.hpp>
#include <architectures/torchvision/resnet.hpp>
#include <architectures/torchvision/s3d.hpp>
#include <architectures/torchvision/shufflenet_v2.hpp>
#include <architectures/torchvision/squeezenet.hpp>
#include <architectures/torchvision/swin_transformer.hpp>
#include <architectures/torchvision/vgg.hpp>
#include <architectures/torchvision/video_resnet.hpp>
#include <architectures/torchvision/vision_transformer.hpp>
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

#include <algorithm>
#include <numeric>
#include <span>

// The torchvision families' traces, compiled once here; tests/support/test_data.cpp traces variants of the
// same types and declares these extern rather than compiling them again.
namespace archdesc {
template trace_result trace(const alexnet::model&, const shape&);
template trace_result trace(const convnext::model&, const shape&);
template trace_result trace(const deeplabv3::model&, const shape&);
template trace_result trace(const densenet::model&, const shape&);
template trace_result trace(const efficientnet::model&, const shape&);
template trace_result trace(const fcn::model&, const shape&);
template trace_result trace(const googlenet::model&, const shape&);
template trace_result trace(const inception::model&, const shape&);
template trace_result trace(const lraspp::model&, const shape&);
template trace_result trace(const maxvit::model&, const shape&);
template trace_result trace(const mnasnet::model&, const shape&);
template trace_result trace(const mobilenet_v2::model&, const shape&);
template trace_result trace(const mobilenet_v3::model&, const shape&);
template trace_result trace(const mvit::model&, const shape&);
template trace_result trace(const regnet::model&, const shape&);
template trace_result trace(const resnet::model&, const shape&);
template trace_result trace(const s3d::model&, const shape&);
template trace_result trace(const shufflenet_v2::model&, const shape&);
template trace_result trace(const squeezenet::model&, const shape&);
template trace_result trace(const swin_transformer::model&, const shape&);
template trace_result trace(const vgg::model&, const shape&);
template trace_result trace(const video_resnet::model&, const shape&);
template trace_result trace(const vision_transformer::model&, const shape&);
}  // namespace archdesc

namespace archdesc::tool {
namespace {

template <class Model>
std::int64_t num_classes_of(const Model& net) {
  if constexpr (requires { net.num_classes; }) {
    return net.num_classes;
  } else {
    return -1;
  }
}

template <class Model>
void add_family(std::vector<builtin_model>& models, std::string_view family, std::span<const named_model<Model>> named,
                reference source = reference::torchvision) {
  for (const auto& model : named)
    models.push_back({model.name, family, source, num_classes_of(model.net), default_input(model.net),
                      [net = model.net](const shape& input) { return trace(net, input); }});
}

std::vector<builtin_model> make_builtins() {
  std::vector<builtin_model> models;
  add_family<alexnet::model>(models, "alexnet", alexnet::named_models);
  add_family<bert::model>(models, "bert", bert::named_models, reference::transformers);
  add_family<bert::for_sequence_classification>(models, "bert", bert::named_sequence_classifiers,
                                                reference::transformers);
  add_family<convnext::model>(models, "convnext", convnext::named_models);
  add_family<deeplabv3::model>(models, "deeplabv3", deeplabv3::named_models);
  add_family<densenet::model>(models, "densenet", densenet::named_models);
  add_family<efficientnet::model>(models, "efficientnet", efficientnet::named_models);
  add_family<fcn::model>(models, "fcn", fcn::named_models);
  add_family<googlenet::model>(models, "googlenet", googlenet::named_models);
  add_family<gpt2::model>(models, "gpt2", gpt2::named_models, reference::transformers);
  add_family<gpt2::for_sequence_classification>(models, "gpt2", gpt2::named_sequence_classifiers,
                                                reference::transformers);
  add_family<inception::model>(models, "inception", inception::named_models);
  add_family<llama::model>(models, "llama", llama::named_models, reference::transformers);
  add_family<lraspp::model>(models, "lraspp", lraspp::named_models);
  add_family<maxvit::model>(models, "maxvit", maxvit::named_models);
  add_family<mistral::model>(models, "mistral", mistral::named_models, reference::transformers);
  add_family<mixtral::model>(models, "mixtral", mixtral::named_models, reference::transformers);
  add_family<regnet::model>(models, "regnet", regnet::named_models);
  add_family<resnet::model>(models, "resnet", resnet::named_models);
  add_family<mnasnet::model>(models, "mnasnet", mnasnet::named_models);
  add_family<mobilebert::model>(models, "mobilebert", mobilebert::named_models, reference::transformers);
  add_family<mobilenet_v2::model>(models, "mobilenet_v2", mobilenet_v2::named_models);
  add_family<mobilenet_v3::model>(models, "mobilenet_v3", mobilenet_v3::named_models);
  add_family<mobilevit::model>(models, "mobilevit", mobilevit::named_models, reference::transformers);
  add_family<mobilevit::v2_model>(models, "mobilevit", mobilevit::named_v2_models, reference::transformers);
  add_family<mvit::model>(models, "mvit", mvit::named_models);
  add_family<openai_gpt::model>(models, "openai_gpt", openai_gpt::named_models, reference::transformers);
  add_family<s3d::model>(models, "s3d", s3d::named_models);
  add_family<shufflenet_v2::model>(models, "shufflenet_v2", shufflenet_v2::named_models);
  add_family<squeezenet::model>(models, "squeezenet", squeezenet::named_models);
  add_family<swin_transformer::model>(models, "swin_transformer", swin_transformer::named_models);
  add_family<t5::model>(models, "t5", t5::named_models, reference::transformers);
  add_family<vgg::model>(models, "vgg", vgg::named_models);
  add_family<video_resnet::model>(models, "video_resnet", video_resnet::named_models);
  add_family<vision_transformer::model>(models, "vision_transformer", vision_transformer::named_models);
  add_family<xlnet::for_sequence_classification>(models, "xlnet", xlnet::named_models, reference::transformers);
  std::sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return models;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<builtin_model>& builtin_models() {
  static const std::vector<builtin_model> models = make_builtins();
  return models;
}

const builtin_model* find_builtin(std::string_view name) {
  const auto& models = builtin_models();
  const auto it = std::lower_bound(models.begin(), models.end(), name,
                                   [](const builtin_model& m, std::string_view n) { return m.name < n; });
  return it != models.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::string_view> closest_builtins(std::string_view name, std::size_t count) {
  std::vector<std::pair<std::size_t, std::string_view>> ranked;
  for (const auto& model : builtin_models()) ranked.emplace_back(edit_distance(name, model.name), model.name);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < ranked.size() && i < count; ++i) names.push_back(ranked[i].second);
  return names;
}

}  // namespace archdesc::tool
