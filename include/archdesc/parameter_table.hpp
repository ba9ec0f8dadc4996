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

struct char_counter {
  std::size_t size = 0;
  constexpr void push_back(char) { ++size; }
  constexpr void append(const char* text) {
    for (; *text != '\0'; ++text) ++size;
  }
};

struct char_writer {
  char* out;
  std::size_t size = 0;
  constexpr void push_back(char c) { out[size++] = c; }
  constexpr void append(const char* text) {
    for (; *text != '\0'; ++text) out[size++] = *text;
  }
};

// Both passes below run on a descriptor valid<> has checked, names included.
template <auto Net>
constexpr std::size_t name_chars() {
  const pass p = run(Net, keep::tables, on_mistake::stop, default_input(Net), false);
  char_counter counter;
  for (const auto& parameter : p.made.parameters) p.made.write_name(parameter.owner, parameter.name, counter);
  return counter.size;
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
    const pass p = run(Net, keep::tables, on_mistake::stop, default_input(Net), false);
    char_writer writer{table.names.data()};
    for (std::size_t i = 0; i < rows; ++i) {
      const auto& parameter = p.made.parameters[i];
      parameter_row& row = table.rows[i];
      row.name_offset = writer.size;
      p.made.write_name(parameter.owner, parameter.name, writer);
      row.name_size = writer.size - row.name_offset;
      row.dims = parameter.dims;
      row.squeezed = parameter.dims.squeezed();
      row.elements = parameter.dims.elements();
      row.form = form_of(parameter.dims);
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
