#include "web/render.h"

#include <kainjow/mustache.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "common/resources.h"

namespace stadshart::web {
namespace {

namespace mustache = kainjow::mustache;

mustache::data ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, ToData(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(ToData(item));
      return list;
    }
    case nlohmann::json::value_t::string: return mustache::data{value.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? mustache::data::type::bool_true
                                                                    : mustache::data::type::bool_false;
    case nlohmann::json::value_t::null: return mustache::data::type::bool_false;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return mustache::data{value.dump()};
    default: return mustache::data::type::bool_false;
  }
}

mustache::mustache& Compiled(std::string_view name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mustache::mustache>> cache;
  std::string key(name);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  auto source = resources::Find("templates/" + key + ".mustache");
  if (!source) throw std::runtime_error("unknown template: " + key);
  auto compiled = std::make_unique<mustache::mustache>(std::string(*source));
  if (!compiled->is_valid()) throw std::runtime_error("template " + key + ": " + compiled->error_message());
  return *cache.emplace(key, std::move(compiled)).first->second;
}

}  // namespace

std::string Render(std::string_view name, const nlohmann::json& view) {
  mustache::mustache& tmpl = Compiled(name);
  std::string html = tmpl.render(ToData(view));
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + tmpl.error_message());
  return html;
}

}  // namespace stadshart::web
