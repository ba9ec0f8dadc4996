// archdesc/knobs.hpp: a descriptor's knobs by name at run time, through Boost.Hana's reflection of
// its knob structs. Each family's companion header (<architectures/.../resnet_knobs.hpp>) adapts its
// structs once; the core headers do not include this one, so describing a model does not pay for it.
//
//   #include <architectures/torchvision/resnet_knobs.hpp>
//   archdesc::resnet::model net = archdesc::resnet::resnet50();
//   archdesc::set_knob(net, "groups", archdesc::parse_knob_value("32"));
//   archdesc::set_knob(net, "width_per_group", archdesc::parse_knob_value("4"));
//   // net now holds resnext50_32x4d's knobs; archdesc::knob_rows(net) lists them all
#pragma once

#include <archdesc/bounded_list.hpp>
#include <archdesc/builder.hpp>
#include <archdesc/modules.hpp>
#include <archdesc/real.hpp>
#include <archdesc/shape.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/unpack.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace archdesc {

// A knob's value, whatever the knob's type: what --set, config.json files and listings read and
// write. Shapes and rows of a list of structs are lists.
struct knob_value {
  enum class kind { integer, real, boolean, name, list, record };
  kind type = kind::integer;
  std::int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::string name;
  std::vector<knob_value> items;         // a list's items, a record's values
  std::vector<std::string> field_names;  // a record's names (a JSON object's keys), one per item

  static knob_value of(kind type) {
    knob_value value;
    value.type = type;
    return value;
  }
  static knob_value of_integer(std::int64_t v) {
    knob_value value = of(kind::integer);
    value.integer = v;
    return value;
  }
  static knob_value of_real(double v) {
    knob_value value = of(kind::real);
    value.real = v;
    return value;
  }
  static knob_value of_boolean(bool v) {
    knob_value value = of(kind::boolean);
    value.boolean = v;
    return value;
  }
  static knob_value of_name(std::string_view v) {
    knob_value value = of(kind::name);
    value.name = v;
    return value;
  }
  static knob_value of_list(std::vector<knob_value> v) {
    knob_value value = of(kind::list);
    value.items = std::move(v);
    return value;
  }
};

inline bool operator==(const knob_value& a, const knob_value& b) {
  return a.type == b.type && a.integer == b.integer && (a.real == b.real) && a.boolean == b.boolean &&
         a.name == b.name && a.items == b.items && a.field_names == b.field_names;
}

// A knob that does not exist, or a value a knob cannot take: a usage mistake.
struct knob_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The enumerators of an enum knob, by name: ARCHDESC_KNOB_ENUM(archdesc::resnet::block_type, basic,
// bottleneck) at global scope, once, in the family's companion header.
template <class Enum>
struct knob_enum;

#define ARCHDESC_KNOB_ENUM(Enum, ...)                       \
  template <>                                               \
  struct archdesc::knob_enum<Enum> {                        \
    using enum Enum;                                        \
    static constexpr std::string_view spelled = #Enum;      \
    static constexpr std::string_view names = #__VA_ARGS__; \
    static constexpr Enum values[] = {__VA_ARGS__};         \
  }

// The choices of a knob that points to an activation (activation_layer = &relu6), by name.
struct activation_choice {
  std::string_view name;
  const elementwise* layer;
};
inline constexpr activation_choice activation_choices[] = {
    {"none", nullptr}, {"relu", &relu},        {"relu6", &relu6},         {"gelu", &gelu},
    {"silu", &silu},   {"sigmoid", &sigmoid},  {"hardswish", &hardswish}, {"hardsigmoid", &hardsigmoid},
    {"tanh", &tanh},   {"identity", &identity}};

// The number of single-character edits from a to b (Levenshtein), for "the closest" suggestions.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
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

// Up to `count` of `candidates` closest to `name`, closest first.
inline std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates,
                                              std::size_t count) {
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& candidate : candidates) ranked.emplace_back(edit_distance(name, candidate), candidate);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (std::size_t i = 0; i < ranked.size() && i < count; ++i) names.push_back(ranked[i].second);
  return names;
}

// Integer knobs set at run time stay within this bound, so that no knob can make a pass's int
// arithmetic overflow or its loops run for hours.
inline constexpr std::int64_t knob_integer_bound = std::int64_t{1} << 20;

