// Lenient reading: turns common free-form input ("ma-vr 9:00-18:00", "Montag bis Freitag", "10am-6pm", "10.00",
// "–" dashes, "24 hours") into the strict opening_hours syntax before parsing, with one warning per repair. The
// strict parser (parse.h) then only knows the OSM grammar; positions in its errors are mapped back to the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stadshart::hours {

struct Warning {
  std::size_t position = 0;  // code point index into the original input
  std::string message;       // English
  std::string message_nl;    // Dutch
};

struct LenientText {
  std::string text;                  // strict-syntax candidate; ASCII except inside comments
  std::vector<std::size_t> origin;   // origin[i]: input position of text[i]; one extra entry for the end
  std::size_t input_length = 0;      // code points in the input
  std::vector<Warning> warnings;
};

// Never fails: what it cannot repair is passed on unchanged for the parser to reject with a position.
LenientText MakeStrict(std::string_view input);

}  // namespace stadshart::hours
