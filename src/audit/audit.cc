#include "audit/audit.h"

namespace stadshart::audit {
namespace {

constexpr const char* kInsert =
    "INSERT INTO audit_log (at, actor_user_id, actor, via, entity_type, entity_id, operation, before_json,"
    " after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kList =
    "SELECT id, at, actor_user_id, actor, via, entity_type, entity_id, operation, before_json, after_json"
    " FROM audit_log"
    " WHERE (CAST(?1 AS TEXT) IS NULL OR entity_type = ?1) AND (CAST(?2 AS TEXT) IS NULL OR entity_id = ?2)"
    "   AND (CAST(?3 AS TEXT) IS NULL OR lower(actor) LIKE '%' || lower(?3) || '%')"
    "   AND (CAST(?4 AS TEXT) IS NULL OR at >= ?4) AND (CAST(?5 AS TEXT) IS NULL OR at < ?5)"
    " ORDER BY id DESC LIMIT ?6";

}  // namespace

void Record(storage::Connection& c, const Actor& actor, const std::string& at, const std::string& entity_type,
            const std::string& entity_id, const std::string& operation, const std::string& before_json,
            const std::string& after_json) {
  auto statement = c.Prepare(kInsert);
  statement.Bind(1, at).Bind(2, actor.user_id).Bind(3, actor.label).Bind(4, actor.via).Bind(5, entity_type);
  statement.Bind(6, entity_id).Bind(7, operation);
  if (before_json.empty()) {
    statement.BindNull(8);
  } else {
    statement.Bind(8, before_json);
  }
  if (after_json.empty()) {
    statement.BindNull(9);
  } else {
    statement.Bind(9, after_json);
  }
  statement.Run();
}

std::vector<Entry> List(storage::Connection& c, const Filter& filter) {
  auto row = c.Prepare(kList);
  row.Bind(1, filter.entity_type).Bind(2, filter.entity_id).Bind(3, filter.actor).Bind(4, filter.from);
  row.Bind(5, filter.to).Bind(6, filter.limit);
  std::vector<Entry> entries;
  while (row.Step()) {
    entries.push_back({row.Int(0), row.Text(1), row.OptionalInt(2), row.Text(3), row.Text(4), row.Text(5),
                       row.Text(6), row.Text(7), row.Text(8), row.Text(9)});
  }
  return entries;
}

}  // namespace stadshart::audit
