// archdesc/detail/growing_list.hpp: the lists a pass that keeps names fills (name steps,
// parameters, buffers, calls).
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace archdesc::detail {

// A vector of trivially destructible values that only grows. std::vector's push_back costs clang's
// constant evaluator about 43 steps and g++'s about 400 operations; this one's 8 and 150, and a
// tables pass appends at least twice per parameter tensor.
template <class T>
class growing_list {
  static_assert(std::is_trivially_destructible_v<T>, "growing_list never destroys its values");

 public:
  constexpr growing_list() = default;
  constexpr growing_list(growing_list&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  growing_list(const growing_list&) = delete;
  growing_list& operator=(const growing_list&) = delete;
  growing_list& operator=(growing_list&&) = delete;
  constexpr ~growing_list() {
    if (data_ != nullptr) std::allocator<T>().deallocate(data_, capacity_);
  }

  constexpr void reserve(std::size_t capacity) {
    if (capacity > capacity_) move_to(capacity);
  }
  constexpr void push_back(const T& value) {
    if (size_ == capacity_) move_to(capacity_ == 0 ? 16 : 2 * capacity_);
    std::construct_at(data_ + size_, value);
    ++size_;
  }
  // Puts value at index `at`, moving the values from there on one place further.
  constexpr void insert(std::size_t at, const T& value) {
    push_back(value);
    if (at + 1 == size_) return;
    for (std::size_t i = size_ - 1; i > at; --i) data_[i] = data_[i - 1];
    data_[at] = value;
  }

  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr T& operator[](std::size_t i) { return data_[i]; }
  constexpr const T& operator[](std::size_t i) const { return data_[i]; }
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }

 private:
  constexpr void move_to(std::size_t capacity) {
    T* moved = std::allocator<T>().allocate(capacity);
    for (std::size_t i = 0; i < size_; ++i) std::construct_at(moved + i, data_[i]);
    if (data_ != nullptr) std::allocator<T>().deallocate(data_, capacity_);
    data_ = moved;
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace archdesc::detail