namespace detail {

template <class T>
struct list_traits {
  static constexpr bool is_list = false;
};
template <class T, std::size_t N>
struct list_traits<bounded_list<T, N>> {
  static constexpr bool is_list = true;
  static constexpr bool bounded = true;
  using element = T;
  static constexpr std::size_t capacity = N;
};
template <class T, std::size_t N>
struct list_traits<std::array<T, N>> {
  static constexpr bool is_list = true;
  static constexpr bool bounded = false;
  using element = T;
  static constexpr std::size_t capacity = N;
};

template <class T>
concept knob_list = list_traits<T>::is_list;

template <class T>
concept knob_struct = boost::hana::Struct<T>::value;

template <class T>
concept knob_enumeration = std::is_enum_v<T> && requires {
  knob_enum<T>::values;
};

template <class T>
concept knob_integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T>
concept knob_real = std::is_same_v<T, real> || std::is_same_v<T, double>;

// The enumerators' names, from the macro's spelled list "basic, bottleneck".
template <class Enum>
std::vector<std::string_view> enumerator_names() {
  std::vector<std::string_view> names;
  std::string_view rest = knob_enum<Enum>::names;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.push_back(name);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return names;
}

template <class Enum>
std::string_view enumerator_name(Enum value) {
  const auto names = enumerator_names<Enum>();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (knob_enum<Enum>::values[i] == value) return names[i];
  return "?";
}

inline std::string_view short_name(std::string_view spelled) {
  const std::size_t cut = spelled.rfind("::");
  return cut == std::string_view::npos ? spelled : spelled.substr(cut + 2);
}

inline std::string joined(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : std::string(separator)) + std::string(names[i]);
  return out;
}

inline std::vector<std::string_view> activation_names() {
  std::vector<std::string_view> names;
  for (const auto& choice : activation_choices) names.emplace_back(choice.name);
  return names;
}

// The type's name as the compiler spells it in a function's signature (g++: "[with T = ns::x; ...]",
// clang++: "[T = ns::x]"), for the C++ that archdesc descriptor prints.
template <class T>
std::string_view spelled_type() {
  const std::string_view signature = __PRETTY_FUNCTION__;
  const std::size_t start = signature.find("T = ") + 4;
  const std::size_t end = signature.find_first_of(";]", start);
  return signature.substr(start, end - start);
}

// A real written so that it reads back as the same double, always with a point or an exponent.
inline std::string real_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

}  // namespace detail

// A value as --set writes it: 37, 0.75, true, bottleneck, [2, 2, 2, 2], [[1, 16, 1, 1]].
inline std::string knob_text(const knob_value& value) {
  switch (value.type) {
    case knob_value::kind::integer:
      return std::to_string(value.integer);
    case knob_value::kind::real:
      return detail::real_text(value.real);
    case knob_value::kind::boolean:
      return value.boolean ? "true" : "false";
    case knob_value::kind::name:
      return value.name;
    case knob_value::kind::list:
    case knob_value::kind::record: {  // a record as a row: the members' values in order, as --set takes them
      std::string text = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) text += (i == 0 ? "" : ", ") + knob_text(value.items[i]);
      return text + "]";
    }
  }
  return {};
}

// One knob as `archdesc knobs` lists it: its dotted name, type, value and the class default.
struct knob_row {
  std::string name;
  std::string type;
  std::string value;
  std::string class_default;
};

namespace detail {

// What archdesc does with the knobs of one type at run time, as a table of functions: one table per
// type, built from Hana's reflection of the knob structs (knob_type_of below). Structs and lists are
// walked by the functions further down, compiled once, whatever the struct: written as templates
// over each struct, they were half of the registry's compile time (a generic lambda per member, per
// operation, per struct).
struct knob_type;

// A member of a knob struct: its name, its type's table, and the member in an object of the struct.
struct knob_field {
  const char* name;
  const knob_type* type;
  void* (*in)(void* object);
};

// What knobs of one form do: the same functions for every list and for every record, one set per
// leaf type.
struct knob_operations {
  std::string (*type_text)(const knob_type& self);      // as `archdesc knobs` lists it
  std::string (*expected_text)(const knob_type& self);  // for messages, with the choices of an enum
  knob_value (*to_value)(const knob_type& self, const void* knob);
  void (*from_value)(const knob_type& self, void* knob, const knob_value& value, std::string_view path);
  std::string (*text)(const knob_type& self, const void* knob);      // a shape as 3x224x224
  std::string (*cpp_text)(const knob_type& self, const void* knob);  // as C++ source
};

struct knob_type {
  enum class form_kind { leaf, list, record };
  form_kind form;
  const knob_operations* operations;
  void (*reset)(void* knob);  // a list's or record's: to the type's defaults, T{}
  const void* class_default;  // a record's: T{}
  // A record's: its members in order; whether C++ writes it as an aggregate; its spelled type.
  std::span<const knob_field> fields;
  bool aggregate;
  std::string_view (*spelled)();
  // A list's: its items' type; at most (bounded_list) or exactly (std::array) `capacity` items.
  const knob_type* element;
  std::size_t capacity;
  bool bounded;
  std::size_t (*count)(const void* list);
  void* (*item)(void* list, std::size_t index);
  void (*set_count)(void* list, std::size_t count);

