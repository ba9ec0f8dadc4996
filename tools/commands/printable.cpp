#include <archdesc/tool/printable.hpp>

#include <fmt/format.h>

#include <cstdint>

namespace archdesc::tool {
namespace {

// Code points that terminals and editors act on instead of showing: C1 controls, the line and
// paragraph separators, and the bidirectional marks, embeddings, overrides and isolates.
bool is_hidden_control(std::uint32_t code) {
  return (code >= 0x80 && code <= 0x9f) || code == 0x200e || code == 0x200f || (code >= 0x2028 && code <= 0x202e) ||
         (code >= 0x2066 && code <= 0x2069);
}

// The length of the UTF-8 sequence at text[at] and its code point; 0 if it is not valid UTF-8.
std::size_t decode(std::string_view text, std::size_t at, std::uint32_t& code) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  std::uint32_t least = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, code = lead & 0x1fu, least = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, code = lead & 0x0fu, least = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, code = lead & 0x07u, least = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0u) != 0x80u) return 0;
    code = code << 6 | (byte(i) & 0x3fu);
  }
  const bool surrogate = code >= 0xd800 && code <= 0xdfff;
  return code < least || code > 0x10ffff || surrogate ? 0 : length;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7f) {
      if (byte == '\\') out += '\\';
      out += static_cast<char>(byte);
      ++at;
    } else if (byte == '\n') {
      out += "\\n", ++at;
    } else if (byte == '\t') {
      out += "\\t", ++at;
    } else if (byte == '\r') {
      out += "\\r", ++at;
    } else if (byte < 0x80) {  // the other C0 controls and DEL
      out += fmt::format("\\x{:02x}", byte), ++at;
    } else {
      std::uint32_t code = 0;
      const std::size_t length = decode(text, at, code);
      if (length == 0) {
        out += fmt::format("\\x{:02x}", byte), ++at;
      } else if (is_hidden_control(code)) {
        out += fmt::format("\\u{:04x}", code), at += length;
      } else {
        out.append(text.substr(at, length)), at += length;
      }
    }
  }
  return out;
}

}  // namespace archdesc::tool
