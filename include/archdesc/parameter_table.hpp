// archdesc/parameter_table.hpp: every parameter tensor of a descriptor, in named_parameters()
// order, as a constant: name, shape, squeezed shape, element count and form.
//
//   constexpr auto& table = archdesc::parameter_table<archdesc::resnet::resnext50_32x4d()>;
//   static_assert(table.size() == 161);
//   static_assert(table.name(0) == "conv1.weight");
//   static_assert(table[0].dims == archdesc::shape{64, 3, 7, 7});
#pragma once

#include <archdesc/descriptor.hpp>
#include <archdesc/queries.hpp>
#include <archdesc/shape.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace archdesc {

// One row of the parameter table.
struct parameter_row {
  std::size_t name_offset = 0;
  std::size_t name_size = 0;
  shape dims;
  shape squeezed;
  std::int64_t elements = 0;
  archdesc::form form;
};

namespace detail {

// Rows of tensors and their names, packed into one array of characters (parameter_table,
// state_dict_table).
template <class Row, std::size_t Rows, std::size_t Chars>
struct named_table {
  std::array<Row, Rows> rows{};
  std::array<char, Chars> names{};

  static constexpr std::size_t size() { return Rows; }
  constexpr const Row& operator[](std::size_t i) const { return rows[i]; }
  constexpr std::string_view name(std::size_t i) const {
    return {names.data() + rows[i].name_offset, rows[i].name_size};
  }
};

// The dotted names of a pass's parameters and buffers (`layer1.0.conv1.weight`), their lengths or
// the names themselves, written one after another. A module's path is written once, by the first
// name under it; the names after it copy it from there: one step of clang's evaluator where writing
// it again walks every module of the path.
class dotted_names {
 public:
  constexpr explicit dotted_names(const record& made) : made_(made) {
    paths_.reserve(made.steps.size());
    for (std::size_t i = 0; i < made.steps.size(); ++i) paths_.push_back({});
  }

  constexpr std::size_t length(int owner, const char* leaf) {
    std::size_t length = owner > 0 && *leaf != '\0' ? path_length(owner) + 1 : path_length(owner);
    for (; *leaf != '\0'; ++leaf) ++length;
    return length;
  }

  // Writes the name at names + size and adds its length to size.
  constexpr void write(int owner, const char* leaf, char* names, std::size_t& size) {
    write_path(owner, names, size);
    if (*leaf == '\0') return;
    if (owner > 0) names[size++] = '.';
    append(names, size, leaf);
  }

 private:
  static constexpr std::size_t unknown = ~std::size_t{0};
  struct path {
    std::size_t length = unknown;
    std::size_t offset = unknown;  // where it was written
  };

  // Copies chars or a literal to names + size: clang evaluates its builtins in one step each, where
  // a loop costs a step or more per character.
  static constexpr void copy(char* names, std::size_t& size, const char* from, std::size_t chars) {
#if defined(__clang__)
    __builtin_memcpy(names + size, from, chars);  // g++ 12 cannot evaluate it in a constant expression
    size += chars;
#else
    for (std::size_t i = 0; i < chars; ++i) names[size++] = from[i];
#endif
  }
  static constexpr void append(char* names, std::size_t& size, const char* text) {
#if defined(__clang__)
    copy(names, size, text, __builtin_strlen(text));
#else
    for (; *text != '\0'; ++text) names[size++] = *text;
#endif
  }

  struct char_writer {
    char* names;
    std::size_t& size;
    constexpr void push_back(char c) { names[size++] = c; }
    constexpr void append(const char* text) { dotted_names::append(names, size, text); }
  };

  constexpr std::size_t path_length(int step) {
    if (step <= 0) return 0;
    path& known = paths_[static_cast<std::size_t>(step)];
    if (known.length != unknown) return known.length;
    const record::name_step& s = made_.steps[static_cast<std::size_t>(step)];
    struct char_counter {
      std::size_t size = 0;
      constexpr void push_back(char) { ++size; }
      constexpr void append(const char* text) {
        for (; *text != '\0'; ++text) ++size;
      }
    } counter;
    s.name.write(counter);
    known.length = s.parent > 0 ? path_length(s.parent) + 1 + counter.size : counter.size;
    return known.length;
  }

  constexpr void write_path(int step, char* names, std::size_t& size) {
    if (step <= 0) return;
    path& known = paths_[static_cast<std::size_t>(step)];
    if (known.offset != unknown) {
      copy(names, size, names + known.offset, known.length);
      return;
    }
    const std::size_t start = size;
    const record::name_step& s = made_.steps[static_cast<std::size_t>(step)];
    if (s.parent > 0) {
      write_path(s.parent, names, size);
      names[size++] = '.';
    }
    char_writer writer{names, size};
    s.name.write(writer);
    known = {size - start, start};
  }

  const record& made_;
  growing_list<path> paths_;
};

// Both passes below run on a descriptor valid<> has checked, names included.
template <auto Net>
constexpr std::size_t name_chars() {
  const pass p = run(Net, keep::names, on_mistake::stop, default_input(Net), false);
  dotted_names names(p.made);
  std::size_t chars = 0;
  for (const auto& parameter : p.made.parameters) chars += names.length(parameter.owner, parameter.name);
  return chars;
}

// The table's sizes, each its own constant expression: clang counts the steps of constexpr locals
// against the function that declares them.
template <auto Net>
inline constexpr auto parameter_rows = static_cast<std::size_t>(valid_totals<Net>().tensors);
template <auto Net>
inline constexpr std::size_t parameter_name_chars = valid<Net> ? name_chars<Net>() : 0;

template <auto Net>
constexpr auto make_parameter_table() {
  constexpr std::size_t rows = parameter_rows<Net>;
  named_table<parameter_row, rows, parameter_name_chars<Net>> table;
  if constexpr (valid<Net>) {
    const pass p = run(Net, keep::names, on_mistake::stop, default_input(Net), false);
    dotted_names names(p.made);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      const auto& parameter = p.made.parameters[i];
      parameter_row& row = table.rows[i];
      row.name_offset = chars;
      names.write(parameter.owner, parameter.name, table.names.data(), chars);
      row.name_size = chars - row.name_offset;
      row.dims = parameter.dims;
      row.squeezed = parameter.dims.squeezed();
      row.elements = parameter.dims.elements();
      row.form = {row.squeezed.rank};
    }
  }
  return table;
}

}  // namespace detail

// Every parameter tensor of a descriptor, in named_parameters() order: table.size(), table[i]
// (a parameter_row) and table.name(i).
template <auto Net>
inline constexpr auto parameter_table = detail::make_parameter_table<Net>();

}  // namespace archdesc
