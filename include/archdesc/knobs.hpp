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
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
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
concept knob_rows_list = knob_list<T> && knob_struct<typename list_traits<T>::element>;

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

// Each adapted member of a struct, with its name: f(name, member).
template <knob_struct T, class F>
void for_each_member(T& object, F&& f) {
  boost::hana::for_each(boost::hana::accessors<std::remove_const_t<T>>(), [&](auto accessor) {
    f(std::string_view(boost::hana::to<const char*>(boost::hana::first(accessor))),
      boost::hana::second(accessor)(object));
  });
}

// The same member of two structs of one type: f(name, member of a, member of b).
template <knob_struct T, class F>
void for_each_member_pair(const T& a, const T& b, F&& f) {
  boost::hana::for_each(boost::hana::accessors<T>(), [&](auto accessor) {
    f(std::string_view(boost::hana::to<const char*>(boost::hana::first(accessor))), boost::hana::second(accessor)(a),
      boost::hana::second(accessor)(b));
  });
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

// The knob's type as the listing shows it: int, real, bool, block_type, bounded_list<int, 16>,
// array<int, 4>, shape, hw, dhw, activation, and a struct as its members ({t real, c int, n int, s int}).
template <class T>
std::string knob_type_text() {
  if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (detail::knob_integer<T>) {
    return sizeof(T) > 4 ? "int64" : "int";
  } else if constexpr (detail::knob_real<T>) {
    return "real";
  } else if constexpr (detail::knob_enumeration<T>) {
    return std::string(detail::short_name(knob_enum<T>::spelled));
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    return "activation";
  } else if constexpr (std::is_same_v<T, shape>) {
    return "shape";
  } else if constexpr (std::is_same_v<T, hw>) {
    return "hw";
  } else if constexpr (std::is_same_v<T, dhw>) {
    return "dhw";
  } else if constexpr (detail::knob_list<T>) {
    using traits = detail::list_traits<T>;
    return std::string(traits::bounded ? "bounded_list<" : "array<") + knob_type_text<typename traits::element>() +
           ", " + std::to_string(traits::capacity) + ">";
  } else {
    static_assert(detail::knob_struct<T>, "archdesc: adapt this knob struct with BOOST_HANA_ADAPT_STRUCT");
    std::string text = "{";
    T object{};
    detail::for_each_member(object, [&](std::string_view name, auto& member) {
      text += (text.size() == 1 ? "" : ", ") + std::string(name) + " " +
              knob_type_text<std::remove_cvref_t<decltype(member)>>();
    });
    return text + "}";
  }
}

// What a knob of that type accepts, for messages: the type, and the choices of an enum.
template <class T>
std::string knob_expected_text() {
  if constexpr (detail::knob_enumeration<T>) {
    return knob_type_text<T>() + " (" + detail::joined(detail::enumerator_names<T>(), ", ") + ")";
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    return "activation (" + detail::joined(detail::activation_names(), ", ") + ")";
  } else if constexpr (std::is_same_v<T, shape>) {
    return "shape (such as 3x224x224)";
  } else if constexpr (std::is_same_v<T, hw>) {
    return "hw (a size, or [height, width])";
  } else if constexpr (std::is_same_v<T, dhw>) {
    return "dhw (a size, or [depth, height, width])";
  } else if constexpr (detail::knob_rows_list<T>) {
    return knob_type_text<T>() + " (rows such as [[...], [...]], members in order)";
  } else {
    return knob_type_text<T>();
  }
}

// A typed knob as a knob_value.
template <class T>
knob_value to_knob_value(const T& knob) {
  if constexpr (std::is_same_v<T, bool>) {
    return knob_value::of_boolean(knob);
  } else if constexpr (detail::knob_integer<T>) {
    return knob_value::of_integer(static_cast<std::int64_t>(knob));
  } else if constexpr (detail::knob_real<T>) {
    return knob_value::of_real(static_cast<double>(knob));
  } else if constexpr (detail::knob_enumeration<T>) {
    return knob_value::of_name(detail::enumerator_name(knob));
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
  } else if constexpr (std::is_same_v<T, dhw>) {
    if (knob.d == knob.h && knob.h == knob.w) return knob_value::of_integer(knob.d);
    return knob_value::of_list(
        {knob_value::of_integer(knob.d), knob_value::of_integer(knob.h), knob_value::of_integer(knob.w)});
  } else if constexpr (detail::knob_list<T>) {
    std::vector<knob_value> items;
    for (const auto& item : knob) items.push_back(to_knob_value(item));
    return knob_value::of_list(std::move(items));
  } else {
    static_assert(detail::knob_struct<T>, "archdesc: adapt this knob struct with BOOST_HANA_ADAPT_STRUCT");
    knob_value record = knob_value::of(knob_value::kind::record);
    detail::for_each_member(knob, [&](std::string_view name, const auto& member) {
      record.field_names.emplace_back(name);
      record.items.push_back(to_knob_value(member));
    });
    return record;
  }
}

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
    case knob_value::kind::list: {
      std::string text = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) text += (i == 0 ? "" : ", ") + knob_text(value.items[i]);
      return text + "]";
    }
    case knob_value::kind::record: {  // a row: the members' values in order, as --set takes them
      std::string text = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) text += (i == 0 ? "" : ", ") + knob_text(value.items[i]);
      return text + "]";
    }
  }
  return {};
}