  std::string type_text() const { return operations->type_text(*this); }
  std::string expected_text() const { return operations->expected_text(*this); }
  knob_value to_value(const void* knob) const { return operations->to_value(*this, knob); }
  void from_value(void* knob, const knob_value& value, std::string_view path) const {
    operations->from_value(*this, knob, value, path);
  }
  std::string text(const void* knob) const { return operations->text(*this, knob); }
  std::string cpp_text(const void* knob) const { return operations->cpp_text(*this, knob); }
};

// The tables only read through `const void*`; `in` and `item` are shared by reads and writes.
inline const void* member_of(const knob_field& field, const void* object) {
  return field.in(const_cast<void*>(object));
}
inline const void* item_of(const knob_type& list, const void* knob, std::size_t index) {
  return list.item(const_cast<void*>(knob), index);
}

// The knob at `path`, of that type, cannot take `value`.
[[noreturn]] inline void wrong_value(const knob_type& type, std::string_view path, const knob_value& value,
                                     std::string_view why = {}) {
  throw knob_error(std::string(path) + ": expects " + type.expected_text() + ", receives " + knob_text(value) +
                   (why.empty() ? "" : " (" + std::string(why) + ")"));
}

inline std::int64_t bounded_integer(const knob_type& type, std::string_view path, const knob_value& value) {
  if (value.type != knob_value::kind::integer) wrong_value(type, path, value);
  if (value.integer > knob_integer_bound || value.integer < -knob_integer_bound)
    wrong_value(type, path, value, "knobs set at run time are within +-" + std::to_string(knob_integer_bound));
  return value.integer;
}

inline std::string item_path(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

inline std::string knob_text_of_value(const knob_type& self, const void* knob) {
  return knob_text(self.to_value(knob));
}

// A single value: bool, an integer, real, an enum, an activation, shape, hw or dhw.
template <class T>
concept knob_leaf = std::is_same_v<T, bool> || knob_integer<T> || knob_real<T> || knob_enumeration<T> ||
    std::is_same_v<T, const elementwise*> || std::is_same_v<T, shape> || std::is_same_v<T, hw> ||
    std::is_same_v<T, dhw>;

template <knob_leaf T>
std::string leaf_type_text(const knob_type&) {
  if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (knob_integer<T>) {
    return sizeof(T) > 4 ? "int64" : "int";
  } else if constexpr (knob_real<T>) {
    return "real";
  } else if constexpr (knob_enumeration<T>) {
    return std::string(short_name(knob_enum<T>::spelled));
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    return "activation";
  } else if constexpr (std::is_same_v<T, shape>) {
    return "shape";
  } else if constexpr (std::is_same_v<T, hw>) {
    return "hw";
  } else {
    return "dhw";
  }
}

template <knob_leaf T>
std::string leaf_expected_text(const knob_type& self) {
  if constexpr (knob_enumeration<T>) {
    return leaf_type_text<T>(self) + " (" + joined(enumerator_names<T>(), ", ") + ")";
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    return "activation (" + joined(activation_names(), ", ") + ")";
  } else if constexpr (std::is_same_v<T, shape>) {
    return "shape (such as 3x224x224)";
  } else if constexpr (std::is_same_v<T, hw>) {
    return "hw (a size, or [height, width])";
  } else if constexpr (std::is_same_v<T, dhw>) {
    return "dhw (a size, or [depth, height, width])";
  } else {
    return leaf_type_text<T>(self);
  }
}

template <knob_leaf T>
knob_value leaf_to_value(const knob_type&, const void* erased) {
  const T& knob = *static_cast<const T*>(erased);
  if constexpr (std::is_same_v<T, bool>) {
    return knob_value::of_boolean(knob);
  } else if constexpr (knob_integer<T>) {
    return knob_value::of_integer(static_cast<std::int64_t>(knob));
  } else if constexpr (knob_real<T>) {
    return knob_value::of_real(static_cast<double>(knob));
  } else if constexpr (knob_enumeration<T>) {
    return knob_value::of_name(enumerator_name(knob));
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    for (const auto& choice : activation_choices)
      if (choice.layer == knob) return knob_value::of_name(choice.name);
    return knob_value::of_name(knob->type_name);
  } else if constexpr (std::is_same_v<T, shape>) {
    std::vector<knob_value> sizes;
    for (std::int64_t size : knob) sizes.push_back(knob_value::of_integer(size));
    return knob_value::of_list(std::move(sizes));
  } else if constexpr (std::is_same_v<T, hw>) {
    if (knob.h == knob.w) return knob_value::of_integer(knob.h);
    return knob_value::of_list({knob_value::of_integer(knob.h), knob_value::of_integer(knob.w)});
  } else {
    if (knob.d == knob.h && knob.h == knob.w) return knob_value::of_integer(knob.d);
    return knob_value::of_list(
        {knob_value::of_integer(knob.d), knob_value::of_integer(knob.h), knob_value::of_integer(knob.w)});
  }
}

template <knob_leaf T>
void leaf_from_value(const knob_type& self, void* erased, const knob_value& value, std::string_view path) {
  T& knob = *static_cast<T*>(erased);
  if constexpr (std::is_same_v<T, bool>) {
    if (value.type != knob_value::kind::boolean) wrong_value(self, path, value);
    knob = value.boolean;
  } else if constexpr (knob_integer<T>) {
    knob = static_cast<T>(bounded_integer(self, path, value));
  } else if constexpr (knob_real<T>) {
    if (value.type == knob_value::kind::integer) {
      knob = static_cast<double>(bounded_integer(self, path, value));
    } else if (value.type == knob_value::kind::real && std::isfinite(value.real) &&
               std::abs(value.real) <= static_cast<double>(knob_integer_bound)) {
      knob = value.real;
    } else {
      wrong_value(self, path, value);
    }
  } else if constexpr (knob_enumeration<T>) {
    if (value.type == knob_value::kind::name) {
      const auto names = enumerator_names<T>();
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == value.name) {
          knob = knob_enum<T>::values[i];
          return;
        }
    }
    wrong_value(self, path, value);
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    if (value.type == knob_value::kind::name)
      for (const auto& choice : activation_choices)
        if (choice.name == value.name) {
          knob = choice.layer;
          return;
        }
    wrong_value(self, path, value);
  } else if constexpr (std::is_same_v<T, shape>) {
    if (value.type != knob_value::kind::list || value.items.empty() ||
        value.items.size() >= static_cast<std::size_t>(shape::max_rank))
      wrong_value(self, path, value, "1 to " + std::to_string(shape::max_rank - 1) + " sizes, without the batch");
    shape result;
    for (const auto& size : value.items) {
      const std::int64_t v = bounded_integer(self, path, size);
      if (v <= 0) wrong_value(self, path, value, "sizes are positive");
      result.push_back(v);
    }
    knob = result;
  } else if constexpr (std::is_same_v<T, hw>) {
    if (value.type == knob_value::kind::list && value.items.size() == 2) {
      knob = hw{static_cast<int>(bounded_integer(self, path, value.items[0])),
                static_cast<int>(bounded_integer(self, path, value.items[1]))};
    } else {
      knob = hw{static_cast<int>(bounded_integer(self, path, value))};
    }
  } else {
    if (value.type == knob_value::kind::list && value.items.size() == 3) {
      knob = dhw{static_cast<int>(bounded_integer(self, path, value.items[0])),
                 static_cast<int>(bounded_integer(self, path, value.items[1])),
                 static_cast<int>(bounded_integer(self, path, value.items[2]))};
    } else {
      knob = dhw{static_cast<int>(bounded_integer(self, path, value))};
    }
  }
}

template <knob_leaf T>
std::string leaf_text(const knob_type& self, const void* erased) {
  if constexpr (std::is_same_v<T, shape>) {
    std::string text;
    for (std::int64_t size : *static_cast<const shape*>(erased))
      text += (text.empty() ? "" : "x") + std::to_string(size);
    return text;
  } else {
    return knob_text_of_value(self, erased);
  }
}

template <knob_leaf T>
std::string leaf_cpp_text(const knob_type& self, const void* erased) {
  const T& knob = *static_cast<const T*>(erased);
  if constexpr (std::is_same_v<T, bool>) {
    return knob ? "true" : "false";
  } else if constexpr (knob_integer<T>) {
    return std::to_string(knob);
  } else if constexpr (knob_real<T>) {
    return real_text(static_cast<double>(knob));
  } else if constexpr (knob_enumeration<T>) {
    return std::string(knob_enum<T>::spelled) + "::" + std::string(enumerator_name(knob));
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    const std::string name = leaf_to_value<T>(self, erased).name;
    return name == "none" ? "nullptr" : "&archdesc::" + name;
  } else if constexpr (std::is_same_v<T, hw>) {
    return knob.h == knob.w ? std::to_string(knob.h)
                            : "{" + std::to_string(knob.h) + ", " + std::to_string(knob.w) + "}";
  } else if constexpr (std::is_same_v<T, dhw>) {
    return knob.d == knob.h && knob.h == knob.w
               ? std::to_string(knob.d)
               : "{" + std::to_string(knob.d) + ", " + std::to_string(knob.h) + ", " + std::to_string(knob.w) + "}";
  } else {
    std::string text = "{";
    for (std::int64_t size : knob) text += (text.size() == 1 ? "" : ", ") + std::to_string(size);
    return text + "}";
  }
}

template <knob_leaf T>
inline constexpr knob_operations leaf_operations{&leaf_type_text<T>,  &leaf_expected_text<T>, &leaf_to_value<T>,
                                                 &leaf_from_value<T>, &leaf_text<T>,          &leaf_cpp_text<T>};

// bounded_list<T, N> and std::array<T, N>: at most or exactly N items, of the element's table.
inline std::string list_type_text(const knob_type& self) {
  return std::string(self.bounded ? "bounded_list<" : "array<") + self.element->type_text() + ", " +
         std::to_string(self.capacity) + ">";
}

inline std::string list_expected_text(const knob_type& self) {
  if (self.element->form == knob_type::form_kind::record)
    return list_type_text(self) + " (rows such as [[...], [...]], members in order)";
  return list_type_text(self);
}

inline knob_value list_to_value(const knob_type& self, const void* knob) {
  std::vector<knob_value> items;
  for (std::size_t i = 0; i < self.count(knob); ++i) items.push_back(self.element->to_value(item_of(self, knob, i)));
  return knob_value::of_list(std::move(items));
}

inline void list_from_value(const knob_type& self, void* knob, const knob_value& value, std::string_view path) {
  if (value.type != knob_value::kind::list) wrong_value(self, path, value);
  const std::size_t count = value.items.size();
  if (self.bounded && count > self.capacity)
    wrong_value(self, path, value,
                "at most " + std::to_string(self.capacity) + " values, receives " + std::to_string(count));
  if (!self.bounded && count != self.capacity)
    wrong_value(self, path, value,
                "exactly " + std::to_string(self.capacity) + " values, receives " + std::to_string(count));
  // Items left out keep the class defaults: set_knob works on a copy of the model, so a value that
  // fails halfway leaves the model as it was.
  self.reset(knob);
  for (std::size_t i = 0; i < count; ++i)
    self.element->from_value(self.item(knob, i), value.items[i], item_path(path, i));
  if (self.bounded) self.set_count(knob, count);
}

inline std::string list_cpp_text(const knob_type& self, const void* knob) {
  std::string text = "{";
  for (std::size_t i = 0; i < self.count(knob); ++i)
    text += (text.size() == 1 ? "" : ", ") + self.element->cpp_text(item_of(self, knob, i));
  return text + "}";
}

inline constexpr knob_operations list_operations{&list_type_text,  &list_expected_text, &list_to_value,
                                                 &list_from_value, &knob_text_of_value, &list_cpp_text};

template <class List>
std::size_t list_count(const void* list) {
  if constexpr (list_traits<List>::bounded) {
    return static_cast<const List*>(list)->count;
  } else {
    return list_traits<List>::capacity;
  }
}

template <class List>
void* list_item(void* list, std::size_t index) {
  if constexpr (list_traits<List>::bounded) {
    return &static_cast<List*>(list)->items[index];
  } else {
    return &(*static_cast<List*>(list))[index];
  }
}

template <class List>
void list_set_count(void* list, std::size_t count) {
  static_cast<List*>(list)->count = count;
}

// A struct adapted with BOOST_HANA_ADAPT_STRUCT: a record of named members.
inline std::string record_type_text(const knob_type& self) {
  std::string text = "{";
  for (const knob_field& field : self.fields)
    text += (text.size() == 1 ? "" : ", ") + std::string(field.name) + " " + field.type->type_text();
  return text + "}";
}

inline knob_value record_to_value(const knob_type& self, const void* knob) {
  knob_value record = knob_value::of(knob_value::kind::record);
  for (const knob_field& field : self.fields) {
    record.field_names.emplace_back(field.name);
    record.items.push_back(field.type->to_value(member_of(field, knob)));
  }
  return record;
}

inline void record_from_value(const knob_type& self, void* knob, const knob_value& value, std::string_view path) {
  if (value.type == knob_value::kind::list) {
    // A row: the members in order, as an aggregate's initializer; those left out keep their defaults.
    self.reset(knob);
    for (std::size_t i = 0; i < value.items.size() && i < self.fields.size(); ++i) {
      const knob_field& field = self.fields[i];
      field.type->from_value(field.in(knob), value.items[i], std::string(path) + "." + field.name);
    }
    if (value.items.size() > self.fields.size())
      wrong_value(self, path, value, "at most " + std::to_string(self.fields.size()) + " members");
  } else if (value.type == knob_value::kind::record) {
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      const auto field = std::find_if(self.fields.begin(), self.fields.end(),
                                      [&](const knob_field& f) { return f.name == value.field_names[i]; });
      if (field == self.fields.end())
        throw knob_error(std::string(path) + ": has no knob '" + value.field_names[i] + "'");
      field->type->from_value(field->in(knob), value.items[i], std::string(path) + "." + field->name);
    }
  } else {
    wrong_value(self, path, value);
  }
}

