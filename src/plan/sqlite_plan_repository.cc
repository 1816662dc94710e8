#include "plan/sqlite_plan_repository.h"

#include <map>
#include <nlohmann/json.hpp>

#include "plan/plan_json.h"

namespace stadshart::plan {
namespace {

using storage::Connection;
using storage::Statement;
using storage::Transaction;

constexpr const char* kListPlans =
    "SELECT p.year, p.title,"
    " (SELECT count(*) FROM actions a JOIN chapters c ON c.id = a.chapter_id WHERE c.plan_year = p.year),"
    " (SELECT count(*) FROM actions a JOIN chapters c ON c.id = a.chapter_id"
    "   WHERE c.plan_year = p.year AND a.status = 'gereed')"
    " FROM plans p ORDER BY p.year";
constexpr const char* kGetPlan = "SELECT year, title, source FROM plans WHERE year = ?1";
constexpr const char* kGetChapters =
    "SELECT id, code, title, heading, intro, thematafel FROM chapters WHERE plan_year = ?1 ORDER BY position";
constexpr const char* kGetKeyPoints =
    "SELECT k.id, c.code, k.text FROM key_points k JOIN chapters c ON c.id = k.chapter_id"
    " WHERE c.plan_year = ?1 ORDER BY c.position, k.position";

// Columns of an action, in the order ReadAction expects; `a` is actions, `c` chapters.
#define ACTION_COLUMNS                                                                                       \
  "a.id, c.plan_year, c.code, a.position, a.title, a.status, a.priority, a.priority_reason, a.thematafel, " \
  "a.note, a.carried_from, a.version, a.updated_at"
constexpr const char* kGetActionsOfPlan = "SELECT " ACTION_COLUMNS
                                          " FROM actions a JOIN chapters c ON c.id = a.chapter_id"
                                          " WHERE c.plan_year = ?1 ORDER BY c.position, a.position";
constexpr const char* kGetAction =
    "SELECT " ACTION_COLUMNS " FROM actions a JOIN chapters c ON c.id = a.chapter_id WHERE a.id = ?1";
constexpr const char* kGetOwnersOfPlan =
    "SELECT o.action_id, o.owner FROM action_owners o JOIN actions a ON a.id = o.action_id"
    " JOIN chapters c ON c.id = a.chapter_id WHERE c.plan_year = ?1 ORDER BY o.action_id, o.position";
constexpr const char* kGetSubActionsOfPlan =
    "SELECT s.action_id, s.id, s.title FROM sub_actions s JOIN actions a ON a.id = s.action_id"
    " JOIN chapters c ON c.id = a.chapter_id WHERE c.plan_year = ?1 ORDER BY s.action_id, s.position";
constexpr const char* kGetOwners = "SELECT owner FROM action_owners WHERE action_id = ?1 ORDER BY position";
constexpr const char* kGetSubActions = "SELECT id, title FROM sub_actions WHERE action_id = ?1 ORDER BY position";

// The action and everything it was carried from, walking back through earlier years.
constexpr const char* kHistory =
    "WITH RECURSIVE line(id, from_id) AS ("
    "  SELECT id, carried_from FROM actions WHERE id = ?1"
    "  UNION ALL SELECT a.id, a.carried_from FROM actions a JOIN line ON a.id = line.from_id)"
    " SELECT u.id, u.action_id, c.plan_year, u.date, u.text, u.status, u.recorded_at"
    " FROM action_updates u JOIN line ON u.action_id = line.id"
    " JOIN actions a ON a.id = u.action_id JOIN chapters c ON c.id = a.chapter_id"
    " ORDER BY u.date DESC, u.id DESC";
constexpr const char* kAncestors =
    "WITH RECURSIVE back(id, from_id, depth) AS ("
    "  SELECT id, carried_from, 0 FROM actions WHERE id = ?1"
    "  UNION ALL SELECT a.id, a.carried_from, back.depth + 1 FROM actions a JOIN back ON a.id = back.from_id),"
    " forward(id, depth) AS ("
    "  SELECT id, 0 FROM actions WHERE id = ?1"
    "  UNION ALL SELECT a.id, forward.depth - 1 FROM actions a JOIN forward ON a.carried_from = forward.id)"
    " SELECT id FROM (SELECT id, depth FROM back UNION SELECT id, depth FROM forward) AS lineage"
    " WHERE id <> ?1 ORDER BY depth DESC";

constexpr const char* kGetGoals =
    "SELECT code, name, unit, baseline, target, direction, comparator, target_year, text, source"
    " FROM goals ORDER BY position";

constexpr const char* kUpdateAction =
    "UPDATE actions SET title = ?1, status = ?2, priority = ?3, thematafel = ?4, version = version + 1,"
    " updated_at = ?5 WHERE id = ?6 AND version = ?7";
constexpr const char* kDeleteOwners = "DELETE FROM action_owners WHERE action_id = ?1";
constexpr const char* kInsertOwner = "INSERT INTO action_owners (action_id, position, owner) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertUpdate =
    "INSERT INTO action_updates (action_id, date, text, status, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr const char* kPlanExists = "SELECT 1 FROM plans WHERE year = ?1";
constexpr const char* kInsertPlan = "INSERT INTO plans (year, title, source, created_at) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kInsertChapter =
    "INSERT INTO chapters (plan_year, code, position, title, heading, intro, thematafel)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kChapterId = "SELECT id FROM chapters WHERE plan_year = ?1 AND code = ?2";
constexpr const char* kInsertKeyPoint = "INSERT INTO key_points (chapter_id, position, text) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertAction =
    "INSERT INTO actions (chapter_id, position, title, status, priority, priority_reason, thematafel, note,"
    " carried_from, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kInsertSubAction = "INSERT INTO sub_actions (action_id, position, title) VALUES (?1, ?2, ?3)";
constexpr const char* kNextActionPosition = "SELECT coalesce(max(position), 0) + 1 FROM actions WHERE chapter_id = ?1";
constexpr const char* kIsCarried = "SELECT 1 FROM actions WHERE carried_from = ?1";
constexpr const char* kInsertGoal =
    "INSERT INTO goals (code, position, name, unit, baseline, target, direction, comparator, target_year,"
    " text, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (code) DO UPDATE SET position = excluded.position, name = excluded.name, unit = excluded.unit,"
    " baseline = excluded.baseline, target = excluded.target, direction = excluded.direction,"
    " comparator = excluded.comparator, target_year = excluded.target_year, text = excluded.text,"
    " source = excluded.source";
constexpr const char* kHasData = "SELECT EXISTS (SELECT 1 FROM plans)";

Action ReadAction(const Statement& row) {
  Action action;
  action.id = row.Int(0);
  action.plan_year = static_cast<int>(row.Int(1));
  action.chapter_code = row.Text(2);
  action.position = static_cast<int>(row.Int(3));
  action.title = row.Text(4);
  action.status = ParseStatus(row.Text(5)).value_or(ActionStatus::kPlanned);
  action.priority = row.Int(6) != 0;
  action.priority_reason = row.Text(7);
  action.thematafel = row.Text(8);
  action.note = row.Text(9);
  action.carried_from = row.OptionalInt(10);
  action.version = row.Int(11);
  action.updated_at = row.Text(12);
  return action;
}

std::optional<Action> LoadAction(Connection& c, std::int64_t id) {
  auto row = c.Prepare(kGetAction);
  row.Bind(1, id);
  if (!row.Step()) return std::nullopt;
  Action action = ReadAction(row);
  auto owners = c.Prepare(kGetOwners);
  owners.Bind(1, id);
  while (owners.Step()) action.owners.push_back(owners.Text(0));
  auto subs = c.Prepare(kGetSubActions);
  subs.Bind(1, id);
  while (subs.Step()) action.sub_actions.push_back({subs.Int(0), subs.Text(1)});
  return action;
}

void WriteOwners(Connection& c, std::int64_t action_id, const std::vector<std::string>& owners) {
  c.Prepare(kDeleteOwners).Bind(1, action_id).Run();
  for (size_t i = 0; i < owners.size(); ++i) {
    c.Prepare(kInsertOwner).Bind(1, action_id).Bind(2, static_cast<int>(i + 1)).Bind(3, owners[i]).Run();
  }
}

// Inserts the action (and its owners and sub-actions) into the chapter; returns the new id.
std::int64_t InsertAction(Connection& c, std::int64_t chapter_id, int position, const Action& action,
                          std::optional<std::int64_t> carried_from, const std::string& now) {
  c.Prepare(kInsertAction)
      .Bind(1, chapter_id)
      .Bind(2, position)
      .Bind(3, action.title)
      .Bind(4, StatusCode(action.status))
      .Bind(5, action.priority)
      .Bind(6, action.priority_reason)
      .Bind(7, action.thematafel)
      .Bind(8, action.note)
      .Bind(9, carried_from)
      .Bind(10, now)
      .Run();
  std::int64_t id = c.LastInsertId();
  WriteOwners(c, id, action.owners);
  for (size_t i = 0; i < action.sub_actions.size(); ++i) {
    c.Prepare(kInsertSubAction).Bind(1, id).Bind(2, static_cast<int>(i + 1)).Bind(3, action.sub_actions[i].title).Run();
  }
  return id;
}

// Inserts the plan row and its chapters with key points; returns chapter ids by code.
std::map<std::string, std::int64_t> InsertPlanShell(Connection& c, const Plan& plan, const std::string& now) {
  c.Prepare(kInsertPlan).Bind(1, plan.year).Bind(2, plan.title).Bind(3, plan.source).Bind(4, now).Run();
  std::map<std::string, std::int64_t> ids;
  for (size_t i = 0; i < plan.chapters.size(); ++i) {
    const Chapter& chapter = plan.chapters[i];
    c.Prepare(kInsertChapter)
        .Bind(1, plan.year)
        .Bind(2, chapter.code)
        .Bind(3, static_cast<int>(i + 1))
        .Bind(4, chapter.title)
        .Bind(5, chapter.heading)
        .Bind(6, chapter.intro)
        .Bind(7, chapter.thematafel)
        .Run();
    std::int64_t chapter_id = c.LastInsertId();
    ids[chapter.code] = chapter_id;
    for (size_t k = 0; k < chapter.key_points.size(); ++k) {
      c.Prepare(kInsertKeyPoint).Bind(1, chapter_id).Bind(2, static_cast<int>(k + 1)).Bind(3, chapter.key_points[k].text).Run();
    }
  }
  return ids;
}

std::optional<Plan> LoadPlan(Connection& c, int year) {
  auto head = c.Prepare(kGetPlan);
  head.Bind(1, year);
  if (!head.Step()) return std::nullopt;
  Plan plan{static_cast<int>(head.Int(0)), head.Text(1), head.Text(2), {}};

  std::map<std::string, size_t> chapter_index;
  auto chapters = c.Prepare(kGetChapters);
  chapters.Bind(1, year);
  while (chapters.Step()) {
    chapter_index[chapters.Text(1)] = plan.chapters.size();
    plan.chapters.push_back({chapters.Text(1), chapters.Text(2), chapters.Text(3), chapters.Text(4),
                             chapters.Text(5), {}, {}});
  }
  auto points = c.Prepare(kGetKeyPoints);
  points.Bind(1, year);
  while (points.Step()) plan.chapters[chapter_index.at(points.Text(1))].key_points.push_back({points.Int(0), points.Text(2)});

  std::map<std::int64_t, Action*> by_id;
  auto actions = c.Prepare(kGetActionsOfPlan);
  actions.Bind(1, year);
  while (actions.Step()) {
    Action action = ReadAction(actions);
    auto& list = plan.chapters[chapter_index.at(action.chapter_code)].actions;
    list.push_back(std::move(action));
  }
  for (Chapter& chapter : plan.chapters) {
    for (Action& action : chapter.actions) by_id[action.id] = &action;
  }
  auto owners = c.Prepare(kGetOwnersOfPlan);
  owners.Bind(1, year);
  while (owners.Step()) by_id.at(owners.Int(0))->owners.push_back(owners.Text(1));
  auto subs = c.Prepare(kGetSubActionsOfPlan);
  subs.Bind(1, year);
  while (subs.Step()) by_id.at(subs.Int(0))->sub_actions.push_back({subs.Int(1), subs.Text(2)});
  return plan;
}

}  // namespace

std::vector<PlanSummary> SqlitePlanRepository::ListPlans() {
  return db_.With([](Connection& c) {
    std::vector<PlanSummary> plans;
    auto row = c.Prepare(kListPlans);
    while (row.Step()) {
      plans.push_back({static_cast<int>(row.Int(0)), row.Text(1), static_cast<int>(row.Int(2)),
                       static_cast<int>(row.Int(3))});
    }
    return plans;
  });
}

std::optional<Plan> SqlitePlanRepository::GetPlan(int year) {
  return db_.With([&](Connection& c) { return LoadPlan(c, year); });
}

std::optional<Action> SqlitePlanRepository::GetAction(std::int64_t id) {
  return db_.With([&](Connection& c) { return LoadAction(c, id); });
}

std::vector<ProgressUpdate> SqlitePlanRepository::History(std::int64_t action_id) {
  return db_.With([&](Connection& c) {
    std::vector<ProgressUpdate> updates;
    auto row = c.Prepare(kHistory);
    row.Bind(1, action_id);
    while (row.Step()) {
      ProgressUpdate update;
      update.id = row.Int(0);
      update.action_id = row.Int(1);
      update.plan_year = static_cast<int>(row.Int(2));
      update.date = row.Text(3);
      update.text = row.Text(4);
      if (!row.IsNull(5)) update.status = ParseStatus(row.Text(5));
      update.recorded_at = row.Text(6);
      updates.push_back(std::move(update));
    }
    return updates;
  });
}

std::vector<Action> SqlitePlanRepository::Lineage(std::int64_t action_id) {
  return db_.With([&](Connection& c) {
    std::vector<std::int64_t> ids;
    auto row = c.Prepare(kAncestors);
    row.Bind(1, action_id);
    while (row.Step()) ids.push_back(row.Int(0));
    std::vector<Action> line;
    for (std::int64_t id : ids) {
      if (auto action = LoadAction(c, id)) line.push_back(std::move(*action));
    }
    return line;
  });
}

std::vector<Goal> SqlitePlanRepository::Goals() {
  return db_.With([](Connection& c) {
    std::vector<Goal> goals;
    auto row = c.Prepare(kGetGoals);
    while (row.Step()) {
      Goal goal;
      goal.code = row.Text(0);
      goal.name = row.Text(1);
      goal.unit = row.Text(2);
      if (!row.IsNull(3)) goal.baseline = row.Real(3);
      goal.target = row.Real(4);
      goal.direction = row.Text(5);
      goal.comparator = row.Text(6);
      if (!row.IsNull(7)) goal.target_year = static_cast<int>(row.Int(7));
      goal.text = row.Text(8);
      goal.source = row.Text(9);
      goals.push_back(std::move(goal));
    }
    return goals;
  });
}

std::vector<audit::Entry> SqlitePlanRepository::ChangeHistory(std::int64_t action_id) {
  return db_.With([&](Connection& c) {
    return audit::List(c, {.entity_type = "action", .entity_id = std::to_string(action_id)});
  });
}

Result<Action> SqlitePlanRepository::UpdateAction(std::int64_t id, const ActionEdit& edit,
                                                  std::int64_t expected_version, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Action> {
    Transaction transaction(c);
    auto current = LoadAction(c, id);
    if (!current) return Error::NotFound("Actie " + std::to_string(id) + " bestaat niet.");
    if (current->version != expected_version) {
      return Error::Conflict("Iemand anders heeft deze actie intussen gewijzigd (versie " +
                             std::to_string(current->version) + "); uw wijziging is niet opgeslagen.");
    }
    Action next = Apply(*current, edit);
    c.Prepare(kUpdateAction)
        .Bind(1, next.title)
        .Bind(2, StatusCode(next.status))
        .Bind(3, next.priority)
        .Bind(4, next.thematafel)
        .Bind(5, now)
        .Bind(6, id)
        .Bind(7, expected_version)
        .Run();
    // Another transaction may have raised the version after the check above (PostgreSQL's READ COMMITTED: the
    // UPDATE waited for its row lock and then found no row of that version); then nothing is written.
    if (c.Changes() == 0) {
      return Error::Conflict("Iemand anders heeft deze actie intussen gewijzigd; uw wijziging is niet opgeslagen.");
    }
    if (edit.owners) WriteOwners(c, id, *edit.owners);
    auto stored = LoadAction(c, id);
    audit::Record(c, actor, now, "action", std::to_string(id), "update", ToJson(*current).dump(), ToJson(*stored).dump());
    transaction.Commit();
    return *stored;
  });
}