// The text of a typed knob: a shape as 3x224x224, anything else as knob_text.
template <class T>
std::string knob_text_of(const T& knob) {
  if constexpr (std::is_same_v<T, shape>) {
    std::string text;
    for (std::int64_t size : knob) text += (text.empty() ? "" : "x") + std::to_string(size);
    return text;
  } else {
    return knob_text(to_knob_value(knob));
  }
}

namespace detail {

// The knob at `path`, of type T, cannot take `value`.
template <class T>
[[noreturn]] void wrong_value(std::string_view path, const knob_value& value, std::string_view why = {}) {
  throw knob_error(std::string(path) + ": expects " + knob_expected_text<T>() + ", receives " + knob_text(value) +
                   (why.empty() ? "" : " (" + std::string(why) + ")"));
}

template <class T>
std::int64_t bounded_integer(std::string_view path, const knob_value& value) {
  if (value.type != knob_value::kind::integer) wrong_value<T>(path, value);
  if (value.integer > knob_integer_bound || value.integer < -knob_integer_bound)
    wrong_value<T>(path, value, "knobs set at run time are within +-" + std::to_string(knob_integer_bound));
  return value.integer;
}

inline std::string item_path(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

}  // namespace detail

// Sets a typed knob from a knob_value, or throws knob_error naming the knob (its dotted path), the
// type expected and the value received.
template <class T>
void from_knob_value(T& knob, const knob_value& value, std::string_view path) {
  if constexpr (std::is_same_v<T, bool>) {
    if (value.type != knob_value::kind::boolean) detail::wrong_value<T>(path, value);
    knob = value.boolean;
  } else if constexpr (detail::knob_integer<T>) {
    knob = static_cast<T>(detail::bounded_integer<T>(path, value));
  } else if constexpr (detail::knob_real<T>) {
    if (value.type == knob_value::kind::integer) {
      knob = static_cast<double>(detail::bounded_integer<T>(path, value));
    } else if (value.type == knob_value::kind::real && std::isfinite(value.real) &&
               std::abs(value.real) <= static_cast<double>(knob_integer_bound)) {
      knob = value.real;
    } else {
      detail::wrong_value<T>(path, value);
    }
  } else if constexpr (detail::knob_enumeration<T>) {
    if (value.type == knob_value::kind::name) {
      const auto names = detail::enumerator_names<T>();
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == value.name) {
          knob = knob_enum<T>::values[i];
          return;
        }
    }
    detail::wrong_value<T>(path, value);
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    if (value.type == knob_value::kind::name)
      for (const auto& choice : activation_choices)
        if (choice.name == value.name) {
          knob = choice.layer;
          return;
        }
    detail::wrong_value<T>(path, value);
  } else if constexpr (std::is_same_v<T, shape>) {
    if (value.type != knob_value::kind::list || value.items.empty() ||
        value.items.size() >= static_cast<std::size_t>(shape::max_rank))
      detail::wrong_value<T>(path, value, "1 to " + std::to_string(shape::max_rank - 1) + " sizes, without the batch");
    shape result;
    for (const auto& size : value.items) {
      const std::int64_t v = detail::bounded_integer<T>(path, size);
      if (v <= 0) detail::wrong_value<T>(path, value, "sizes are positive");
      result.push_back(v);
    }
    knob = result;
  } else if constexpr (std::is_same_v<T, hw>) {
    if (value.type == knob_value::kind::list && value.items.size() == 2) {
      knob = hw{static_cast<int>(detail::bounded_integer<T>(path, value.items[0])),
                static_cast<int>(detail::bounded_integer<T>(path, value.items[1]))};
    } else {
      knob = hw{static_cast<int>(detail::bounded_integer<T>(path, value))};
    }
  } else if constexpr (std::is_same_v<T, dhw>) {
    if (value.type == knob_value::kind::list && value.items.size() == 3) {
      knob = dhw{static_cast<int>(detail::bounded_integer<T>(path, value.items[0])),
                 static_cast<int>(detail::bounded_integer<T>(path, value.items[1])),
                 static_cast<int>(detail::bounded_integer<T>(path, value.items[2]))};
    } else {
      knob = dhw{static_cast<int>(detail::bounded_integer<T>(path, value))};
    }
  } else if constexpr (detail::knob_list<T>) {
    using traits = detail::list_traits<T>;
    if (value.type != knob_value::kind::list) detail::wrong_value<T>(path, value);
    if (traits::bounded && value.items.size() > traits::capacity)
      detail::wrong_value<T>(
          path, value,
          "at most " + std::to_string(traits::capacity) + " values, receives " + std::to_string(value.items.size()));
    if (!traits::bounded && value.items.size() != traits::capacity)
      detail::wrong_value<T>(
          path, value,
          "exactly " + std::to_string(traits::capacity) + " values, receives " + std::to_string(value.items.size()));
    T result{};
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      typename traits::element item{};
      from_knob_value(item, value.items[i], detail::item_path(path, i));
      if constexpr (traits::bounded) {
        result.items[result.count++] = item;
      } else {
        result[i] = item;
      }
    }
    knob = result;
  } else {
    static_assert(detail::knob_struct<T>, "archdesc: adapt this knob struct with BOOST_HANA_ADAPT_STRUCT");
    if (value.type == knob_value::kind::list) {
      // A row: the members in order, as an aggregate's initializer; those left out keep their defaults.
      T result{};
      std::size_t index = 0, members = 0;
      detail::for_each_member(result, [&](std::string_view name, auto& member) {
        ++members;
        if (index < value.items.size())
          from_knob_value(member, value.items[index++], std::string(path) + "." + std::string(name));
      });
      if (value.items.size() > members)
        detail::wrong_value<T>(path, value, "at most " + std::to_string(members) + " members");
      knob = result;
    } else if (value.type == knob_value::kind::record) {
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        bool found = false;
        detail::for_each_member(knob, [&](std::string_view name, auto& member) {
          if (name != value.field_names[i]) return;
          found = true;
          from_knob_value(member, value.items[i], std::string(path) + "." + std::string(name));
        });
        if (!found) throw knob_error(std::string(path) + ": has no knob '" + value.field_names[i] + "'");
      }
    } else {
      detail::wrong_value<T>(path, value);
    }
  }
}

