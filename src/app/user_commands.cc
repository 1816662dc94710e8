// stadshart user ... and stadshart token ...: accounts from the command line (audited as "systeem" via "cli").
#include <iostream>
#include <string>

#include "accounts/secrets.h"
#include "accounts/sqlite_accounts_repository.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "property/sqlite_property_repository.h"
#include "common/text.h"

namespace stadshart::app {
namespace {

// A password from stdin (first line) when it is not a terminal; otherwise a generated one, printed once.
std::pair<std::string, bool> PasswordFromStdinOrGenerated(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return {line, false};
  }
  return {accounts::NewSecret().substr(0, 20), true};
}

}  // namespace

int UserAdd(const std::string& db_location, const std::string& email, const std::string& name,
            const std::string& role, bool password_from_stdin) {
  auto db = OpenDatabase(db_location, "user add");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  auto [password, generated] = PasswordFromStdinOrGenerated(password_from_stdin);
  auto user = repo.CreateUser({email, name, role, password}, audit::Actor::System());
  if (!user.ok()) {
    PrintError(user.error(), "user add");
    return 1;
  }
  std::cout << "Gebruiker " << user.value().email << " (" << accounts::RoleCode(user.value().role) << ") aangemaakt, id "
            << user.value().id << ".\n";
  if (generated) std::cout << "Wachtwoord (wordt niet opnieuw getoond): " << password << "\n";
  return 0;
}

int UserResetPassword(const std::string& db_location, const std::string& email, bool password_from_stdin) {
  auto db = OpenDatabase(db_location, "user reset-password");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  auto user = repo.FindUserByEmail(email);
  if (!user) {
    std::cerr << "stadshart user reset-password: geen gebruiker met e-mailadres " << email << "\n";
    return 1;
  }
  auto [password, generated] = PasswordFromStdinOrGenerated(password_from_stdin);
  auto done = repo.SetPassword(user->id, password, audit::Actor::System(), "");
  if (!done.ok()) {
    PrintError(done.error(), "user reset-password");
    return 1;
  }
  std::cout << "Wachtwoord van " << user->email << " gewijzigd; alle sessies zijn beëindigd.\n";
  if (generated) std::cout << "Nieuw wachtwoord (wordt niet opnieuw getoond): " << password << "\n";
  return 0;
}

int UserList(const std::string& db_location) {
  auto db = OpenDatabase(db_location, "user list");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  for (const accounts::User& user : repo.ListUsers()) {
    std::cout << user.id << "\t" << user.email << "\t" << accounts::RoleCode(user.role) << "\t"
              << (user.active ? "actief" : "inactief") << "\t" << user.name << "\n";
  }
  return 0;
}

int UserLink(const std::string& db_location, const std::string& email, const std::vector<long long>& businesses,
             const std::vector<long long>& units) {
  auto db = OpenDatabase(db_location, "user link");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  property::SqlitePropertyRepository register_(*db, clock);
  auto user = repo.FindUserByEmail(email);
  if (!user) {
    std::cerr << "stadshart user link: geen gebruiker met e-mailadres " << email << "\n";
    return 1;
  }
  auto reg = register_.Snapshot();
  std::vector<accounts::UserLink> links;
  for (long long id : businesses) {
    if (!reg->FindBusiness(id)) {
      std::cerr << "stadshart user link: bedrijf " << id << " bestaat niet\n";
      return 1;
    }
    links.push_back({"business", id});
  }
  for (long long id : units) {
    if (!reg->FindUnit(id)) {
      std::cerr << "stadshart user link: pand " << id << " bestaat niet\n";
      return 1;
    }
    links.push_back({"unit", id});
  }
  auto updated = repo.SetLinks(user->id, links, audit::Actor::System());
  if (!updated.ok()) {
    PrintError(updated.error(), "user link");
    return 1;
  }
  std::cout << user->email << " treedt op voor " << businesses.size() << " bedrijf/bedrijven en " << units.size()
            << " pand(en).\n";
  return 0;
}

int TokenCreate(const std::string& db_location, const std::string& email, const std::string& scope_code,
                const std::string& name) {
  auto db = OpenDatabase(db_location, "token create");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  auto user = repo.FindUserByEmail(email);
  if (!user) {
    std::cerr << "stadshart token create: geen gebruiker met e-mailadres " << email << "\n";
    return 1;
  }
  auto scope = accounts::ParseScope(scope_code);
  if (!scope) {
    std::cerr << "stadshart token create: --scope is read of write\n";
    return 1;
  }
  auto token = repo.CreateToken(user->id, name, *scope, audit::Actor::System());
  if (!token.ok()) {
    PrintError(token.error(), "token create");
    return 1;
  }
  std::cout << "Token " << token.value().second.id << " (" << scope_code << ") voor " << user->email
            << "; het wordt niet opnieuw getoond:\n"
            << token.value().first << "\n";
  return 0;
}

int TokenRevoke(const std::string& db_location, long long id) {
  auto db = OpenDatabase(db_location, "token revoke");
  if (!db) return 1;
  SystemClock clock;
  accounts::SqliteAccountsRepository repo(*db, clock);
  auto revoked = repo.RevokeToken(id, std::nullopt, audit::Actor::System());
  if (!revoked.ok()) {
    PrintError(revoked.error(), "token revoke");
    return 1;
  }
  std::cout << "Token " << id << " is ingetrokken.\n";
  return 0;
}

}  // namespace stadshart::app
