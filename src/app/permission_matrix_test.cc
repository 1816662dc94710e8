// Every route the router knows, for every role, anonymous and a read-only token: the guard allows exactly what
// the permission matrix allows. A new route without a permission (or with an unknown one) fails here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "accounts/permissions.h"
#include "accounts/request_auth.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_accounts_repository.h"
#include "app/routes.h"
#include "common/resources.h"
#include "plan/plan_json.h"
#include "monitor/sqlite_monitor_repository.h"
#include "plan/sqlite_plan_repository.h"
#include "property/sqlite_property_repository.h"
#include "storage/test_database.h"

namespace stadshart::app {
namespace {

using accounts::Decision;
using accounts::Role;

struct Caller {
  std::string name;
  std::optional<Role> role;  // empty: anonymous
  bool read_token = false;
};

class PermissionMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-matrix-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    plans_ = std::make_unique<plan::SqlitePlanRepository>(*db_, clock_);
    accounts_ = std::make_unique<accounts::SqliteAccountsRepository>(*db_, clock_);
    auto imported = plan::PlanFromJson(nlohmann::json::parse(*resources::Find("data/werkplan-2019.json")));
    ASSERT_TRUE(plans_->ImportPlan(imported.value().plan, imported.value().goals, audit::Actor::System()).ok());
    for (Role role : accounts::kAllRoles) {
      std::string code(accounts::RoleCode(role));
      auto user = accounts_->CreateUser({code + "@example.org", "Test " + code, code, "paardenbloem-42"},
                                        audit::Actor::System());
      ASSERT_TRUE(user.ok());
      users_[role] = user.value().id;
    }
    // Token 1 is the one "POST /account/tokens/{id}/intrekken" revokes; the read token used below is token 2.
    ASSERT_TRUE(accounts_->CreateToken(users_[Role::kBeheerder], "wegwerp", accounts::TokenScope::kWrite,
                                       audit::Actor::System()).ok());
    auto token = accounts_->CreateToken(users_[Role::kBeheerder], "lezen", accounts::TokenScope::kRead,
                                        audit::Actor::System());
    read_token_ = token.value().first;
    register_ = std::make_unique<property::SqlitePropertyRepository>(*db_, clock_);
    monitor_ = std::make_unique<monitor::SqliteMonitorRepository>(*db_, clock_);
    router_ = std::make_unique<http::Router>(BuildRouter({*db_, *plans_, *accounts_, *register_, *monitor_, clock_}));
  }
  void TearDown() override {
    router_.reset();
    monitor_.reset();
    register_.reset();
    accounts_.reset();
    plans_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  // A concrete path for a pattern: ids of things that exist, so allowed requests reach the handler's logic.
  static std::string Concrete(const std::string& pattern) {
    std::string path = pattern;
    auto replace = [&](const std::string& from, const std::string& to) {
      for (size_t at = path.find(from); at != std::string::npos; at = path.find(from)) path.replace(at, from.size(), to);
    };
    replace("{year}", "2019");
    replace("{code}", "A");
    replace("{file}", "stadshart.css");
    replace("{id}", "1");
    return path;
  }

  http::Response Call(const http::Route& route, const Caller& caller) {
    http::Request request;
    request.method = route.method;
    request.path = Concrete(route.pattern);
    request.target = request.path;
    request.remote_address = "127.0.0.1";
    request.headers.push_back({"host", "localhost"});
    std::string csrf = "x";
    if (caller.read_token) {
      request.headers.push_back({"authorization", "Bearer " + read_token_});
    } else if (caller.role) {
      accounts::NewSession session = accounts_->CreateSession(users_[*caller.role]);
      request.headers.push_back({"cookie", std::string(accounts::kSessionCookie) + "=" + session.token});
      csrf = session.csrf_token;
    } else {
      csrf = accounts::NewSecret();
      request.headers.push_back({"cookie", "stadshart_csrf=" + csrf});
    }
    if (route.method != http::Method::kGet) {
      bool api = request.path.starts_with("/api/");
      request.headers.push_back({"content-type", api ? "application/json" : "application/x-www-form-urlencoded"});
      request.body = api ? "{}" : "csrf=" + csrf;
    }
    auto match = router_->Find(route.method, request.path);
    EXPECT_EQ(match.route, &route) << request.path;
    request.path_params = match.params;
    return match.route->handler(request);
  }

  // Refused by the guard (not by the handler's own checks, such as a wrong password at /login).
  static bool Refused(const http::Response& response) {
    if (response.status == 401) {
      return response.body.find("\"unauthenticated\"") != std::string::npos ||
             response.body.find("Inloggen vereist") != std::string::npos;
    }
    if (response.status == 303) return response.Header("location").value_or("").starts_with("/login?");
    return response.status == 403 && (response.body.find("\"forbidden\"") != std::string::npos ||
                                       response.body.find("Geen toegang") != std::string::npos);
  }

  accounts::Principal PrincipalFor(const Caller& caller) {
    accounts::Principal principal;
    if (caller.role || caller.read_token) {
      Role role = caller.read_token ? Role::kBeheerder : *caller.role;
      principal.user = accounts::User{users_[role], "x@example.org", "x", role};
      if (caller.read_token) {
        principal.token_id = 1;
        principal.scope = accounts::TokenScope::kRead;
      }
    }
    return principal;
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2019-05-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<plan::SqlitePlanRepository> plans_;
  std::unique_ptr<accounts::SqliteAccountsRepository> accounts_;
  std::unique_ptr<property::SqlitePropertyRepository> register_;
  std::unique_ptr<monitor::SqliteMonitorRepository> monitor_;
  std::unique_ptr<http::Router> router_;
  std::map<Role, std::int64_t> users_;
  std::string read_token_;
};

TEST_F(PermissionMatrixTest, EveryRouteNamesAPermissionFromTheMatrix) {
  ASSERT_GT(router_->routes().size(), 20u);
  for (const http::Route& route : router_->routes()) {
    EXPECT_NE(accounts::FindPermission(route.options.permission), nullptr)
        << http::MethodName(route.method) << " " << route.pattern << " has permission '" << route.options.permission
        << "', which is not in the matrix";
  }
}

TEST_F(PermissionMatrixTest, GuardAllowsExactlyWhatTheMatrixAllows) {
  std::vector<Caller> callers = {{"anoniem", std::nullopt}, {"token alleen-lezen", std::nullopt, true}};
  for (Role role : accounts::kAllRoles) callers.push_back({std::string(accounts::RoleCode(role)), role});
  int checked = 0;
  for (const http::Route& route : router_->routes()) {
    for (const Caller& caller : callers) {
      Decision expected = accounts::Decide(PrincipalFor(caller), route.options.permission);
      http::Response response = Call(route, caller);
      std::string what = std::string(http::MethodName(route.method)) + " " + route.pattern + " as " + caller.name +
                         " -> " + std::to_string(response.status);
      if (expected == Decision::kAllow) {
        EXPECT_FALSE(Refused(response)) << what << " was refused but the matrix allows it";
      } else {
        EXPECT_TRUE(Refused(response)) << what << " was not refused but the matrix denies it";
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(PermissionMatrixTest, AnonymousWritesAreRefusedOnEveryWriteRoute) {
  for (const http::Route& route : router_->routes()) {
    if (route.method == http::Method::kGet || route.options.permission == "session.manage") continue;
    http::Response response = Call(route, {"anoniem", std::nullopt});
    EXPECT_TRUE(response.status == 401 || response.status == 403) << route.pattern << " -> " << response.status;
  }
}

}  // namespace
}  // namespace stadshart::app