// One knob as `archdesc knobs` lists it: its dotted name, type, value and the class default.
struct knob_row {
  std::string name;
  std::string type;
  std::string value;
  std::string class_default;
};

// Every knob of a model, nested structs' members as dotted names (config.hidden_size), beside the
// class defaults' values.
template <class T>
void append_knob_rows(const T& knob, const T& class_default, const std::string& name, std::vector<knob_row>& rows) {
  if constexpr (detail::knob_struct<T>) {
    detail::for_each_member_pair(
        knob, class_default, [&](std::string_view member_name, const auto& member, const auto& default_member) {
          append_knob_rows(member, default_member,
                           name.empty() ? std::string(member_name) : name + "." + std::string(member_name), rows);
        });
  } else {
    rows.push_back({name, knob_type_text<T>(), knob_text_of(knob), knob_text_of(class_default)});
  }
}

template <class Model>
std::vector<knob_row> knob_rows(const Model& net) {
  std::vector<knob_row> rows;
  append_knob_rows(net, detail::class_defaults<Model>, "", rows);
  return rows;
}

// The dotted names of every knob and of every struct of knobs (config), for suggestions.
template <class Model>
std::vector<std::string> knob_names() {
  std::vector<std::string> names;
  for (const auto& row : knob_rows(Model{})) {
    for (std::size_t dot = row.name.find('.'); dot != std::string::npos; dot = row.name.find('.', dot + 1))
      if (std::find(names.begin(), names.end(), row.name.substr(0, dot)) == names.end())
        names.push_back(row.name.substr(0, dot));
    names.push_back(row.name);
  }
  return names;
}

