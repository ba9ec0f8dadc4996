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
  constexpr explicit dotted_names(const record& made) : made_(made), paths_(made.steps.size()) {}

  constexpr std::size_t length(int owner, const char* leaf) {
    const std::size_t leaf_length = text_length(leaf);
    return owner > 0 && leaf_length > 0 ? path_length(owner) + 1 + leaf_length : path_length(owner) + leaf_length;
  }

  // The length of the name of an entry of a repeated copy whose path is `root`'s, given the
  // length of the entry it copies, in the copy whose path is `source_root`'s.
  constexpr std::size_t copy_length(int root, int source_root, std::size_t source_length) {
    return path_length(root) + source_length - path_length(source_root);
  }

  // Writes such a name at names + size from the one it copies, written at source_offset: its
  // copy's path, then the copied name after the source copy's path (written with that name, so
  // its length is known), copied at once.
  constexpr void write_copy(int root, int source_root, std::size_t source_offset, std::size_t source_size, char* names,
                            std::size_t& size) {
    write_known_path(root, names, size);
    const std::size_t skipped = paths_[static_cast<std::size_t>(source_root)].length;
    copy(names, size, names + source_offset + skipped, source_size - skipped);
  }

  // Writes the name at names + size and adds its length to size. (Each call and statement is a
  // step of clang's evaluator, and this runs once per tensor: the path known is copied here.)
  constexpr void write(int owner, const char* leaf, char* names, std::size_t& size) {
    if (owner > 0) {
      write_known_path(owner, names, size);
      if (*leaf != '\0') names[size++] = '.';
    }
    copy(names, size, leaf, text_length(leaf));
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
  static constexpr std::size_t text_length(const char* text) {
#if defined(__clang__)
    return __builtin_strlen(text);
#else
    std::size_t length = 0;
    for (; text[length] != '\0'; ++length) {
    }
    return length;
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
      constexpr void append(const char* text) { size += text_length(text); }
    } counter;
    s.name.write(counter);
    known.length = s.parent > 0 ? path_length(s.parent) + 1 + counter.size : counter.size;
    return known.length;
  }

  // A path written before is copied from there.
  constexpr void write_known_path(int step, char* names, std::size_t& size) {
    const path& known = paths_[static_cast<std::size_t>(step)];
    if (known.offset != unknown) {
      copy(names, size, names + known.offset, known.length);
    } else {
      write_path(step, names, size);
    }
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
  growing_list<std::size_t> lengths(p.made.parameters.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const auto& parameter = p.made.parameters[i];
    if (parameter.copy_of >= 0) {
      const auto source = static_cast<std::size_t>(parameter.copy_of);
      lengths[i] =
          names.copy_length(parameter.copy_root(p.made.parameters[source]), parameter.copied_root, lengths[source]);
    } else {
      lengths[i] = names.length(parameter.owner, parameter.name);
    }
    chars += lengths[i];
  }
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
      if (parameter.copy_of >= 0) {  // a repeated copy's: the same row under another name
        const auto source = static_cast<std::size_t>(parameter.copy_of);
        row = table.rows[source];
        row.name_offset = chars;
        names.write_copy(parameter.copy_root(p.made.parameters[source]), parameter.copied_root,
                         table.rows[source].name_offset, table.rows[source].name_size, table.names.data(), chars);
      } else {
        row.dims = parameter.dims;
        row.squeezed = parameter.dims.squeezed();
        row.elements = parameter.dims.elements();
        row.form = {row.squeezed.rank};
        row.name_offset = chars;
        names.write(parameter.owner, parameter.name, table.names.data(), chars);
      }
      row.name_size = chars - row.name_offset;
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
