// Signing in and out, "mijn account" (password, API tokens), user management and the audit trail views.
#pragma once

#include "accounts/accounts_repository.h"
#include "http/router.h"
#include "storage/database.h"

namespace stadshart::app {

struct LoginThrottle {
  int per_account = 10;   // failed logins per minute for one e-mail address before it must wait
  int per_address = 50;   // failed logins per minute from one address
  std::chrono::seconds window{60};
};

void AddAccountRoutes(http::Router& router, accounts::AccountsRepository& accounts, LoginThrottle throttle = {});
void AddAdminRoutes(http::Router& router, accounts::AccountsRepository& accounts, storage::Database& db);

}  // namespace stadshart::app