namespace detail {

// Finds the knob at `rest` of `dotted` in `knob` and sets it; false when there is none.
template <class T>
bool set_member(T& knob, std::string_view dotted, std::string_view rest, const knob_value& value) {
  if (rest.empty()) {
    from_knob_value(knob, value, dotted);
    return true;
  }
  if constexpr (knob_struct<T>) {
    const std::size_t dot = rest.find('.');
    const std::string_view head = rest.substr(0, dot);
    const std::string_view tail = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    if (dot != std::string_view::npos && tail.empty()) return false;
    bool found = false;
    for_each_member(knob, [&](std::string_view name, auto& member) {
      if (!found && name == head) found = set_member(member, dotted, tail, value);
    });
    return found;
  } else {
    return false;
  }
}

}  // namespace detail

// Sets the knob of that dotted name (groups, config.hidden_size), or throws knob_error: an unknown
// name gets the closest names, a value of the wrong type the type expected.
template <class Model>
void set_knob(Model& net, std::string_view dotted, const knob_value& value) {
  if (dotted.empty() || !detail::set_member(net, dotted, dotted, value)) {
    std::string closest;
    for (const auto& name : closest_names(dotted, knob_names<Model>(), 3))
      closest += (closest.empty() ? "" : ", ") + name;
    throw knob_error("unknown knob '" + std::string(dotted) + "'; the closest: " + closest);
  }
}

// A typed knob as C++ source: a literal, an enumerator, &archdesc::relu6, and a struct as the
// designated initialisers of the members that differ from its class's defaults.
template <class T>
std::string cpp_knob_text(const T& knob) {
  if constexpr (std::is_same_v<T, bool>) {
    return knob ? "true" : "false";
  } else if constexpr (detail::knob_integer<T>) {
    return std::to_string(knob);
  } else if constexpr (detail::knob_real<T>) {
    return detail::real_text(static_cast<double>(knob));
  } else if constexpr (detail::knob_enumeration<T>) {
    return std::string(knob_enum<T>::spelled) + "::" + std::string(detail::enumerator_name(knob));
  } else if constexpr (std::is_same_v<T, const elementwise*>) {
    const std::string name = to_knob_value(knob).name;
    return name == "none" ? "nullptr" : "&archdesc::" + name;
  } else if constexpr (std::is_same_v<T, hw>) {
    return knob.h == knob.w ? std::to_string(knob.h)
                            : "{" + std::to_string(knob.h) + ", " + std::to_string(knob.w) + "}";
  } else if constexpr (std::is_same_v<T, dhw>) {
    return knob.d == knob.h && knob.h == knob.w
               ? std::to_string(knob.d)
               : "{" + std::to_string(knob.d) + ", " + std::to_string(knob.h) + ", " + std::to_string(knob.w) + "}";
  } else if constexpr (std::is_same_v<T, shape> || detail::knob_list<T>) {
    std::string text = "{";
    for (const auto& item : knob) text += (text.size() == 1 ? "" : ", ") + cpp_knob_text(item);
    return text + "}";
  } else {
    static_assert(detail::knob_struct<T>, "archdesc: adapt this knob struct with BOOST_HANA_ADAPT_STRUCT");
    std::vector<std::pair<std::string_view, std::string>> changed;
    detail::for_each_member_pair(knob, detail::class_defaults<T>,
                                 [&](std::string_view name, const auto& member, const auto& default_member) {
                                   if (!(to_knob_value(member) == to_knob_value(default_member)))
                                     changed.emplace_back(name, cpp_knob_text(member));
                                 });
    std::string text;
    if constexpr (std::is_aggregate_v<T>) {
      for (const auto& [name, value] : changed)
        text += (text.empty() ? "" : ", ") + ("." + std::string(name) + " = ") + value;
      return "{" + text + "}";
    } else {  // a class with constructors (MobileNetV3's rows): its members set one by one, in a constant expression
      for (const auto& [name, value] : changed) text += " knob." + std::string(name) + " = " + value + ";";
      return "[] { " + std::string(detail::spelled_type<T>()) + " knob;" + text + " return knob; }()";
    }
  }
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
