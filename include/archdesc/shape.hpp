// archdesc/shape.hpp: the shape of a tensor, its element count, squeezed shape and form.
//
//   constexpr archdesc::shape weight{128, 64, 1, 1};
//   static_assert(weight.elements() == 8192);
//   static_assert(weight.squeezed() == archdesc::shape{128, 64});
//   static_assert(archdesc::form_of(weight) == archdesc::form{2});   // a Matrix
#pragma once

#include <archdesc/checked.hpp>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>

namespace archdesc {

// Sizes of a tensor's dimensions, outermost first, as torch.Size. Data shapes carry the batch
// dimension first, as PyTorch does. A structural type, so descriptors holding one can be template
// arguments.
struct shape {
  static constexpr int max_rank = 8;

  // A plain array and index loops: g++ evaluates them several times faster than std::array's
  // member functions or pointer loops, and every parameter of every model passes through here.
  std::int64_t dims[max_rank]{};
  int rank = 0;

  constexpr shape() = default;
  constexpr shape(std::initializer_list<std::int64_t> sizes) {
    if (sizes.size() > max_rank) throw std::length_error("archdesc: a shape has at most 8 dimensions");
    for (std::int64_t size : sizes) dims[rank++] = size;
  }

  // Python-style indexing: shape[-1] is the last dimension.
  constexpr std::int64_t operator[](int axis) const { return dims[index_of(axis)]; }
  constexpr std::int64_t& operator[](int axis) { return dims[index_of(axis)]; }
  constexpr int index_of(int axis) const {
    int index = axis < 0 ? axis + rank : axis;
    if (index < 0 || index >= rank) throw std::out_of_range("archdesc: dimension out of range");
    return index;
  }

  constexpr const std::int64_t* begin() const { return dims; }
  constexpr const std::int64_t* end() const { return dims + rank; }

  constexpr void push_back(std::int64_t size) {
    if (rank == max_rank) throw std::length_error("archdesc: a shape has at most 8 dimensions");
    dims[rank++] = size;
  }

  // The product of the sizes; 1 for no dimension, as torch.numel.
  constexpr std::int64_t elements() const {
    std::int64_t product = 1;
    for (int axis = 0; axis < rank; ++axis) product = checked_mul(product, dims[axis]);
    return product;
  }

  // The shape with every dimension of size 1 removed, as torch.squeeze.
  constexpr shape squeezed() const {
    shape result;
    for (int axis = 0; axis < rank; ++axis)
      if (dims[axis] != 1) result.dims[result.rank++] = dims[axis];
    return result;
  }

  // The rank of squeezed(), without building it.
  constexpr int squeezed_rank() const {
    int count = 0;
    for (int axis = 0; axis < rank; ++axis) count += dims[axis] != 1 ? 1 : 0;
    return count;
  }

  friend constexpr bool operator==(const shape&, const shape&) = default;
};

// An entry of a dict of tensors a module returns (an OrderedDict, as IntermediateLayerGetter's).
struct named_shape {
  std::string_view key;
  shape dims;
};

// What the reference reports call a parameter's form: the rank of its squeezed shape.
// Rank 1 is a Vector, rank 2 a Matrix, any other rank r a "Tensor rank r".
struct form {
  int rank = 0;
  friend constexpr bool operator==(const form&, const form&) = default;
};

constexpr form form_of(const shape& parameter_shape) { return {parameter_shape.squeezed_rank()}; }

}  // namespace archdesc
