// Passwords and tokens, through libsodium: Argon2id password hashes, random tokens, and the one-way hashes under
// which session cookies and API tokens are stored (a stolen database does not yield usable credentials).
#pragma once

#include <string>
#include <string_view>

namespace stadshart::accounts {

// crypto_pwhash_str (Argon2id, interactive limits). Slow on purpose (~0.1 s, 64 MiB): call on a worker thread.
std::string HashPassword(std::string_view password);
// Constant-time verification against a HashPassword() string.
bool VerifyPassword(std::string_view password, const std::string& hash);

// 32 random bytes, URL-safe base64 without padding, with a prefix (e.g. "sh_" for API tokens).
std::string NewSecret(std::string_view prefix = "");
// BLAKE2b-256 of the secret, hex: how sessions and tokens are stored and looked up.
std::string SecretHash(std::string_view secret);

}  // namespace stadshart::accounts
