// archdesc/detail/growing_list.hpp: the lists a pass that keeps names fills (name steps,
// parameters, buffers, calls).
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace archdesc::detail {

// A vector of trivially copyable values that only grows. clang's constant evaluator counts a step
// per statement and per call: std::vector's push_back costs it about 43, construct_at into raw
// storage 8, an assignment into storage made by new[] (a step per element) 3. Copies of a range of
// the list (scope::repeat's) are one __builtin_memcpy on clang, which g++ 12 cannot evaluate.
template <class T>
class growing_list {
  static_assert(std::is_trivially_copyable_v<T>, "growing_list copies its values as bytes");
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "growing_list allocates with plain operator new");

 public:
  constexpr growing_list() = default;
  // `size` default values.
  constexpr explicit growing_list(std::size_t size) : data_(allocate(size)), size_(size), capacity_(size) {
    if (!std::is_constant_evaluated()) {
      for (std::size_t i = 0; i < size; ++i) ::new (static_cast<void*>(data_ + i)) T;
    }
  }
  constexpr growing_list(growing_list&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  growing_list(const growing_list&) = delete;
  growing_list& operator=(const growing_list&) = delete;
  growing_list& operator=(growing_list&&) = delete;
  constexpr ~growing_list() { deallocate(); }

  constexpr void reserve(std::size_t capacity) {
    if (capacity > capacity_) move_to(capacity);
  }
  constexpr void push_back(const T& value) {
    if (size_ == capacity_) move_to(capacity_ == 0 ? 16 : 2 * capacity_);
    data_[size_++] = value;
  }
  // Appends `times` copies of the values at [from, to) of this list.
  constexpr void append_copies(std::size_t from, std::size_t to, std::size_t times) {
    const std::size_t count = (to - from) * times;
    if (count == 0) return;
    if (size_ + count > capacity_) move_to(size_ + count + (size_ + count) / 4);
    for (; times > 0; --times) {
#if defined(__clang__)
      __builtin_memcpy(data_ + size_, data_ + from, (to - from) * sizeof(T));
      size_ += to - from;
#else
      for (std::size_t i = from; i < to; ++i) data_[size_++] = data_[i];
#endif
    }
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
  constexpr T* data() { return data_; }
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }

 private:
  // At run time the room is raw storage, where a value comes into being when it is assigned (a
  // trivially copyable type's objects are created implicitly): the room a list never fills is
  // never written, nor its pages touched. A record's room for 4,096 entries in each of its lists
  // is up to 1.7 MB, which `report resnet18` used to fill with default values for 62 parameters.
  // ::operator new rather than std::allocator: <memory> would be most of what a file that includes
  // <archdesc/archdesc.hpp> parses (0.15 s of 0.5 for g++ and clang++; compile_fail's tests are that).
  static constexpr T* allocate(std::size_t capacity) {
    if (std::is_constant_evaluated()) return new T[capacity];
    if (capacity > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(::operator new(capacity * sizeof(T)));
  }
  constexpr void deallocate() {
    if (std::is_constant_evaluated()) {
      delete[] data_;
    } else if (data_ != nullptr) {
      ::operator delete(data_);
    }
  }
  constexpr void move_to(std::size_t capacity) {
    T* moved = allocate(capacity);
#if defined(__clang__)
    if (size_ > 0) __builtin_memcpy(moved, data_, size_ * sizeof(T));
#else
    for (std::size_t i = 0; i < size_; ++i) moved[i] = data_[i];
#endif
    deallocate();
    data_ = moved;
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace archdesc::detail
