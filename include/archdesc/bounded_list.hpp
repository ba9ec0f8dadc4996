// archdesc/bounded_list.hpp: a list of at most Capacity values, for list-valued knobs.
//
//   archdesc::bounded_list<int, 8> layers{3, 4, 6, 3};
//   static_assert(layers.size() == 4 && layers[2] == 6);
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>

namespace archdesc {

// Public members only, so that descriptors holding one can be template arguments.
template <class T, std::size_t Capacity>
struct bounded_list {
  std::array<T, Capacity> items{};
  std::size_t count = 0;

  constexpr bounded_list() = default;
  constexpr bounded_list(std::initializer_list<T> values) {
    if (values.size() > Capacity) throw std::length_error("archdesc: more values than the list can hold");
    for (const T& value : values) items[count++] = value;
  }

  constexpr void push_back(const T& value) {
    if (count == Capacity) throw std::length_error("archdesc: more values than the list can hold");
    items[count++] = value;
  }

  constexpr std::size_t size() const { return count; }
  constexpr bool empty() const { return count == 0; }
  constexpr const T& operator[](std::size_t i) const { return items[i]; }
  constexpr const T* begin() const { return items.data(); }
  constexpr const T* end() const { return items.data() + count; }

  // The values, not the unused slots (for builder_sets, which compares knobs).
  friend constexpr bool operator==(const bounded_list& a, const bounded_list& b) {
    if (a.count != b.count) return false;
    for (std::size_t i = 0; i < a.count; ++i)
      if (!(a.items[i] == b.items[i])) return false;
    return true;
  }
};

}  // namespace archdesc
