// archdesc/dtype.hpp: the element types of tensors, as PyTorch names them and safetensors writes
// them, for buffers (whose dtype is part of their declaration) and checkpoints.
//
//   static_assert(archdesc::dtype_size(archdesc::dtype::int64) == 8);
//   static_assert(archdesc::safetensors_name(archdesc::dtype::bfloat16) == "BF16");
//   static_assert(archdesc::dtype_from_safetensors("F16") == archdesc::dtype::float16);
//   static_assert(archdesc::is_floating(archdesc::dtype::float32) && !archdesc::is_floating(archdesc::dtype::int64));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace archdesc {

// Every dtype safetensors can store.
enum class dtype {
  boolean,
  uint8,
  int8,
  int16,
  uint16,
  int32,
  uint32,
  int64,
  uint64,
  float8_e4m3,
  float8_e5m2,
  float16,
  bfloat16,
  float32,
  float64
};

namespace detail {
struct dtype_names {
  dtype type;
  std::string_view torch;        // torch.float32
  std::string_view safetensors;  // F32
  int size;                      // bytes per element
  bool floating;
};
inline constexpr std::array<dtype_names, 15> dtypes{{
    {dtype::boolean, "torch.bool", "BOOL", 1, false},
    {dtype::uint8, "torch.uint8", "U8", 1, false},
    {dtype::int8, "torch.int8", "I8", 1, false},
    {dtype::int16, "torch.int16", "I16", 2, false},
    {dtype::uint16, "torch.uint16", "U16", 2, false},
    {dtype::int32, "torch.int32", "I32", 4, false},
    {dtype::uint32, "torch.uint32", "U32", 4, false},
    {dtype::int64, "torch.int64", "I64", 8, false},
    {dtype::uint64, "torch.uint64", "U64", 8, false},
    {dtype::float8_e4m3, "torch.float8_e4m3fn", "F8_E4M3", 1, true},
    {dtype::float8_e5m2, "torch.float8_e5m2", "F8_E5M2", 1, true},
    {dtype::float16, "torch.float16", "F16", 2, true},
    {dtype::bfloat16, "torch.bfloat16", "BF16", 2, true},
    {dtype::float32, "torch.float32", "F32", 4, true},
    {dtype::float64, "torch.float64", "F64", 8, true},
}};
constexpr const dtype_names& names_of(dtype type) { return dtypes[static_cast<std::size_t>(type)]; }
}  // namespace detail

// Every dtype, in the order of the enum.
inline constexpr auto all_dtypes = [] {
  std::array<dtype, detail::dtypes.size()> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = detail::dtypes[i].type;
  return all;
}();

constexpr int dtype_size(dtype type) { return detail::names_of(type).size; }
constexpr bool is_floating(dtype type) { return detail::names_of(type).floating; }
constexpr std::string_view torch_name(dtype type) { return detail::names_of(type).torch; }
constexpr std::string_view safetensors_name(dtype type) { return detail::names_of(type).safetensors; }

// The dtype safetensors writes as `name` ("BF16"), or nothing for a name it does not have.
constexpr std::optional<dtype> dtype_from_safetensors(std::string_view name) {
  for (const detail::dtype_names& d : detail::dtypes)
    if (d.safetensors == name) return d.type;
  return std::nullopt;
}

}  // namespace archdesc