// The designated initialisers of the members that differ from the class's defaults; a class with
// constructors (MobileNetV3's rows) as its members set one by one, in a constant expression.
inline std::string record_cpp_text(const knob_type& self, const void* knob) {
  std::vector<std::pair<std::string_view, std::string>> changed;
  for (const knob_field& field : self.fields) {
    const void* member = member_of(field, knob);
    if (!(field.type->to_value(member) == field.type->to_value(member_of(field, self.class_default))))
      changed.emplace_back(field.name, field.type->cpp_text(member));
  }
  std::string text;
  if (self.aggregate) {
    for (const auto& [name, value] : changed)
      text += (text.empty() ? "" : ", ") + ("." + std::string(name) + " = ") + value;
    return "{" + text + "}";
  }
  for (const auto& [name, value] : changed) text += " knob." + std::string(name) + " = " + value + ";";
  return "[] { " + std::string(self.spelled()) + " knob;" + text + " return knob; }()";
}

inline constexpr knob_operations record_operations{&record_type_text,  &record_type_text,   &record_to_value,
                                                   &record_from_value, &knob_text_of_value, &record_cpp_text};

template <class T>
void reset_to_default(void* knob) {
  *static_cast<T*>(knob) = T{};
}

template <class T>
consteval knob_type make_knob_type();

