// archdesc/diagnostic.hpp: what is wrong with a descriptor, as one line of text built at compile time.
//
//   archdesc::diagnostic d;
//   d.append("layer2.0.conv1", ": expects ", 256, " input channels, receives ", 128);
//   // d.message() == "layer2.0.conv1: expects 256 input channels, receives 128"
#pragma once

#include <archdesc/detail/text.hpp>
#include <archdesc/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace archdesc {

// A fixed-capacity message (a structural type, so it can become a template argument and so reach
// the compiler's diagnostics). Text beyond the capacity is cut off.
struct diagnostic {
  static constexpr std::size_t capacity = 256;

  char text[capacity]{};
  std::size_t size = 0;

  constexpr bool ok() const { return size == 0; }
  constexpr std::string_view message() const { return {text, size}; }

  template <class... Parts>
  constexpr void append(const Parts&... parts) {
    (append_one(parts), ...);
  }

  constexpr void push_back(char c) { append_one(c); }

 private:
  constexpr void append_one(char c) {
    if (size < capacity) text[size++] = c;
  }
  constexpr void append_one(std::string_view s) {
    for (char c : s) append_one(c);
  }
  constexpr void append_one(const char* s) { append_one(std::string_view(s)); }
  constexpr void append_one(std::int64_t n) { detail::write_integer(*this, n); }
  constexpr void append_one(int n) { append_one(static_cast<std::int64_t>(n)); }
  constexpr void append_one(const shape& s) { detail::write_tuple(*this, s); }
};

// Thrown at run time where a descriptor is wrong; at compile time the throw itself is the error.
class invalid_descriptor : public std::logic_error {
 public:
  explicit invalid_descriptor(const diagnostic& d) : std::logic_error(std::string(d.message())) {}
};

}  // namespace archdesc
