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

  // Writes the name at names + size and adds its length to size. (Each call and statement is a
  // step of clang's evaluator, and this runs once per tensor: the path known is copied here.)
  constexpr void write(int owner, const char* leaf, char* names, std::size_t& size) {
    if (owner > 0) {
      write_known_path(owner, names, size);
      if (*leaf != '\0') names[size++] = '.';
    }
    copy(names, size, leaf, text_length(leaf));
  }

  // The length of a step's path, whose last part is an index (a repeated copy's own step), without
  // the index: where the index of each name under it begins.
  constexpr std::size_t path_length_before_index(int step) {
    return path_length(step) - digit_count(made_.steps[static_cast<std::size_t>(step)].name.number);
  }

  static constexpr std::size_t digit_count(std::int64_t n) {
    std::size_t digits = 1;
    for (; n >= 10; n /= 10) ++digits;
    return digits;
  }

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

  struct char_writer {
    char* names;
    std::size_t& size;
    constexpr void push_back(char c) { names[size++] = c; }
    constexpr void append(const char* text) { dotted_names::append(names, size, text); }
  };

 private:
  static constexpr std::size_t unknown = ~std::size_t{0};
  struct path {
    std::size_t length = unknown;
    std::size_t offset = unknown;  // where it was written
  };

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
// for the table's size). The rows of identical copies described once (record::copy_block) are
// those of the first copy, the rows just written: each copy's rows are copied from there, and
// their names too, but for the index that begins the copy's part of each name. Both tables' two
// passes go through here.
template <class Row, bool Writes>
class row_writer {
 public:
  constexpr row_writer(const record& made, Row* rows, char* names)
      : made_(made), names_(made), rows_(rows), chars_(names) {}

  constexpr std::size_t chars() const { return size_; }

  // An entry described in the pass (a parameter, a buffer, a tied parameter): fill(row, entry) sets
  // its row but for its name.
  template <class Entry, class Fill>
  constexpr void entry(const Entry& entry, Fill fill) {
    Row& row = rows_[rows_written_++];
    row.name_offset = size_;
    if constexpr (Writes) {
      fill(row, entry);
      names_.write(entry.owner, entry.name, chars_, size_);
      row.name_size = size_ - row.name_offset;
    } else {
      row.name_size = names_.length(entry.owner, entry.name);
      size_ += row.name_size;
    }
  }

  // The copies of a block, each of `rows_per_copy` rows.
  constexpr void copies(const record::copy_block& block, std::int64_t rows_per_copy) {
    if (rows_per_copy == 0) return;
    const auto rows = static_cast<std::size_t>(rows_per_copy);
    const std::size_t first = rows_written_ - rows;
    const std::size_t first_chars = size_ - rows_[first].name_offset;
    const std::int64_t index = made_.steps[static_cast<std::size_t>(block.step)].name.number;
    const std::size_t index_at = names_.path_length_before_index(block.step);
    const std::size_t index_digits = dotted_names::digit_count(index);
    for (std::int64_t copy = 1; copy <= block.copies; ++copy) {
      if constexpr (Writes) {
        write_copy(first, rows, index_at, index_digits, index + copy);
      } else {
        size_ += first_chars + rows * (dotted_names::digit_count(index + copy) - index_digits);
      }
    }
    if constexpr (!Writes) rows_written_ += rows * static_cast<std::size_t>(block.copies);
  }

 private:
  // One copy of the rows from `first` on: each name is the first copy's with `index` in place of
  // its index, the digits at index_at.
  constexpr void write_copy(std::size_t first, std::size_t rows, std::size_t index_at, std::size_t index_digits,
                            std::int64_t index) {
    const std::size_t after_index = index_at + index_digits;
    std::size_t path_offset = 0;
    std::size_t path_size = 0;
    for (std::size_t i = first; i < first + rows; ++i) {
      const Row& source = rows_[i];
      Row& row = rows_[rows_written_++];
      row = source;
      row.name_offset = size_;
      if (i == first) {
        dotted_names::copy(chars_, size_, chars_ + source.name_offset, index_at);
        dotted_names::char_writer digits{chars_, size_};
        write_integer(digits, index);
        path_offset = row.name_offset;
        path_size = size_ - path_offset;
      } else {
        dotted_names::copy(chars_, size_, chars_ + path_offset, path_size);
      }
      dotted_names::copy(chars_, size_, chars_ + source.name_offset + after_index, source.name_size - after_index);
      row.name_size = size_ - row.name_offset;
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

// The pass a table of that order reads: its names, and with state_dict() the buffers, each
// repetition once. Tables are built for descriptors their totals have found valid, so names are not
// checked again.
template <table_order Order, auto Net>
constexpr pass table_pass() {
  return run(Net, keep::names, on_mistake::stop, default_input(Net), false,
             Order == table_order::state_dict ? buffers::kept : buffers::skipped, copies::as_blocks);
}

// The rows of a table of that order.
template <table_order Order>
constexpr std::size_t table_rows(const record& made) {
  return static_cast<std::size_t>(Order == table_order::parameters ? made.tensor_total : made.state_tensor_total());
}

// Writes the rows of a table of that order with the writer: fill_parameter(row, parameter_entry)
// and fill_other(row, state_entry) fill what is not the name. Entries come in module order, so
// that a block's copies go before the first entry of a step from its end_step on.
template <table_order Order, class Writer, class FillParameter, class FillOther>
constexpr void write_rows(const record& made, Writer& writer, FillParameter fill_parameter, FillOther fill_other) {
  std::size_t block = 0;
  const auto copies_before = [&](int step) {
    for (; block < made.copy_blocks.size() && made.copy_blocks[block].end_step <= step; ++block) {
      const record::copy_block& b = made.copy_blocks[block];
      writer.copies(b, Order == table_order::parameters ? b.parameter_rows : b.state_rows);
    }
  };
  if constexpr (Order == table_order::parameters) {
    for (const record::parameter_entry& parameter : made.parameters) {
      copies_before(parameter.owner);
      writer.entry(parameter, fill_parameter);
    }
  } else {
    made.visit_state_dict(
        [&](std::size_t i) {
          copies_before(made.parameters[i].owner);
          writer.entry(made.parameters[i], fill_parameter);
        },
        [&](const record::state_entry& entry) {
          copies_before(entry.owner);
          writer.entry(entry, fill_other);
        });
  }
  copies_before(static_cast<int>(made.steps.size()));
}

// The characters of a valid descriptor's table's names.
template <table_order Order, auto Net>
constexpr std::size_t table_name_chars() {
  const pass p = table_pass<Order, Net>();
  growing_list<name_span> spans(table_rows<Order>(p.made));
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