// The table of knobs of type T.
template <class T>
inline constexpr knob_type knob_type_of = make_knob_type<T>();

template <class T, class Accessor>
void* member_in(void* object) {
  return &Accessor{}(*static_cast<T*>(object));
}

// A struct's members, from its BOOST_HANA_ADAPT_STRUCT.
template <class T>
inline constexpr auto fields_of = boost::hana::unpack(boost::hana::accessors<T>(), [](auto... accessor) {
  return std::array<knob_field, sizeof...(accessor)>{
      knob_field{boost::hana::to<const char*>(boost::hana::first(accessor)),
                 &knob_type_of<std::remove_cvref_t<decltype(boost::hana::second(accessor)(std::declval<T&>()))>>,
                 &member_in<T, std::remove_cvref_t<decltype(boost::hana::second(accessor))>>}...};
});

template <class T>
consteval knob_type make_knob_type() {
  knob_type type{};
  if constexpr (knob_leaf<T>) {
    type.form = knob_type::form_kind::leaf;
    type.operations = &leaf_operations<T>;
  } else if constexpr (knob_list<T>) {
    type.form = knob_type::form_kind::list;
    type.operations = &list_operations;
    type.reset = &reset_to_default<T>;
    type.element = &knob_type_of<typename list_traits<T>::element>;
    type.capacity = list_traits<T>::capacity;
    type.bounded = list_traits<T>::bounded;
    type.count = &list_count<T>;
    type.item = &list_item<T>;
    if constexpr (list_traits<T>::bounded) type.set_count = &list_set_count<T>;
  } else {
    static_assert(knob_struct<T>, "archdesc: adapt this knob struct with BOOST_HANA_ADAPT_STRUCT");
    type.form = knob_type::form_kind::record;
    type.operations = &record_operations;
    type.reset = &reset_to_default<T>;
    type.class_default = &class_defaults<T>;
    type.fields = fields_of<T>;
    type.aggregate = std::is_aggregate_v<T>;
    type.spelled = &spelled_type<T>;
  }
  return type;
}

