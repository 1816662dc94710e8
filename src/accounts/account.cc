#include "accounts/account.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace stadshart::accounts {
namespace {

std::string Lower(std::string_view in) {
  std::string out(in);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kBeheerder: return "beheerder";
    case Role::kGemeente: return "gemeente";
    case Role::kOndernemer: return "ondernemer";
    case Role::kEigenaar: return "eigenaar";
    case Role::kOrganisator: return "organisator";
  }
  return "ondernemer";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kBeheerder: return "Beheerder (binnenstadmanagement)";
    case Role::kGemeente: return "Gemeente";
    case Role::kOndernemer: return "Ondernemer";
    case Role::kEigenaar: return "Vastgoedeigenaar";
    case Role::kOrganisator: return "Organisator van evenementen";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role role : kAllRoles) {
    if (RoleCode(role) == code) return role;
  }
  return std::nullopt;
}

std::string_view ScopeCode(TokenScope scope) { return scope == TokenScope::kRead ? "read" : "write"; }

std::optional<TokenScope> ParseScope(std::string_view code) {
  if (code == "read") return TokenScope::kRead;
  if (code == "write") return TokenScope::kWrite;
  return std::nullopt;
}

std::string Principal::Label() const {
  if (!user) return "anoniem";
  if (token_id) return "token " + std::to_string(*token_id) + " van " + user->email;
  return user->email;
}

std::string NormaliseEmail(std::string_view email) { return Lower(text::Trim(email)); }

std::optional<FieldError> CheckPassword(std::string_view password, std::string_view name, std::string_view email) {
  if (password.size() < kMinPasswordLength) {
    return FieldError{"password",
                      "Kies een wachtwoord van minstens " + std::to_string(kMinPasswordLength) + " tekens."};
  }
  if (password.size() > kMaxPasswordLength) return FieldError{"password", "Dit wachtwoord is te lang."};
  std::string lower = Lower(password);
  std::string mail = NormaliseEmail(email);
  std::string local = mail.substr(0, mail.find('@'));
  std::string lname = Lower(text::Trim(name));
  auto contains = [&](const std::string& part) { return part.size() >= 4 && lower.find(part) != std::string::npos; };
  if (contains(mail) || contains(local) || contains(lname)) {
    return FieldError{"password", "Gebruik niet uw naam of e-mailadres in het wachtwoord."};
  }
  for (std::string_view word : {std::string_view(lname)}) {
    size_t start = 0;
    while (start < word.size()) {
      size_t end = word.find(' ', start);
      if (end == std::string_view::npos) end = word.size();
      if (contains(std::string(word.substr(start, end - start)))) {
        return FieldError{"password", "Gebruik niet uw naam of e-mailadres in het wachtwoord."};
      }
      start = end + 1;
    }
  }
  return std::nullopt;
}

std::vector<FieldError> CheckUserFields(std::string_view email, std::string_view name) {
  std::vector<FieldError> errors;
  std::string mail = NormaliseEmail(email);
  auto at = mail.find('@');
  bool plausible = at != std::string::npos && at > 0 && at + 1 < mail.size() &&
                   mail.find('.', at) != std::string::npos && mail.find_first_of(" \t\r\n<>\"") == std::string::npos &&
                   mail.size() <= 254;
  if (!plausible) errors.push_back({"email", "Vul een geldig e-mailadres in."});
  std::string trimmed = text::Trim(name);
  if (trimmed.empty()) {
    errors.push_back({"name", "Vul een naam in."});
  } else if (trimmed.size() > 200 || !text::IsValidUtf8(trimmed)) {
    errors.push_back({"name", "De naam is te lang of bevat ongeldige tekens."});
  }
  return errors;
}

bool User::ActsFor(std::string_view kind, std::int64_t id) const {
  for (const UserLink& link : links) {
    if (link.kind == kind && link.id == id) return true;
  }
  return false;
}

}  // namespace stadshart::accounts
