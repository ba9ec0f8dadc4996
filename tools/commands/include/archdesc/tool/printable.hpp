// archdesc/tool/printable.hpp: text from an untrusted file (a tensor name, a JSON key), made safe to
// print: printable("a\x1b[2Jb\n") is "a\x1b[2Jb\n" spelled with backslashes, so that a name cannot
// clear the terminal, forge a line of the report or reorder the text around it.
#pragma once

#include <string>
#include <string_view>

namespace archdesc::tool {

// The text with every control character (C0, DEL, C1), Unicode line separator and bidirectional
// formatting character escaped (\n, \t, \r, \xNN, \uNNNN), every byte that is not UTF-8 as \xNN,
// and backslash doubled, so that the escaped text reads back unambiguously. Other text is unchanged.
std::string printable(std::string_view text);

}  // namespace archdesc::tool