Result<ProgressUpdate> SqlitePlanRepository::AddUpdate(std::int64_t action_id, const ValidProgressUpdate& update,
                                                       std::optional<std::int64_t> expected_version,
                                                       const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<ProgressUpdate> {
    Transaction transaction(c);
    auto current = LoadAction(c, action_id);
    if (!current) return Error::NotFound("Actie " + std::to_string(action_id) + " bestaat niet.");
    if (update.status && *update.status != current->status) {
      if (expected_version && *expected_version != current->version) {
        return Error::Conflict("Iemand anders heeft deze actie intussen gewijzigd; de status is niet aangepast en "
                               "het bericht is niet opgeslagen.");
      }
      c.Prepare(kUpdateAction)
          .Bind(1, current->title)
          .Bind(2, StatusCode(*update.status))
          .Bind(3, current->priority)
          .Bind(4, current->thematafel)
          .Bind(5, now)
          .Bind(6, action_id)
          .Bind(7, current->version)
          .Run();
      if (c.Changes() == 0) {  // changed by another transaction since it was read (see UpdateAction)
        return Error::Conflict("Iemand anders heeft deze actie intussen gewijzigd; de status is niet aangepast en "
                               "het bericht is niet opgeslagen.");
      }
    }
    std::optional<std::string> status;
    if (update.status) status = std::string(StatusCode(*update.status));
    c.Prepare(kInsertUpdate).Bind(1, action_id).Bind(2, update.date).Bind(3, update.text).Bind(4, status).Bind(5, now).Run();
    ProgressUpdate stored{c.LastInsertId(), action_id, current->plan_year, update.date, update.text, update.status, now};
    nlohmann::json after = ToJson(*LoadAction(c, action_id));
    after["progress_update"] = ToJson(stored);
    audit::Record(c, actor, now, "action", std::to_string(action_id), "update", ToJson(*current).dump(), after.dump());
    transaction.Commit();
    return stored;
  });
}

