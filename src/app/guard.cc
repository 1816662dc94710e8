#include "app/guard.h"

#include "accounts/request_auth.h"
#include "http/message.h"
#include "web/api.h"
#include "web/page.h"

namespace stadshart::app {
namespace {

using accounts::Decision;

bool IsApi(const http::Request& request) { return request.path.starts_with("/api/"); }

http::Response Refuse(const http::Request& request, Decision decision) {
  bool sign_in = decision == Decision::kSignInRequired;
  if (IsApi(request)) {
    http::Response response =
        sign_in ? web::JsonError(401, "unauthenticated", "Aanmelden vereist: stuur Authorization: Bearer <token>.")
                : web::JsonError(403, "forbidden", "Dit mag u met deze rol of dit token niet.");
    if (sign_in) response.SetHeader("WWW-Authenticate", "Bearer");
    return response;
  }
  if (sign_in && (request.method == http::Method::kGet || request.method == http::Method::kHead)) {
    return http::Response::Redirect("/login?terug=" + http::UrlEncode(request.target));
  }
  if (sign_in) {
    return web::MessagePage(request, 401, "Inloggen vereist",
                            "Log eerst in; er is niets opgeslagen. Uw sessie is misschien verlopen.");
  }
  return web::MessagePage(request, 403, "Geen toegang", "Dit mag u met uw rol niet. Er is niets gewijzigd.");
}

}  // namespace

void InstallGuard(http::Router& router, accounts::AccountsRepository& repo) {
  router.WrapHandlers([&repo](const http::Route& route) -> http::Handler {
    return [&repo, permission = route.options.permission, inner = route.handler](http::Request& request) {
      if (auto authorization = request.Header("authorization")) {
        std::string_view value = *authorization;
        std::optional<accounts::Principal> principal;
        if (value.starts_with("Bearer ")) principal = repo.ResolveToken(std::string(value.substr(7)));
        if (!principal) {
          http::Response response = web::JsonError(401, "unauthenticated", "Ongeldig, verlopen of ingetrokken token.");
          response.SetHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
          return response;
        }
        accounts::SetPrincipal(request, std::move(*principal));
      } else if (auto cookie = request.Cookie(accounts::kSessionCookie)) {
        if (auto principal = repo.ResolveSession(*cookie)) accounts::SetPrincipal(request, std::move(*principal));
      }
      Decision decision = accounts::Decide(accounts::PrincipalOf(request), permission);
      if (decision != Decision::kAllow) return Refuse(request, decision);
      return inner(request);
    };
  });
}

}  // namespace stadshart::app
