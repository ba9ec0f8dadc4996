// libFuzzer target: arbitrary bytes as a --set argument (KNOB=VALUE), applied to models whose knobs
// hold every kind of value (rows of structs, rows holding lists, reals, enums, activations, shapes,
// hw and dhw sizes), then traced. The
// parser and the knobs must set the knob or throw knob_error, and the descriptor must trace or
// refuse with a logic_error (invalid_descriptor) or an overflow_error (a size beyond int); anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding.
#include <archdesc/trace.hpp>
#include <architectures/torchvision/mobilenet_v2_knobs.hpp>
#include <architectures/torchvision/mvit_knobs.hpp>
#include <architectures/torchvision/resnet_knobs.hpp>
#include <architectures/torchvision/vision_transformer_knobs.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace {

template <class Model>
void set_and_trace(Model net, const std::string& knob, const archdesc::knob_value& value) {
  try {
    archdesc::set_knob(net, knob, value);
  } catch (const archdesc::knob_error&) {
    return;  // a refusal with a reason
  }
  try {
    // As the tool does (configured<Model>::check), a counting pass first, which repeated blocks keep
    // cheap: a descriptor it finds wrong, or one of more tensors than the tool lists
    // (layers=[1,5,663330,2]), is refused before a trace would build a table of gigabytes (a mistake
    // after 500,000 repeated blocks, found by this target).
    const auto totals = archdesc::detail::count(net, archdesc::default_input(net), archdesc::detail::buffers::kept);
    if (!totals.mistake.ok() || totals.state_tensors > 100'000) return;
    (void)archdesc::trace(net);
  } catch (const std::logic_error&) {
    // the descriptor's own refusal (invalid_descriptor), or a list or shape a pass overfills
  } catch (const std::overflow_error&) {
    // a size beyond int (width_mult=1e300) or a count beyond 64 bits: the tool's exit 2
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto [knob, value] = archdesc::parse_knob_assignment(text);
    (void)archdesc::knob_text(value);
    set_and_trace(archdesc::mobilenet_v2::mobilenet_v2(), knob, value);
    set_and_trace(archdesc::resnet::resnet18(), knob, value);
    set_and_trace(archdesc::vision_transformer::model{.image_size = 32, .patch_size = 16, .num_layers = 1}, knob,
                  value);
    // dhw sizes and rows of lists, on a clip small enough to trace at every input
    set_and_trace(archdesc::mvit::model{.spatial_size = {16, 16},
                                        .temporal_size = 4,
                                        .block_setting = {{1, 8, 16, {3, 3, 3}, {3, 3, 3}, {1, 2, 2}, {1, 2, 2}}},
                                        .rel_pos_embed = true,
                                        .num_classes = 10},
                  knob, value);
  } catch (const archdesc::knob_error&) {
    // not KNOB=VALUE
  } catch (const std::exception& e) {
    std::fprintf(stderr, "knob_value_fuzz: unexpected exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}
