// archdesc/builder.hpp: named builders that take a model's knobs as torchvision's builders take
// keyword arguments: torchvision's resnet152(num_classes=21) is resnet152({.num_classes = 21}).
//
//   constexpr model resnet152(model knobs = {}) {
//     archdesc::builder_sets(knobs, &model::block, block_type::bottleneck);
//     archdesc::builder_sets(knobs, &model::layers, {3, 8, 36, 3});
//     return knobs;
//   }
//   static_assert(resnet152({.num_classes = 21}).num_classes == 21);
//   resnet152({.layers = {1, 1, 1, 1}});   // a compile error: resnet152 sets layers itself
#pragma once

#include <stdexcept>
#include <type_traits>

namespace archdesc {

namespace detail {
// A model class's defaults, as a constant: built at run time, g++ 12 -O3 warns falsely of its
// initializer lists' storage (-Wmaybe-uninitialized).
template <class Model>
inline constexpr Model class_defaults{};
}  // namespace detail

// A knob the builder sets itself, as torchvision's _ovewrite_named_param: a value the user gave for
// it must agree. (The model's knobs, and the class defaults, tell which knobs the user gave.)
template <class Knob>
constexpr void builder_sets_value(Knob& given, const Knob& class_default, const Knob& value) {
  // The compilers print this line: the message stays on it. To choose such a knob, describe the model class.
  if (!(given == class_default) && !(given == value))
    throw std::invalid_argument("archdesc: this builder sets that knob itself (the calls printed here name it)");
  given = value;
}
template <class Model, class Knob>
constexpr void builder_sets(Model& knobs, Knob Model::*knob, const std::type_identity_t<Knob>& value) {
  builder_sets_value(knobs.*knob, detail::class_defaults<Model>.*knob, value);
}

// A knob of a part of the model (its config), which the builder sets: as above. The user left it if
// it holds the model's default part's value or the part class's default, which {.config = {...}}
// gives the knobs it does not name (Mistral's default config is not LlamaConfig()).
template <class Model, class Part, class Knob>
constexpr void builder_sets(Model& knobs, Part Model::*part, Knob Part::*knob,
                            const std::type_identity_t<Knob>& value) {
  Knob& given = knobs.*part.*knob;
  if (given == detail::class_defaults<Part>.*knob) given = detail::class_defaults<Model>.*part.*knob;
  builder_sets_value(given, detail::class_defaults<Model>.*part.*knob, value);
}

// A knob the builder defaults, where the user left the class default (the input of a builder whose
// weights expect another crop size).
template <class Model, class Knob>
constexpr void builder_defaults(Model& knobs, Knob Model::*knob, const std::type_identity_t<Knob>& value) {
  if (knobs.*knob == detail::class_defaults<Model>.*knob) knobs.*knob = value;
}

}  // namespace archdesc
