#include "web/csrf.h"

#include <sodium.h>

#include <stdexcept>

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

std::string FormValue(const http::Fields& form, std::string_view name) {
  for (const auto& [key, value] : form) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace

std::string RandomToken() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

void CsrfToken::Attach(http::Response& response) const {
  if (!is_new) return;
  response.headers.emplace_back("Set-Cookie",
                                std::string(kCsrfCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
}

CsrfToken CsrfFor(const http::Request& request) {
  auto cookie = request.Cookie(kCsrfCookie);
  if (cookie && LooksLikeToken(*cookie)) return {*cookie, false};
  return {RandomToken(), true};
}

bool CsrfValid(const http::Request& request, const http::Fields& form) {
  auto cookie = request.Cookie(kCsrfCookie);
  std::string field = FormValue(form, kCsrfField);
  if (!cookie || !LooksLikeToken(*cookie) || field.size() != cookie->size()) return false;
  if (sodium_memcmp(cookie->data(), field.data(), field.size()) != 0) return false;
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
