// Beheer: user management (users.manage) and the audit trail (audit.read) as a page, CSV and API.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "app/account_routes.h"
#include "audit/audit.h"
#include "common/csv.h"
#include "common/text.h"
#include "web/api.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::app {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;


json RoleOptions(std::optional<accounts::Role> selected) {
  json options = json::array();
  for (accounts::Role role : accounts::kAllRoles) {
    options.push_back({{"value", accounts::RoleCode(role)}, {"label", accounts::RoleLabel(role)}, {"selected", selected == role}});
  }
  return options;
}

json UserView(const accounts::User& user) {
  return {{"id", user.id},
          {"url", "/beheer/gebruikers/" + std::to_string(user.id)},
          {"email", user.email},
          {"name", user.name},
          {"role", accounts::RoleLabel(user.role)},
          {"active", user.active},
          {"version", user.version}};
}

Response UsersPage(accounts::AccountsRepository& repo, const Request& request, json form, json errors, int status,
                   const std::string& notice = "") {
  json users = json::array();
  for (const accounts::User& user : repo.ListUsers()) users.push_back(UserView(user));
  form["role_options"] = RoleOptions(accounts::ParseRole(form.value("role", "ondernemer")));
  json view = {{"users", users}, {"csrf", web::CsrfFor(request).value}, {"form", form}, {"errors", errors}};
  if (!notice.empty()) view["notice"] = notice;
  return web::RenderPage(request, {"Gebruikers", "/beheer/gebruikers", {{"/", "Home"}}, status}, "users", view);
}