Result<RollOverReport> SqlitePlanRepository::RollOver(int from_year, const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<RollOverReport> {
    Transaction transaction(c);
    auto from = LoadPlan(c, from_year);
    if (!from) return Error::NotFound("Er is geen jaarplan " + std::to_string(from_year) + ".");
    RollOverReport report{from_year, from_year + 1};
    std::vector<std::int64_t> carried_ids;
    if (!c.Prepare(kPlanExists).Bind(1, report.to_year).Step()) {
      Plan shell = *from;
      shell.year = report.to_year;
      shell.title = "Jaarplan binnenstad " + std::to_string(report.to_year);
      shell.source = "Geactualiseerd uit jaarplan " + std::to_string(from_year);
      InsertPlanShell(c, shell, now);
      report.plan_created = true;
    }
    for (const Chapter& chapter : from->chapters) {
      auto chapter_row = c.Prepare(kChapterId);
      chapter_row.Bind(1, report.to_year).Bind(2, chapter.code);
      std::optional<std::int64_t> chapter_id;
      if (chapter_row.Step()) chapter_id = chapter_row.Int(0);
      for (const Action& action : chapter.actions) {
        if (!CarriesOver(action)) {
          ++report.finished;
          continue;
        }
        if (c.Prepare(kIsCarried).Bind(1, action.id).Step()) {
          ++report.already_carried;
          continue;
        }
        if (!chapter_id) {
          Chapter copy = chapter;
          c.Prepare(kInsertChapter)
              .Bind(1, report.to_year)
              .Bind(2, copy.code)
              .Bind(3, 100)
              .Bind(4, copy.title)
              .Bind(5, copy.heading)
              .Bind(6, copy.intro)
              .Bind(7, copy.thematafel)
              .Run();
          chapter_id = c.LastInsertId();
        }
        auto next_position = c.Prepare(kNextActionPosition);
        next_position.Bind(1, *chapter_id).Step();
        carried_ids.push_back(
            InsertAction(c, *chapter_id, static_cast<int>(next_position.Int(0)), action, action.id, now));
        ++report.carried;
      }
    }
    if (report.plan_created || report.carried > 0) {
      nlohmann::json after = {{"year", report.to_year}, {"rolled_over_from", from_year}, {"carried_action_ids", carried_ids}};
      audit::Record(c, actor, now, "plan", std::to_string(report.to_year), report.plan_created ? "create" : "update",
                    "", after.dump());
    }
    transaction.Commit();
    return report;
  });
}

