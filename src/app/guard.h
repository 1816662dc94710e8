// The guard in front of every route: finds out who is asking (an "Authorization: Bearer" API token, else the
// session cookie), stores that Principal in the request, and lets the handler run only when the permission
// matrix (accounts/permissions.h) allows the route's permission. Refusals: 401 when signing in would help
// (pages: a redirect to /login), 403 otherwise; JSON errors under /api/.
#pragma once

#include "accounts/accounts_repository.h"
#include "http/router.h"

namespace stadshart::app {

// Wraps every route of the router; call after all routes are added. The repository must outlive the router.
void InstallGuard(http::Router& router, accounts::AccountsRepository& accounts);

}  // namespace stadshart::app
