// archdesc/state_dict_table.hpp: every tensor of a descriptor's state_dict(), in its order, as a
// constant: name, shape, dtype and kind (parameter, tied parameter, persistent buffer).
//
//   constexpr auto& table = archdesc::state_dict_table<archdesc::resnet::resnet18()>;
//   static_assert(table.size() == 122);
//   static_assert(table.name(1) == "bn1.weight" && table.name(3) == "bn1.running_mean");
//   static_assert(table[5].dims == archdesc::shape{} && table[5].type == archdesc::dtype::int64);
//   static_assert(table[5].kind == archdesc::state_kind::persistent_buffer);
#pragma once

#include <archdesc/dtype.hpp>
#include <archdesc/parameter_table.hpp>
#include <archdesc/queries.hpp>
#include <archdesc/shape.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace archdesc {

// One row of the state_dict table.
struct state_dict_row {
  std::size_t name_offset = 0;
  std::size_t name_size = 0;
  shape dims;
  archdesc::dtype type = archdesc::dtype::float32;
  state_kind kind = state_kind::parameter;
};

namespace detail {

template <auto Net>
inline constexpr auto state_rows = static_cast<std::size_t>(valid_state_totals<Net>().state_tensors);
template <auto Net>
inline constexpr std::size_t state_dict_name_chars = valid_state_totals<Net>().mistake.ok()
                                                         ? table_name_chars<table_order::state_dict, Net>()
                                                         : 0;

template <auto Net>
constexpr auto make_state_dict_table() {
  using table = named_table<state_dict_row, state_rows<Net>, state_dict_name_chars<Net>>;
  if constexpr (valid_state_totals<Net>().mistake.ok()) {
    const auto fill_parameter = [](state_dict_row& row, const record::parameter_entry& parameter) {
      row.dims = parameter.dims;
      row.type = archdesc::dtype::float32;
      row.kind = state_kind::parameter;
    };
    const auto fill_other = [](state_dict_row& row, const record::state_entry& entry) {
      row.dims = entry.dims;
      row.type = entry.type;
      row.kind = entry.kind;
    };
    return make_table<table, table_order::state_dict, Net>(fill_parameter, fill_other);
  } else {
    return table{};
  }
}

}  // namespace detail

// Every tensor of state_dict(), in its order: table.size(), table[i] (a state_dict_row) and
// table.name(i). Tied weights appear under each name, as PyTorch saves them.
template <auto Net>
inline constexpr auto state_dict_table = detail::make_state_dict_table<Net>();

}  // namespace archdesc