Result<Done> SqlitePlanRepository::ImportPlan(const Plan& plan, const std::vector<Goal>& goals,
                                              const audit::Actor& actor) {
  std::string now = FormatUtc(clock_.Now());
  return db_.With([&](Connection& c) -> Result<Done> {
    Transaction transaction(c);
    if (c.Prepare(kPlanExists).Bind(1, plan.year).Step()) {
      return Error::Conflict("Er is al een jaarplan " + std::to_string(plan.year) + ".");
    }
    auto chapter_ids = InsertPlanShell(c, plan, now);
    for (const Chapter& chapter : plan.chapters) {
      for (size_t i = 0; i < chapter.actions.size(); ++i) {
        InsertAction(c, chapter_ids.at(chapter.code), static_cast<int>(i + 1), chapter.actions[i], std::nullopt, now);
      }
    }
    for (size_t i = 0; i < goals.size(); ++i) {
      const Goal& g = goals[i];
      c.Prepare(kInsertGoal)
          .Bind(1, g.code)
          .Bind(2, static_cast<int>(i + 1))
          .Bind(3, g.name)
          .Bind(4, g.unit)
          .Bind(5, g.baseline)
          .Bind(6, g.target)
          .Bind(7, g.direction)
          .Bind(8, g.comparator)
          .Bind(9, g.target_year)
          .Bind(10, g.text)
          .Bind(11, g.source)
          .Run();
    }
    audit::Record(c, actor, now, "plan", std::to_string(plan.year), "create", "", ToJson(*LoadPlan(c, plan.year)).dump());
    transaction.Commit();
    return Done{};
  });
}

bool SqlitePlanRepository::HasData() {
  return db_.With([](Connection& c) {
    auto row = c.Prepare(kHasData);
    row.Step();
    return row.Int(0) != 0;
  });
}

}  // namespace stadshart::plan