// Every knob under `knob`, nested structs' members as dotted names (config.hidden_size), beside the
// class defaults' values.
inline void append_knob_rows(const knob_type& type, const void* knob, const void* class_default,
                             const std::string& name, std::vector<knob_row>& rows) {
  if (type.form != knob_type::form_kind::record) {
    rows.push_back({name, type.type_text(), type.text(knob), type.text(class_default)});
    return;
  }
  for (const knob_field& field : type.fields)
    append_knob_rows(*field.type, member_of(field, knob), member_of(field, class_default),
                     name.empty() ? std::string(field.name) : name + "." + field.name, rows);
}

inline std::vector<knob_row> knob_rows(const knob_type& type, const void* knob) {
  std::vector<knob_row> rows;
  append_knob_rows(type, knob, type.class_default, "", rows);
  return rows;
}

// The dotted names of every knob and of every struct of knobs (config), for suggestions.
inline std::vector<std::string> knob_names(const knob_type& type) {
  std::vector<std::string> names;
  for (const auto& row : knob_rows(type, type.class_default)) {
    for (std::size_t dot = row.name.find('.'); dot != std::string::npos; dot = row.name.find('.', dot + 1))
      if (std::find(names.begin(), names.end(), row.name.substr(0, dot)) == names.end())
        names.push_back(row.name.substr(0, dot));
    names.push_back(row.name);
  }
  return names;
}