Response CreateUser(accounts::AccountsRepository& repo, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return web::MessagePage(request, 403, "Formulier verlopen", "Er is niets opgeslagen.");
  accounts::NewUserInput input{http::FieldValue(form, "email"), http::FieldValue(form, "name"), http::FieldValue(form, "role"),
                               http::FieldValue(form, "password")};
  auto created = repo.CreateUser(input, accounts::ActorOf(request));
  json typed = {{"email", input.email}, {"name", input.name}, {"role", input.role}};
  if (!created.ok()) {
    auto errors = created.error().field_errors;
    if (errors.empty()) errors.push_back({"email", created.error().message});
    return UsersPage(repo, request, typed, web::ErrorView(errors), created.error().kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect("/beheer/gebruikers?aangemaakt=" + std::to_string(created.value().id));
}

Response UserPage(accounts::AccountsRepository& repo, const Request& request, std::int64_t id, json errors, int status,
                  const std::string& notice = "") {
  auto user = repo.FindUser(id);
  if (!user) return web::MessagePage(request, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
  json view = UserView(*user);
  view["role_options"] = RoleOptions(user->role);
  view["csrf"] = web::CsrfFor(request).value;
  view["errors"] = errors;
  if (!notice.empty()) view["notice"] = notice;
  return web::RenderPage(request, {user->name, "/beheer/gebruikers", {{"/", "Home"}, {"/beheer/gebruikers", "Gebruikers"}}, status},
                         "user", view);
}

Response SaveUser(accounts::AccountsRepository& repo, Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id)) return web::MessagePage(request, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return web::MessagePage(request, 403, "Formulier verlopen", "Er is niets opgeslagen.");
  auto role = accounts::ParseRole(http::FieldValue(form, "role"));
  long long version = 0;
  if (!role || !text::ParseInt(http::FieldValue(form, "version"), version)) {
    return UserPage(repo, request, id, web::ErrorView({{"role", "Kies een geldige rol."}}), 422);
  }
  const auto& me = *accounts::PrincipalOf(request).user;
  bool active = http::FieldValue(form, "active") == "ja";
  if (me.id == id && (!active || *role != accounts::Role::kBeheerder)) {
    return UserPage(repo, request, id,
                    web::ErrorView({{"role", "U kunt uw eigen beheerrechten niet intrekken; laat een andere beheerder dat doen."}}),
                    422);
  }
  auto saved = repo.UpdateUser(id, {http::FieldValue(form, "name"), *role, active}, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    if (saved.error().kind == ErrorKind::kNotFound) return web::MessagePage(request, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
    auto errors = saved.error().field_errors;
    if (errors.empty()) errors.push_back({"name", saved.error().message});
    return UserPage(repo, request, id, web::ErrorView(errors), saved.error().kind == ErrorKind::kConflict ? 409 : 422);
  }
  return Response::Redirect("/beheer/gebruikers/" + std::to_string(id) + "?opgeslagen=1");
}

// The audit trail's entity types: Dutch words, and where the entity has a page (its id appended).
struct EntityType {
  const char* type;
  const char* label;   // one
  const char* plural;  // the filter's option
  const char* page;    // URL prefix, or nullptr
};
constexpr EntityType kEntityTypes[] = {
    {"action", "Actie", "Acties", "/acties/"},
    {"plan", "Jaarplan", "Jaarplannen", "/werkplan/"},
    {"user", "Gebruiker", "Gebruikers", "/beheer/gebruikers/"},
    {"api_token", "API-token", "API-tokens", nullptr},
    {"unit", "Pand", "Panden", "/panden/"},
    {"business", "Bedrijf", "Bedrijven", "/bedrijven/"},
    {"zone", "Zone", "Zones", nullptr},
    {"scenario", "Scenario", "Scenario's", "/scenarios/"},
    {"register_import", "Registerimport", "Registerimports", nullptr},
    {"kpi", "KPI", "KPI's", "/monitor/"},
    {"measurement", "Meting", "Metingen", nullptr},
};

json EntityView(const audit::Entry& e) {
  std::string label = e.entity_type;
  std::string url;
  for (const EntityType& type : kEntityTypes) {
    if (e.entity_type != type.type) continue;
    label = type.label;
    if (type.page) url = type.page + e.entity_id;
  }
  std::string operation = e.operation == "create" ? "aangemaakt" : e.operation == "delete" ? "verwijderd" : "gewijzigd";
  return {{"label", label + " " + e.entity_id}, {"url", url.empty() ? json(false) : json(url)}, {"operation", operation}};
}

audit::Filter FilterFrom(const Request& request) {
  audit::Filter filter;
  auto get = [&](const char* name) -> std::optional<std::string> {
    auto value = request.Query(name);
    if (!value || value->empty()) return std::nullopt;
    return std::string(*value);
  };
  filter.entity_type = get("entity_type");
  filter.entity_id = get("entity_id");
  filter.actor = get("actor");
  filter.from = get("from");
  filter.to = get("to");
  return filter;
}

json EntryJson(const audit::Entry& e) {
  auto parse = [](const std::string& text) { return text.empty() ? json(nullptr) : json::parse(text, nullptr, false); };
  return {{"id", e.id},
          {"at", e.at},
          {"actor", e.actor},
          {"actor_user_id", e.actor_user_id ? json(*e.actor_user_id) : json(nullptr)},
          {"via", e.via},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"operation", e.operation},
          {"before", parse(e.before_json)},
          {"after", parse(e.after_json)}};
}

}  // namespace

void AddAdminRoutes(http::Router& router, accounts::AccountsRepository& repo, storage::Database& db) {
  http::RouteOptions manage{.permission = "users.manage"};
  http::RouteOptions audit_read{.permission = "audit.read"};
  router.Add(Method::kGet, "/beheer/gebruikers", [&repo](Request& r) {
    std::string notice = r.Query("aangemaakt") ? "De gebruiker is aangemaakt." : "";
    return UsersPage(repo, r, json::object(), web::ErrorView({}), 200, notice);
  }, manage);
  router.Add(Method::kPost, "/beheer/gebruikers", [&repo](Request& r) { return CreateUser(repo, r); }, manage);
  router.Add(Method::kGet, "/beheer/gebruikers/{id}", [&repo](Request& r) {
    long long id = 0;
    if (!text::ParseInt(r.Param("id"), id)) return web::MessagePage(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
    return UserPage(repo, r, id, web::ErrorView({}), 200, r.Query("opgeslagen") ? "De wijziging is opgeslagen." : "");
  }, manage);
  router.Add(Method::kPost, "/beheer/gebruikers/{id}", [&repo](Request& r) { return SaveUser(repo, r); }, manage);

  router.Add(Method::kGet, "/beheer/geschiedenis", [&db](Request& r) {
    audit::Filter filter = FilterFrom(r);
    auto entries = db.With([&](storage::Connection& c) { return audit::List(c, filter); });
    json rows = json::array();
    for (const audit::Entry& e : entries) {
      auto at = ParseUtc(e.at);
      rows.push_back({{"at", at ? AmsterdamDateTime(*at) : e.at}, {"actor", e.actor}, {"via", e.via},
                      {"entity", EntityView(e)}});
    }
    std::string query = r.target.find('?') == std::string::npos ? "" : r.target.substr(r.target.find('?'));
    json types = json::array();
    for (const EntityType& type : kEntityTypes) {
      types.push_back({{"value", type.type}, {"label", type.plural}, {"selected", filter.entity_type == type.type}});
    }
    json view = {{"rows", rows},
                 {"types", types},
                 {"has_rows", !rows.empty()},
                 {"csv", "/beheer/geschiedenis.csv" + query},
                 {"f", {{"entity_type", filter.entity_type.value_or("")}, {"entity_id", filter.entity_id.value_or("")},
                        {"actor", filter.actor.value_or("")}, {"from", filter.from.value_or("")}, {"to", filter.to.value_or("")}}}};
    return web::RenderPage(r, {"Geschiedenis van wijzigingen", "/beheer/geschiedenis", {{"/", "Home"}}}, "audit", view);
  }, audit_read);

  router.Add(Method::kGet, "/beheer/geschiedenis.csv", [&db](Request& r) {
    audit::Filter filter = FilterFrom(r);
    filter.limit = 100000;
    auto entries = db.With([&](storage::Connection& c) { return audit::List(c, filter); });
    csv::Writer out;
    out.Row({"tijdstip (UTC)", "wie", "via", "soort", "id", "handeling", "voor", "na"});
    for (const audit::Entry& e : entries) {
      out.Row({e.at, e.actor, e.via, e.entity_type, e.entity_id, e.operation, e.before_json, e.after_json});
    }
    Response response;
    response.body = out.str();
    response.SetHeader("Content-Type", "text/csv; charset=utf-8");
    response.SetHeader("Content-Disposition", "attachment; filename=\"geschiedenis.csv\"");
    return response;
  }, audit_read);

  router.Add(Method::kGet, "/api/v1/audit", [&db](Request& r) {
    audit::Filter filter = FilterFrom(r);
    auto entries = db.With([&](storage::Connection& c) { return audit::List(c, filter); });
    json list = json::array();
    for (const audit::Entry& e : entries) list.push_back(EntryJson(e));
    return web::JsonResponse({{"entries", list}});
  }, audit_read);
}

}  // namespace stadshart::app
