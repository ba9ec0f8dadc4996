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

// The characters of a table's names. An array member, indexed where the table is written: g++
// counts about 19 operations per character copied that way, 28 through a pointer.
template <std::size_t Chars>
struct name_chars {
  char at[Chars == 0 ? 1 : Chars]{};

  static constexpr std::size_t size() { return Chars; }
  constexpr const char* data() const { return at; }
};

// Rows of tensors and their names, packed into one array of characters (parameter_table,
// state_dict_table).
template <class Row, std::size_t Rows, std::size_t Chars>
struct named_table {
  std::array<Row, Rows> rows{};
  name_chars<Chars> names{};

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

  // Writes the name at names.at[size] and adds its length to size. (Each call and statement is a
  // step of clang's evaluator, and this runs once per tensor: the path known is copied here.)
  template <class Names>
  constexpr void write(int owner, const char* leaf, Names& names, std::size_t& size) {
    if (owner > 0) {
      write_known_path(owner, names, size);
      if (*leaf != '\0') names.at[size++] = '.';
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

  // Copies a literal to names.at[size], or `chars` characters from names.at[from]: clang evaluates
  // its builtins in one step each, where a loop costs a step or more per character.
  template <class Names>
  static constexpr void copy(Names& names, std::size_t& size, const char* from, std::size_t chars) {
#if defined(__clang__)
    __builtin_memcpy(names.at + size, from, chars);  // g++ 12 cannot evaluate it in a constant expression
    size += chars;
#else
    for (const std::size_t end = size + chars; size < end; ++size, ++from) names.at[size] = *from;
#endif
  }
  template <class Names>
  static constexpr void copy_within(Names& names, std::size_t& size, std::size_t from, std::size_t chars) {
#if defined(__clang__)
    copy(names, size, names.at + from, chars);
#else
    // Eight characters per iteration, indexing the array: g++ counts about 19 operations per
    // character, 25 through pointers, 40 in a loop of one assignment.
    std::size_t to = size;
    size += chars;
    std::size_t i = 0;
    for (; i + 8 <= chars; i += 8, to += 8, from += 8) {
      names.at[to] = names.at[from];
      names.at[to + 1] = names.at[from + 1];
      names.at[to + 2] = names.at[from + 2];
      names.at[to + 3] = names.at[from + 3];
      names.at[to + 4] = names.at[from + 4];
      names.at[to + 5] = names.at[from + 5];
      names.at[to + 6] = names.at[from + 6];
      names.at[to + 7] = names.at[from + 7];
    }
    for (; i < chars; ++i) names.at[to++] = names.at[from++];
#endif
  }

  template <class Names>
  struct char_writer {
    Names& names;
    std::size_t& size;
    constexpr void push_back(char c) { names.at[size++] = c; }
    constexpr void append(const char* text) { copy(names, size, text, text_length(text)); }
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
  template <class Names>
  constexpr void write_known_path(int step, Names& names, std::size_t& size) {
    const path& known = paths_[static_cast<std::size_t>(step)];
    if (known.offset != unknown) {
      copy_within(names, size, known.offset, known.length);
    } else {
      write_path(step, names, size);
    }
  }

  template <class Names>
  constexpr void write_path(int step, Names& names, std::size_t& size) {
    if (step <= 0) return;
    path& known = paths_[static_cast<std::size_t>(step)];
    if (known.offset != unknown) {
      copy_within(names, size, known.offset, known.length);
      return;
    }
    const std::size_t start = size;
    const record::name_step& s = made_.steps[static_cast<std::size_t>(step)];
    if (s.parent > 0) {
      write_path(s.parent, names, size);
      names.at[size++] = '.';
    }
    char_writer<Names> writer{names, size};
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
// names into its characters (Names: name_chars), or with Writes false only adds up the names'
// lengths (Row: name_span, for the table's size). The rows of identical copies described once
// (record::copy_block) follow the first copy's, the rows just written: each copy's rows are the
// previous copy's, and their names too, but for the index that begins the copy's part of each
// name. Both tables' two passes go through here.
template <class Row, class Names, bool Writes>
class row_writer {
 public:
  constexpr row_writer(const record& made, Row* rows, Names* names)
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
      names_.write(entry.owner, entry.name, *chars_, size_);
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
    const std::int64_t index = made_.steps[static_cast<std::size_t>(block.step)].name.number;
    const std::size_t index_at = names_.path_length_before_index(block.step);
    if constexpr (Writes) {
      for (std::int64_t copy = 1; copy <= block.copies; ++copy) write_copy(rows, index_at, index + copy);
    } else {
      const std::size_t first_chars = size_ - rows_[rows_written_ - rows].name_offset;
      const std::size_t index_digits = dotted_names::digit_count(index);
      for (std::int64_t copy = 1; copy <= block.copies; ++copy)
        size_ += first_chars + rows * (dotted_names::digit_count(index + copy) - index_digits);
      rows_written_ += rows * static_cast<std::size_t>(block.copies);
    }
  }

 private:
  struct digit_text {
    char at[20]{};
    std::size_t size = 0;
    constexpr void push_back(char c) { at[size++] = c; }
  };

  // One copy of the `rows` rows before it, the copy of index - 1: each name is theirs with `index`
  // in place of theirs, the digits at index_at. Where the indices have as many digits, the names
  // are copied at once and each one's index written over.
  constexpr void write_copy(std::size_t rows, std::size_t index_at, std::int64_t index) {
    const std::size_t previous = rows_written_ - rows;
    digit_text digits;
    write_integer(digits, index);
    const std::size_t previous_digits = dotted_names::digit_count(index - 1);
    if (digits.size == previous_digits) {
      const std::size_t previous_start = rows_[previous].name_offset;
      const std::size_t shift = size_ - previous_start;
      dotted_names::copy_within(*chars_, size_, previous_start, shift);
      for (std::size_t i = previous; i < previous + rows; ++i) {
        Row& row = rows_[rows_written_++];
        row = rows_[i];
        row.name_offset += shift;
        // Written here rather than by a call: this runs once per row of most copies.
        for (std::size_t digit = 0, at = row.name_offset + index_at; digit < digits.size; ++digit, ++at)
          chars_->at[at] = digits.at[digit];
      }
      return;
    }
    const std::size_t after_index = index_at + previous_digits;
    std::size_t path_offset = 0;
    for (std::size_t i = previous; i < previous + rows; ++i) {
      const Row& source = rows_[i];
      Row& row = rows_[rows_written_++];
      row = source;
      row.name_offset = size_;
      if (i == previous) {
        dotted_names::copy_within(*chars_, size_, source.name_offset, index_at);
        dotted_names::copy(*chars_, size_, digits.at, digits.size);
      } else {
        dotted_names::copy_within(*chars_, size_, path_offset, index_at + digits.size);
      }
      path_offset = row.name_offset;
      dotted_names::copy_within(*chars_, size_, source.name_offset + after_index, source.name_size - after_index);
      row.name_size = size_ - row.name_offset;
    }
  }

  const record& made_;
  dotted_names names_;
  Row* rows_;
  Names* chars_;
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
  row_writer<name_span, name_chars<0>, false> writer(p.made, spans.data(), nullptr);
  const auto unused = [](name_span&, const auto&) {};
  write_rows<Order>(p.made, writer, unused, unused);
  return writer.chars();
}

// A valid descriptor's table of that order: fill_parameter and fill_other as for write_rows.
template <class Table, table_order Order, auto Net, class FillParameter, class FillOther>
constexpr Table make_table(FillParameter fill_parameter, FillOther fill_other) {
  Table table;
  const pass p = table_pass<Order, Net>();
  row_writer<typename decltype(table.rows)::value_type, decltype(table.names), true> writer(p.made, table.rows.data(),
                                                                                            &table.names);
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