// Finds the knob at `rest` of `dotted` in `knob` and sets it; false when there is none.
inline bool set_member(const knob_type& type, void* knob, std::string_view dotted, std::string_view rest,
                       const knob_value& value) {
  if (rest.empty()) {
    type.from_value(knob, value, dotted);
    return true;
  }
  if (type.form != knob_type::form_kind::record) return false;
  const std::size_t dot = rest.find('.');
  const std::string_view head = rest.substr(0, dot);
  const std::string_view tail = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  if (dot != std::string_view::npos && tail.empty()) return false;
  for (const knob_field& field : type.fields)
    if (field.name == head) return set_member(*field.type, field.in(knob), dotted, tail, value);
  return false;
}

inline void set_knob(const knob_type& type, void* net, std::string_view dotted, const knob_value& value) {
  if (dotted.empty() || !set_member(type, net, dotted, dotted, value)) {
    std::string closest;
    for (const auto& name : closest_names(dotted, knob_names(type), 3)) closest += (closest.empty() ? "" : ", ") + name;
    throw knob_error("unknown knob '" + std::string(dotted) + "'; the closest: " + closest);
  }
}

}  // namespace detail

// A typed knob, or a whole model's knobs, as a knob_value (a model as a record of its members).
template <class T>
knob_value to_knob_value(const T& knob) {
  return detail::knob_type_of<T>.to_value(&knob);
}

// Every knob of a model, nested structs' members as dotted names (config.hidden_size), beside the
// class defaults' values.
template <class Model>
std::vector<knob_row> knob_rows(const Model& net) {
  return detail::knob_rows(detail::knob_type_of<Model>, &net);
}

// Sets the knob of that dotted name (groups, config.hidden_size), or throws knob_error: an unknown
// name gets the closest names, a value of the wrong type the type expected. On an error, `net` is
// unchanged.
template <class Model>
void set_knob(Model& net, std::string_view dotted, const knob_value& value) {
  Model changed = net;
  detail::set_knob(detail::knob_type_of<Model>, &changed, dotted, value);
  net = changed;
}

// A typed knob as C++ source: a literal, an enumerator, &archdesc::relu6, and a struct as the
// designated initialisers of the members that differ from its class's defaults.
template <class T>
std::string cpp_knob_text(const T& knob) {
  return detail::knob_type_of<T>.cpp_text(&knob);
}

namespace detail {

class knob_parser {
 public:
  explicit knob_parser(std::string_view text) : text_(text) {}

