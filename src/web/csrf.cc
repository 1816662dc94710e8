#include "web/csrf.h"

#include <sodium.h>

#include <stdexcept>

#include "accounts/request_auth.h"
#include "accounts/secrets.h"

namespace stadshart::web {
namespace {

constexpr size_t kTokenBytes = 32;

bool LooksLikeToken(const std::string& value) {
  if (value.size() != sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1) {
    return false;
  }
  for (char c : value) {
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}


}  // namespace

void CsrfToken::Attach(http::Response& response) const {
  if (!is_new) return;
  response.headers.emplace_back("Set-Cookie",
                                std::string(kCsrfCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
}

CsrfToken CsrfFor(const http::Request& request) {
  const auto& principal = accounts::PrincipalOf(request);
  if (!principal.csrf_token.empty()) return {principal.csrf_token, false};
  auto cookie = request.Cookie(kCsrfCookie);
  if (cookie && LooksLikeToken(*cookie)) return {*cookie, false};
  return {accounts::NewSecret(), true};
}

bool CsrfValid(const http::Request& request, const http::Fields& form) {
  std::string field = http::FieldValue(form, kCsrfField);
  const auto& principal = accounts::PrincipalOf(request);
  std::optional<std::string> expected;
  if (!principal.anonymous()) {
    if (principal.csrf_token.empty()) return false;  // API tokens do not post forms
    expected = principal.csrf_token;
  } else {
    expected = request.Cookie(kCsrfCookie);
  }
  if (!expected || !LooksLikeToken(*expected) || field.size() != expected->size()) return false;
  if (sodium_memcmp(expected->data(), field.data(), field.size()) != 0) return false;
  if (auto origin = request.Header("origin"); origin && *origin != "null") {
    auto host = request.Header("host");
    if (!host) return false;
    std::string_view o = *origin;
    auto scheme_end = o.find("://");
    if (scheme_end == std::string_view::npos || o.substr(scheme_end + 3) != *host) return false;
  }
  return true;
}

}  // namespace stadshart::web
