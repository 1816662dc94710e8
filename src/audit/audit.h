// The audit trail: every create, update and delete, with who, when, from where, and the record before and
// after (JSON text). Append-only: this module has no update or delete, and the table's triggers refuse them.
// Writes take the caller's connection so the audit row is part of the same transaction as the change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection.h"

namespace stadshart::audit {

// Who made a change and through what: "page", "api" or "cli".
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string label;  // e.g. "anna@example.org", "token 3 van anna@example.org", "systeem"
  std::string via;

  static Actor System() { return {std::nullopt, "systeem", "cli"}; }
};

struct Entry {
  std::int64_t id = 0;
  std::string at;  // UTC instant
  std::optional<std::int64_t> actor_user_id;
  std::string actor;
  std::string via;
  std::string entity_type;
  std::string entity_id;
  std::string operation;    // "create" | "update" | "delete"
  std::string before_json;  // empty for create
  std::string after_json;   // empty for delete
};

struct Filter {
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> actor;  // substring of the actor label
  std::optional<std::string> from;   // UTC instant or date, inclusive
  std::optional<std::string> to;     // exclusive
  int limit = 500;
};

// Appends one row. `at` is the UTC instant (FormatUtc).
void Record(storage::Connection& connection, const Actor& actor, const std::string& at, const std::string& entity_type,
            const std::string& entity_id, const std::string& operation, const std::string& before_json,
            const std::string& after_json);

// Newest first.
std::vector<Entry> List(storage::Connection& connection, const Filter& filter);

}  // namespace stadshart::audit
