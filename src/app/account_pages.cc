// /login, /logout, /account: signing in with throttling, session rotation, password change, API tokens.
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "app/account_routes.h"
#include "common/text.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::app {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;


// Only local paths, so the login form cannot be used to send people elsewhere.
std::string SafeReturn(std::string_view target) {
  if (target.empty() || target[0] != '/' || target.starts_with("//") || target.find('\\') != std::string_view::npos) {
    return "/";
  }
  return std::string(target);
}

std::string SessionCookie(const Request& request, const std::string& value, bool expire) {
  std::string cookie = std::string(accounts::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (request.Header("x-forwarded-proto") == std::optional<std::string_view>("https")) cookie += "; Secure";
  if (expire) cookie += "; Max-Age=0";
  return cookie;
}

Response LoginPage(const Request& request, const std::string& email, const std::string& back, const std::string& error,
                   int status) {
  web::CsrfToken token = web::CsrfFor(request);
  json view = {{"csrf", token.value}, {"email", email}, {"terug", back}};
  if (!error.empty()) view["error"] = error;
  Response response = web::RenderPage(request, {"Inloggen", "", {{"/", "Home"}}, status}, "login", view);
  token.Attach(response);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Response Login(accounts::AccountsRepository& repo, const LoginThrottle& throttle, Request& request) {
  http::Fields form = request.Form();
  std::string email = accounts::NormaliseEmail(http::FieldValue(form, "email"));
  std::string back = SafeReturn(http::FieldValue(form, "terug"));
  if (!web::CsrfValid(request, form)) {
    return LoginPage(request, email, back, "Het formulier was verlopen. Probeer het nog eens.", 403);
  }
  std::string account_key = "account:" + email;
  std::string address_key = "address:" + request.remote_address;
  if (repo.LoginFailuresSince(account_key, throttle.window) >= throttle.per_account ||
      repo.LoginFailuresSince(address_key, throttle.window) >= throttle.per_address) {
    Response response = LoginPage(request, email, back,
                                  "Te veel mislukte pogingen. Wacht een minuut en probeer het dan opnieuw.", 429);
    response.SetHeader("Retry-After", std::to_string(throttle.window.count()));
    return response;
  }
  auto user = repo.CheckCredentials(email, http::FieldValue(form, "password"));
  if (!user) {
    repo.RecordLoginFailure({account_key, address_key});
    return LoginPage(request, email, back, "E-mailadres of wachtwoord onjuist.", 401);
  }
  repo.ClearLoginFailures(account_key);
  // Rotation: whatever session the browser had ends; the signed-in one is new.
  if (auto old = request.Cookie(accounts::kSessionCookie)) repo.EndSession(*old);
  accounts::NewSession session = repo.CreateSession(user->id);
  Response response = Response::Redirect(back);
  response.headers.emplace_back("Set-Cookie", SessionCookie(request, session.token, false));
  return response;
}

Response Logout(accounts::AccountsRepository& repo, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) {
    return web::MessagePage(request, 403, "Formulier verlopen", "Uitloggen kon niet worden gecontroleerd; probeer het opnieuw.");
  }
  if (auto cookie = request.Cookie(accounts::kSessionCookie)) repo.EndSession(*cookie);
  Response response = Response::Redirect("/");
  response.headers.emplace_back("Set-Cookie", SessionCookie(request, "", true));
  return response;
}

struct AccountState {
  json password_errors = web::ErrorView({});
  json token_errors = web::ErrorView({});
  std::string notice;
  std::optional<json> new_token;
  int status = 200;
};

Response AccountPage(accounts::AccountsRepository& repo, const Request& request, const AccountState& state) {
  const accounts::User& user = *accounts::PrincipalOf(request).user;
  json tokens = json::array();
  for (const accounts::ApiToken& t : repo.ListTokens(user.id)) {
    tokens.push_back({{"id", t.id},
                      {"name", t.name},
                      {"scope", t.scope == accounts::TokenScope::kWrite ? "lezen en schrijven" : "alleen lezen"},
                      {"created_at", t.created_at},
                      {"last_used_at", t.last_used_at.empty() ? "nooit" : t.last_used_at},
                      {"revoked", !t.revoked_at.empty()},
                      {"revoked_at", t.revoked_at}});
  }
  json view = {{"name", user.name},
               {"email", user.email},
               {"role", accounts::RoleLabel(user.role)},
               {"csrf", web::CsrfFor(request).value},
               {"tokens", tokens},
               {"has_tokens", !tokens.empty()},
               {"password_errors", state.password_errors},
               {"token_errors", state.token_errors}};
  if (!state.notice.empty()) view["notice"] = state.notice;
  if (state.new_token) view["new_token"] = *state.new_token;
  Response response = web::RenderPage(request, {"Mijn account", "", {{"/", "Home"}}, state.status}, "account", view);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Response ChangePassword(accounts::AccountsRepository& repo, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return web::MessagePage(request, 403, "Formulier verlopen", "Er is niets gewijzigd.");
  const accounts::User& user = *accounts::PrincipalOf(request).user;
  AccountState state;
  std::string next = http::FieldValue(form, "new_password");
  if (!repo.CheckCredentials(user.email, http::FieldValue(form, "current_password"))) {
    state.password_errors = web::ErrorView({{"current_password", "Het huidige wachtwoord klopt niet."}});
  } else if (next != http::FieldValue(form, "repeat_password")) {
    state.password_errors = web::ErrorView({{"repeat_password", "De twee nieuwe wachtwoorden zijn niet gelijk."}});
  } else {
    auto done = repo.SetPassword(user.id, next, accounts::ActorOf(request),
                                 std::string(request.Cookie(accounts::kSessionCookie).value_or("")));
    if (done.ok()) {
      state.notice = "Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd.";
      return AccountPage(repo, request, state);
    }
    state.password_errors = web::ErrorView({{"new_password", done.error().field_errors.empty()
                                                                ? done.error().message
                                                                : done.error().field_errors[0].message}});
  }
  state.status = 422;
  return AccountPage(repo, request, state);
}

Response CreateToken(accounts::AccountsRepository& repo, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return web::MessagePage(request, 403, "Formulier verlopen", "Er is niets gewijzigd.");
  const accounts::User& user = *accounts::PrincipalOf(request).user;
  AccountState state;
  auto scope = accounts::ParseScope(http::FieldValue(form, "scope"));
  if (!scope) {
    state.token_errors = web::ErrorView({{"scope", "Kies alleen lezen of lezen en schrijven."}});
    state.status = 422;
    return AccountPage(repo, request, state);
  }
  auto created = repo.CreateToken(user.id, http::FieldValue(form, "name"), *scope, accounts::ActorOf(request));
  if (!created.ok()) {
    state.token_errors = web::ErrorView(created.error().field_errors);
    state.status = 422;
    return AccountPage(repo, request, state);
  }
  state.new_token = json{{"value", created.value().first}, {"name", created.value().second.name}};
  state.status = 201;
  return AccountPage(repo, request, state);
}

Response RevokeOwnToken(accounts::AccountsRepository& repo, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return web::MessagePage(request, 403, "Formulier verlopen", "Er is niets gewijzigd.");
  long long id = 0;
  const accounts::User& user = *accounts::PrincipalOf(request).user;
  if (!text::ParseInt(request.Param("id"), id) || !repo.RevokeToken(id, user.id, accounts::ActorOf(request)).ok()) {
    return web::MessagePage(request, 404, "Niet gevonden", "Dit token bestaat niet of is niet van u.");
  }
  return Response::Redirect("/account?ingetrokken=1");
}

}  // namespace

void AddAccountRoutes(http::Router& router, accounts::AccountsRepository& repo, LoginThrottle throttle) {
  http::RouteOptions session{.permission = "session.manage"};
  http::RouteOptions self{.permission = "account.self"};
  router.Add(Method::kGet, "/login", [](Request& r) {
    return LoginPage(r, "", SafeReturn(r.Query("terug").value_or("/")), "", 200);
  }, session);
  router.Add(Method::kPost, "/login", [&repo, throttle](Request& r) { return Login(repo, throttle, r); }, session);
  router.Add(Method::kPost, "/logout", [&repo](Request& r) { return Logout(repo, r); }, self);
  router.Add(Method::kGet, "/account", [&repo](Request& r) {
    AccountState state;
    if (r.Query("ingetrokken")) state.notice = "Het token is ingetrokken.";
    return AccountPage(repo, r, state);
  }, self);
  router.Add(Method::kPost, "/account/wachtwoord", [&repo](Request& r) { return ChangePassword(repo, r); }, self);
  router.Add(Method::kPost, "/account/tokens", [&repo](Request& r) { return CreateToken(repo, r); }, self);
  router.Add(Method::kPost, "/account/tokens/{id}/intrekken", [&repo](Request& r) { return RevokeOwnToken(repo, r); },
             self);
}

}  // namespace stadshart::app
