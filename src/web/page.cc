#include "web/page.h"

#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "web/csrf.h"
#include "web/render.h"

namespace stadshart::web {
namespace {

struct NavItem {
  const char* href;
  const char* label;
  const char* permission;  // shown only to who has it
};

// The modules that exist. Add a module here when its pages arrive; never link to what is not there.
constexpr NavItem kNavigation[] = {
    {"/", "Home", "public"},
    {"/werkplan", "Werkplan", "public"},
    {"/leegstand", "Leegstand", "public"},
    {"/panden", "Panden", "public"},
    {"/monitor", "Monitor", "public"},
    {"/nu-open", "Nu open", "public"},
    {"/agenda", "Agenda", "public"},
    {"/openingstijden/analyse", "Openingstijden", "hours.analysis"},
    {"/beheer/geschiedenis", "Geschiedenis", "audit.read"},
    {"/beheer/gebruikers", "Gebruikers", "users.manage"},
};

}  // namespace

http::Response RenderPage(const http::Request& request, const Page& page, const char* template_name,
                          const nlohmann::json& view) {
  nlohmann::json layout;
  layout["title"] = page.title;
  const auto& principal = accounts::PrincipalOf(request);
  if (principal.user) {
    layout["user"] = {{"name", principal.user->name}, {"csrf", CsrfFor(request).value}};
  }
  layout["signed_in"] = principal.user.has_value();
  nlohmann::json nav = nlohmann::json::array();
  for (const NavItem& item : kNavigation) {
    if (!accounts::Can(request, item.permission)) continue;
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

http::Response MessagePage(const http::Request& request, int status, const std::string& title,
                           const std::string& message) {
  Page page{title, "", {{"/", "Home"}}, status};
  return RenderPage(request, page, "message", {{"title", title}, {"message", message}});
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
