// Files compiled into the binary at build time (tools/embed.cc): SQL migrations, HTML templates, static assets
// (NL Design System CSS from npm, our own theme) and demo data. Paths are relative to the repository, e.g.
// "migrations/0001_werkplan.sql", "templates/layout.mustache", "static/stadshart.css", "data/werkplan-2019.json".
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace stadshart::resources {

struct Resource {
  std::string_view path;
  std::string_view data;
};

// Every embedded file, in the order the build listed them (sorted by path).
std::span<const Resource> All();

// The file at `path`, or nullopt.
std::optional<std::string_view> Find(std::string_view path);

// All files whose path starts with `prefix`, sorted by path.
std::vector<Resource> Under(std::string_view prefix);

}  // namespace stadshart::resources
