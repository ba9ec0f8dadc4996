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
    // Eight characters per iteration: g++ counts about 40 operations per character of a loop of
    // one assignment, 25 of this one.
    char* to = names + size;
    size += chars;
    std::size_t i = 0;
    for (; i + 8 <= chars; i += 8) {
      to[i] = from[i];
      to[i + 1] = from[i + 1];
      to[i + 2] = from[i + 2];
      to[i + 3] = from[i + 3];
      to[i + 4] = from[i + 4];
      to[i + 5] = from[i + 5];
      to[i + 6] = from[i + 6];
      to[i + 7] = from[i + 7];
    }
    for (; i < chars; ++i) to[i] = from[i];
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

// Where a row's name is in a table's characters.
struct name_span {
  std::size_t name_offset;
  std::size_t name_size;
};

// Fills a table's rows one after another (Row: parameter_row, state_dict_row) and writes their
// names into its characters, or with Writes false only adds up the names' lengths (Row: name_span,
// for the table's size). A parameter of a repeated copy (record::add_copies) takes the row of the
// parameter it copies, and its name is the copy's own path followed by the copied name after the
// first copy's path: only each copy's own path is written. Both tables' two passes go through here.
template <class Row, bool Writes>
class row_writer {
 public:
  constexpr row_writer(const record& made, Row* rows, char* names)
      : made_(made), names_(made), rows_(rows), chars_(names) {}

  constexpr std::size_t rows() const { return rows_written_; }
  constexpr std::size_t chars() const { return size_; }

  // Parameter i of the pass, whose row fill(row, parameter) sets but for its name; rows_of[j] is
  // the row of parameter j, for every j < i (the row of the parameter a copy copies).
  template <class RowOf, class Fill>
  constexpr void parameter(std::size_t i, const RowOf& rows_of, Fill fill) {
    const record::parameter_entry& parameter = made_.parameters[i];
    Row& row = rows_[rows_written_++];
    if (parameter.copy_of >= 0) {
      const auto source = static_cast<std::size_t>(parameter.copy_of);
      const Row& copied = rows_[rows_of[source]];
      const int root = parameter.copy_root(made_.parameters[source]);
      if constexpr (Writes) {
        row = copied;
        row.name_offset = size_;
        names_.write_copy(root, parameter.copied_root, copied.name_offset, copied.name_size, chars_, size_);
        row.name_size = size_ - row.name_offset;
      } else {
        row.name_size = names_.copy_length(root, parameter.copied_root, copied.name_size);
        size_ += row.name_size;
      }
    } else {
      described(row, parameter, fill);
    }
  }

  // An entry described in the pass (a buffer, a tied parameter): fill(row, entry) sets its row but
  // for its name.
  template <class Entry, class Fill>
  constexpr void entry(const Entry& entry, Fill fill) {
    described(rows_[rows_written_++], entry, fill);
  }

 private:
  template <class Entry, class Fill>
  constexpr void described(Row& row, const Entry& entry, Fill fill) {
    if constexpr (Writes) {
      fill(row, entry);
      row.name_offset = size_;
      names_.write(entry.owner, entry.name, chars_, size_);
      row.name_size = size_ - row.name_offset;
    } else {
      row.name_size = names_.length(entry.owner, entry.name);
      size_ += row.name_size;
    }
  }

  const record& made_;
  dotted_names names_;
  Row* rows_;
  char* chars_;
  std::size_t rows_written_ = 0;
  std::size_t size_ = 0;
};

// Which entries a table lists, in their order: named_parameters() or state_dict().
enum class table_order { parameters, state_dict };

// The pass a table of that order reads: its names, and with state_dict() the buffers. Tables are
// built for descriptors their totals have found valid, so names are not checked again.
template <table_order Order, auto Net>
constexpr pass table_pass() {
  return run(Net, keep::names, on_mistake::stop, default_input(Net), false,
             Order == table_order::state_dict ? buffers::kept : buffers::skipped);
}

// Writes the rows of a table of that order with the writer: fill_parameter(row, parameter_entry)
// and fill_other(row, state_entry) fill what is not the name.
template <table_order Order, class Writer, class FillParameter, class FillOther>
constexpr void write_rows(const record& made, Writer& writer, FillParameter fill_parameter, FillOther fill_other) {
  if constexpr (Order == table_order::parameters) {
    struct same_row {
      constexpr std::size_t operator[](std::size_t i) const { return i; }
    };
    for (std::size_t i = 0; i < made.parameters.size(); ++i) writer.parameter(i, same_row{}, fill_parameter);
  } else {
    growing_list<std::size_t> row_of_parameter(made.parameters.size());
    made.visit_state_dict(
        [&](std::size_t i) {
          row_of_parameter[i] = writer.rows();
          writer.parameter(i, row_of_parameter, fill_parameter);
        },
        [&](const record::state_entry& entry) { writer.entry(entry, fill_other); });
  }
}

// The characters of a valid descriptor's table's names.
template <table_order Order, auto Net>
constexpr std::size_t table_name_chars() {
  const pass p = table_pass<Order, Net>();
  growing_list<name_span> spans(Order == table_order::parameters
                                    ? p.made.parameters.size()
                                    : static_cast<std::size_t>(p.made.state_tensor_total()));
  row_writer<name_span, false> writer(p.made, spans.data(), nullptr);
  const auto unused = [](name_span&, const auto&) {};
  write_rows<Order>(p.made, writer, unused, unused);
  return writer.chars();
}

// A valid descriptor's table of that order: fill_parameter and fill_other as for write_rows.
template <class Table, table_order Order, auto Net, class FillParameter, class FillOther>
constexpr Table make_table(FillParameter fill_parameter, FillOther fill_other) {
  Table table;
  const pass p = table_pass<Order, Net>();
  row_writer<typename decltype(table.rows)::value_type, true> writer(p.made, table.rows.data(), table.names.data());
  write_rows<Order>(p.made, writer, fill_parameter, fill_other);
  return table;
}

// The table's sizes, each its own constant expression: clang counts the steps of constexpr locals
// against the function that declares them.
template <auto Net>
inline constexpr auto parameter_rows = static_cast<std::size_t>(valid_totals<Net>().tensors);
template <auto Net>
inline constexpr std::size_t parameter_name_chars = valid<Net> ? table_name_chars<table_order::parameters, Net>() : 0;

template <auto Net>
constexpr auto make_parameter_table() {
  using table = named_table<parameter_row, parameter_rows<Net>, parameter_name_chars<Net>>;
  if constexpr (valid<Net>) {
    const auto fill = [](parameter_row& row, const record::parameter_entry& parameter) {
      row.dims = parameter.dims;
      row.squeezed = parameter.dims.squeezed();
      row.elements = parameter.dims.elements();
      row.form = {row.squeezed.rank};
    };
    return make_table<table, table_order::parameters, Net>(fill, [](parameter_row&, const auto&) {});
  } else {
    return table{};
  }
}

}  // namespace detail

// Every parameter tensor of a descriptor, in named_parameters() order: table.size(), table[i]
// (a parameter_row) and table.name(i).
template <auto Net>
inline constexpr auto parameter_table = detail::make_parameter_table<Net>();

}  // namespace archdesc
