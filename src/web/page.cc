#include "web/page.h"

#include <nlohmann/json.hpp>

#include "web/render.h"

namespace stadshart::web {
namespace {

struct NavItem {
  const char* href;
  const char* label;
};

// The modules that exist. Add a module here when its pages arrive; never link to what is not there.
constexpr NavItem kNavigation[] = {
    {"/", "Home"},
    {"/werkplan", "Werkplan"},
};

}  // namespace

http::Response RenderPage(const Page& page, const char* template_name, const nlohmann::json& view) {
  nlohmann::json layout;
  layout["title"] = page.title;
  nlohmann::json nav = nlohmann::json::array();
  for (const NavItem& item : kNavigation) {
    bool current = page.section == item.href;
    nav.push_back({{"href", item.href}, {"label", item.label}, {"current", current}});
  }
  layout["nav"] = std::move(nav);
  nlohmann::json crumbs = nlohmann::json::array();
  for (const Crumb& crumb : page.crumbs) crumbs.push_back({{"href", crumb.href}, {"label", crumb.label}});
  layout["crumbs"] = std::move(crumbs);
  layout["has_crumbs"] = !page.crumbs.empty();
  layout["content"] = Render(template_name, view);
  return http::Response::Html(Render("layout", layout), page.status);
}

http::Response MessagePage(int status, const std::string& title, const std::string& message) {
  Page page{title, "", {{"/", "Home"}}, status};
  return RenderPage(page, "message", {{"title", title}, {"message", message}});
}

nlohmann::json ErrorView(const std::vector<FieldError>& errors) {
  nlohmann::json view = nlohmann::json::object();
  nlohmann::json list = nlohmann::json::array();
  for (const FieldError& error : errors) {
    view[error.field] = {{"message", error.message}};
    list.push_back({{"field", error.field}, {"message", error.message}});
  }
  view["list"] = std::move(list);
  view["any"] = !errors.empty();
  return view;
}

}  // namespace stadshart::web
