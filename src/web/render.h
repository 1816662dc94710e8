// HTML templates: the embedded templates/*.mustache (kainjow mustache), rendered from a JSON view model.
// {{x}} escapes for HTML; {{{x}}} is for HTML we produced ourselves and must never carry user input.
// Thread-safe: each thread keeps its own compiled copies.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace stadshart::web {

// Renders templates/<name>.mustache. Throws std::runtime_error for an unknown template or a template error.
std::string Render(std::string_view name, const nlohmann::json& view);

}  // namespace stadshart::web
