// archdesc/tool/markup.hpp: text from a descriptor (module and model names), made safe for HTML and
// SVG, in text and in quoted attribute values: escape_markup("a<b") == "a&lt;b".
#pragma once

#include <string>
#include <string_view>

namespace archdesc::tool {

inline std::string escape_markup(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

}  // namespace archdesc::tool