  knob_value whole() {
    knob_value value = parse(0);
    skip_spaces();
    if (at_ < text_.size()) fail("unexpected '" + std::string(1, text_[at_]) + "'");
    return value;
  }

 private:
  static constexpr int max_depth = 8;
  std::string_view text_;
  std::size_t at_ = 0;

  [[noreturn]] void fail(const std::string& why) const {
    throw knob_error("'" + std::string(text_) + "' is not a knob value (" + why + " at character " +
                     std::to_string(at_ + 1) +
                     "); values are 37, 0.75, true, a name, [2, 2, 2, 2], [[1, 16, 1, 1]] or 3x320x320");
  }
  void skip_spaces() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
  }
  static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  knob_value parse(int depth) {
    skip_spaces();
    if (at_ == text_.size()) fail("a value is missing");
    const char c = text_[at_];
    if (c == '[') return list(depth);
    if (is_digit(c) || c == '-' || c == '+' || c == '.') return number_or_shape();
    if (is_name_char(c)) {
      const std::size_t start = at_;
      while (at_ < text_.size() && is_name_char(text_[at_])) ++at_;
      const std::string_view word = text_.substr(start, at_ - start);
      if (word == "true" || word == "false") return knob_value::of_boolean(word == "true");
      return knob_value::of_name(word);
    }
    fail("unexpected '" + std::string(1, c) + "'");
  }

  knob_value list(int depth) {
    if (depth == max_depth) fail("lists nested deeper than " + std::to_string(max_depth));
    ++at_;  // [
    std::vector<knob_value> items;
    skip_spaces();
    if (at_ < text_.size() && text_[at_] == ']') {
      ++at_;
      return knob_value::of_list(std::move(items));
    }
    while (true) {
      items.push_back(parse(depth + 1));
      skip_spaces();
      if (at_ == text_.size()) fail("']' is missing");
      if (text_[at_] == ']') {
        ++at_;
        return knob_value::of_list(std::move(items));
      }
      if (text_[at_] != ',') fail("',' or ']' expected");
      ++at_;
    }
  }

  knob_value number() {
    const std::size_t start = at_;
    if (at_ < text_.size() && (text_[at_] == '-' || text_[at_] == '+')) ++at_;
    bool is_real = false;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (is_digit(c)) {
        ++at_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_real = true;
        ++at_;
        if ((c == 'e' || c == 'E') && at_ < text_.size() && (text_[at_] == '-' || text_[at_] == '+')) ++at_;
      } else {
        break;
      }
    }
    std::string_view digits = text_.substr(start, at_ - start);
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    if (is_real) {
      double value = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (error != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) fail("not a number");
      return knob_value::of_real(value);
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc::result_out_of_range) fail("a number out of range");
    if (error != std::errc{} || end != digits.data() + digits.size()) fail("not a number");
    return knob_value::of_integer(value);
  }

  // 37, 0.75, or sizes joined by x: 3x320x320.
  knob_value number_or_shape() {
    knob_value first = number();
    if (at_ + 1 >= text_.size() || text_[at_] != 'x' || !is_digit(text_[at_ + 1])) return first;
    std::vector<knob_value> sizes{first};
    while (at_ + 1 < text_.size() && text_[at_] == 'x' && is_digit(text_[at_ + 1])) {
      ++at_;
      sizes.push_back(number());
      if (sizes.size() > static_cast<std::size_t>(shape::max_rank)) fail("too many sizes");
    }
    for (const auto& size : sizes)
      if (size.type != knob_value::kind::integer) fail("a shape's sizes are integers");
    return knob_value::of_list(std::move(sizes));
  }
};

}  // namespace detail

// A knob's value from its text on the command line: 37, -1, 0.75, 1e-5, true, bottleneck, a list
// [2, 2, 2, 2], rows [[1, 16, 1, 1], [6, 24, 2, 2]], a shape 3x320x320 (a list of integers).
// Throws knob_error on anything else.
inline knob_value parse_knob_value(std::string_view text) { return detail::knob_parser(text).whole(); }

// "name=value" from --set: the dotted name and the parsed value.
inline std::pair<std::string, knob_value> parse_knob_assignment(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw knob_error("'" + std::string(text) + "' is not KNOB=VALUE (such as groups=32)");
  return {std::string(text.substr(0, equals)), parse_knob_value(text.substr(equals + 1))};
}

}  // namespace archdesc
