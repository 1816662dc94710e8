// Small text helpers shared by the modules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stadshart::text {

// Without leading and trailing ASCII whitespace.
std::string Trim(std::string_view in);
// Well-formed UTF-8 without overlong forms or surrogates.
bool IsValidUtf8(std::string_view in);
// Parses a whole decimal integer ("2019"); nullopt-like false when anything else is in the string.
bool ParseInt(std::string_view in, long long& out);
// Text for XML and HTML (SVG charts, feeds): & < > " ' as character references.
std::string XmlEscape(std::string_view in);
// A decimal number with a comma or a point as the decimal separator ("52,9929", "52.9929"), no thousands
// separators, nothing else in the string; surrounding whitespace is ignored. For coordinates and CSV cells.
std::optional<double> ParseDecimal(std::string_view in);
// A number as a Dutch person writes it: "21,9", "3.800", "1.234,5"; a point is a thousands separator when a
// comma is present or the groups are exactly three digits ("3.800" = 3800), else a decimal point ("7.5").
// Surrounding whitespace is ignored; anything else, two commas or a non-finite value gives nullopt.
std::optional<double> ParseDutchNumber(std::string_view in);

}  // namespace stadshart::text
