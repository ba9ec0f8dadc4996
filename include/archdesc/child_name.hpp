// archdesc/child_name.hpp: the name a child module is registered under.
//
//   self("conv1", conv, x);                            // an attribute: "conv1"
//   self(archdesc::child_name("denselayer", i + 1), layer, x);   // "denselayer1", "denselayer2" ...
//   self(archdesc::child_name("block", 1, "-", 0), block, x);    // RegNet's "block1-0"
#pragma once

#include <archdesc/detail/text.hpp>

#include <cstdint>

namespace archdesc {

// An attribute, an index in a Sequential ({"", 3}), or a name torchvision builds with numbers in it.
struct child_name {
  // Null-terminated literals: in totals passes names are never written, and measuring a literal's
  // length costs g++ more than the rest of a module's bookkeeping.
  const char* text = "";
  std::int64_t number = -1;  // none when negative
  const char* separator = "";
  std::int64_t second_number = -1;  // none when negative

  constexpr child_name(const char* attribute) : text(attribute) {}  // NOLINT: a literal reads as a name
  constexpr child_name(const char* prefix, std::int64_t n) : text(prefix), number(n) {}
  constexpr child_name(const char* prefix, std::int64_t n, const char* between, std::int64_t m)
      : text(prefix), number(n), separator(between), second_number(m) {}

  // Writes the name to out (anything with push_back(char) and append(const char*): a whole literal
  // at once costs clang's evaluator a third of the steps of a call per character).
  template <class Out>
  constexpr void write(Out& out) const {
    out.append(text);
    if (number < 0) return;
    detail::write_integer(out, number);
    if (second_number < 0) return;
    out.append(separator);
    detail::write_integer(out, second_number);
  }

  constexpr std::uint64_t hash() const {
    std::uint64_t h =
        static_cast<std::uint64_t>(number + 2) * 1'000'003 + static_cast<std::uint64_t>(second_number + 2);
    for (const char* c = text; *c != '\0'; ++c) h = h * 33 + static_cast<unsigned char>(*c);
    return h ^ (h >> 29);
  }

  friend constexpr bool operator==(const child_name& a, const child_name& b) {
    return a.number == b.number && a.second_number == b.second_number && same_text(a.text, b.text) &&
           (a.second_number < 0 || same_text(a.separator, b.separator));
  }

 private:
  static constexpr bool same_text(const char* a, const char* b) {
    for (; *a == *b; ++a, ++b)
      if (*a == '\0') return true;
    return false;
  }
};

}  // namespace archdesc
