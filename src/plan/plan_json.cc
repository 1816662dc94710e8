#include "plan/plan_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/text.h"

namespace stadshart::plan {

using nlohmann::json;

json ToJson(const Progress& progress) {
  return {{"total", progress.total},     {"gepland", progress.planned},     {"lopend", progress.ongoing},
          {"gereed", progress.done},     {"vervallen", progress.dropped}, {"percent_done", progress.PercentDone()}};
}

json ToJson(const Action& action) {
  json subs = json::array();
  for (const SubAction& sub : action.sub_actions) subs.push_back({{"id", sub.id}, {"title", sub.title}});
  json out = {{"id", action.id},
              {"plan_year", action.plan_year},
              {"chapter", action.chapter_code},
              {"number", action.chapter_code + "." + std::to_string(action.position)},
              {"title", action.title},
              {"owners", action.owners},
              {"status", StatusCode(action.status)},
              {"priority", action.priority},
              {"thematafel", action.thematafel},
              {"sub_actions", std::move(subs)},
              {"carried_from", action.carried_from ? json(*action.carried_from) : json(nullptr)},
              {"version", action.version},
              {"updated_at", action.updated_at}};
  if (!action.priority_reason.empty()) out["priority_reason"] = action.priority_reason;
  if (!action.note.empty()) out["note"] = action.note;
  return out;
}

json ToJson(const Plan& plan) {
  json chapters = json::array();
  for (const Chapter& chapter : plan.chapters) {
    json points = json::array();
    for (const KeyPoint& point : chapter.key_points) points.push_back({{"id", point.id}, {"text", point.text}});
    json actions = json::array();
    for (const Action& action : chapter.actions) actions.push_back(ToJson(action));
    chapters.push_back({{"code", chapter.code},
                        {"title", chapter.title},
                        {"heading", chapter.heading},
                        {"intro", chapter.intro},
                        {"thematafel", chapter.thematafel},
                        {"progress", ToJson(ProgressOf(chapter.actions))},
                        {"key_points", std::move(points)},
                        {"actions", std::move(actions)}});
  }
  return {{"year", plan.year},
          {"title", plan.title},
          {"source", plan.source},
          {"progress", ToJson(ProgressOf(plan))},
          {"chapters", std::move(chapters)}};
}

json ToJson(const PlanSummary& summary) {
  return {{"year", summary.year}, {"title", summary.title}, {"actions", summary.actions}, {"done", summary.done}};
}

json ToJson(const ProgressUpdate& update) {
  return {{"id", update.id},
          {"action_id", update.action_id},
          {"plan_year", update.plan_year},
          {"date", update.date},
          {"text", update.text},
          {"status", update.status ? json(StatusCode(*update.status)) : json(nullptr)},
          {"recorded_at", update.recorded_at}};
}

json ToJson(const Goal& goal) {
  return {{"code", goal.code},
          {"name", goal.name},
          {"unit", goal.unit},
          {"baseline", goal.baseline ? json(*goal.baseline) : json(nullptr)},
          {"target", goal.target},
          {"direction", goal.direction},
          {"comparator", goal.comparator},
          {"target_year", goal.target_year ? json(*goal.target_year) : json(nullptr)},
          {"text", goal.text},
          {"source", goal.source}};
}

namespace {

// Collects problems with their place in the document.
class Reader {
 public:
  std::vector<FieldError> errors;

  std::string String(const json& object, const char* key, const std::string& where, bool required = true) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Problem(where + "." + key, "ontbreekt");
      return {};
    }
    if (!it->is_string()) {
      Problem(where + "." + key, "moet tekst zijn");
      return {};
    }
    const auto& value = it->get_ref<const std::string&>();
    if (!text::IsValidUtf8(value)) Problem(where + "." + key, "bevat ongeldige tekens");
    if (required && text::Trim(value).empty()) Problem(where + "." + key, "is leeg");
    return value;
  }

  // A list item that is either a plain string or an object with `key` ("text" or "title").
  std::string Item(const json& item, const char* key, const std::string& where) {
    if (item.is_string()) return String(json{{key, item}}, key, where);
    if (item.is_object()) return String(item, key, where);
    Problem(where, "moet tekst of een object zijn");
    return {};
  }

  const json& Array(const json& object, const char* key, const std::string& where) {
    static const json kEmpty = json::array();
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) {
      Problem(where + "." + key, "moet een lijst zijn");
      return kEmpty;
    }
    return *it;
  }

  void Problem(const std::string& where, const std::string& what) { errors.push_back({where, where + ": " + what}); }
};

std::optional<double> OptionalNumber(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

}  // namespace

Result<ImportedPlan> PlanFromJson(const json& doc) {
  Reader r;
  ImportedPlan out;
  if (!doc.is_object()) return Error::Invalid({{"plan", "Het bestand is geen JSON-object met een jaarplan."}});
  auto year = doc.find("year");
  if (year == doc.end() || !year->is_number_integer() || *year < 2000 || *year > 2100) {
    r.Problem("year", "moet een jaartal tussen 2000 en 2100 zijn");
  } else {
    out.plan.year = year->get<int>();
  }
  out.plan.title = r.String(doc, "title", "plan");
  out.plan.source = r.String(doc, "source", "plan", false);

  const json& chapters = r.Array(doc, "chapters", "plan");
  if (chapters.empty()) r.Problem("chapters", "het plan heeft geen hoofdstukken");
  for (size_t i = 0; i < chapters.size(); ++i) {
    std::string where = "chapters[" + std::to_string(i) + "]";
    const json& c = chapters[i];
    if (!c.is_object()) {
      r.Problem(where, "moet een object zijn");
      continue;
    }
    Chapter chapter;
    chapter.code = r.String(c, "code", where);
    if (std::find(std::begin(kChapterCodes), std::end(kChapterCodes), chapter.code) == std::end(kChapterCodes)) {
      r.Problem(where + ".code", "moet A, B, C, D, E, F of J zijn");
    }
    for (const Chapter& earlier : out.plan.chapters) {
      if (earlier.code == chapter.code) r.Problem(where + ".code", "komt twee keer voor");
    }
    chapter.title = r.String(c, "title", where);
    chapter.heading = r.String(c, "heading", where, false);
    if (chapter.heading.empty()) chapter.heading = chapter.title;
    chapter.intro = r.String(c, "intro", where, false);
    chapter.thematafel = r.String(c, "thematafel", where, false);
    const json& points = r.Array(c, "key_points", where);
    for (size_t k = 0; k < points.size(); ++k) {
      chapter.key_points.push_back({0, r.Item(points[k], "text", where + ".key_points[" + std::to_string(k) + "]")});
    }
    const json& actions = r.Array(c, "actions", where);
    for (size_t a = 0; a < actions.size(); ++a) {
      std::string at = where + ".actions[" + std::to_string(a) + "]";
      const json& j = actions[a];
      if (!j.is_object()) {
        r.Problem(at, "moet een object zijn");
        continue;
      }
      Action action;
      action.chapter_code = chapter.code;
      action.title = r.String(j, "title", at);
      if (action.title.size() > kMaxTitleLength) r.Problem(at + ".title", "is te lang");
      std::string status = r.String(j, "status", at, false);
      if (!status.empty()) {
        if (auto parsed = ParseStatus(status)) {
          action.status = *parsed;
        } else {
          r.Problem(at + ".status", "moet gepland, lopend, gereed of vervallen zijn");
        }
      }
      if (auto p = j.find("priority"); p != j.end() && !p->is_null()) {
        if (p->is_boolean()) {
          action.priority = p->get<bool>();
        } else {
          r.Problem(at + ".priority", "moet true of false zijn");
        }
      }
      action.priority_reason = r.String(j, "priority_reason", at, false);
      action.note = r.String(j, "note", at, false);
      action.thematafel = r.String(j, "thematafel", at, false);
      if (action.thematafel.empty()) action.thematafel = chapter.thematafel;
      const json& owners = r.Array(j, "owners", at);
      for (size_t o = 0; o < owners.size(); ++o) {
        action.owners.push_back(r.Item(owners[o], "name", at + ".owners[" + std::to_string(o) + "]"));
      }
      const json& subs = r.Array(j, "sub_actions", at);
      for (size_t s = 0; s < subs.size(); ++s) {
        action.sub_actions.push_back({0, r.Item(subs[s], "title", at + ".sub_actions[" + std::to_string(s) + "]")});
      }
      chapter.actions.push_back(std::move(action));
    }
    out.plan.chapters.push_back(std::move(chapter));
  }

  const json& goals = r.Array(doc, "goals", "plan");
  for (size_t g = 0; g < goals.size(); ++g) {
    std::string where = "goals[" + std::to_string(g) + "]";
    const json& j = goals[g];
    if (!j.is_object()) {
      r.Problem(where, "moet een object zijn");
      continue;
    }
    Goal goal;
    goal.code = r.String(j, "code", where);
    goal.name = r.String(j, "name", where);
    goal.unit = r.String(j, "unit", where);
    goal.baseline = OptionalNumber(j, "baseline");
    auto target = OptionalNumber(j, "target");
    if (!target) r.Problem(where + ".target", "moet een getal zijn");
    goal.target = target.value_or(0);
    goal.direction = r.String(j, "direction", where);
    if (goal.direction != "higher" && goal.direction != "lower") r.Problem(where + ".direction", "moet higher of lower zijn");
    goal.comparator = r.String(j, "comparator", where);
    if (auto ty = j.find("target_year"); ty != j.end() && ty->is_number_integer()) goal.target_year = ty->get<int>();
    goal.text = r.String(j, "text", where);
    goal.source = r.String(j, "baseline_source", where, false);
    if (goal.source.empty()) goal.source = r.String(j, "source", where, false);
    out.goals.push_back(std::move(goal));
  }

  if (!r.errors.empty()) return Error::Invalid(std::move(r.errors));
  return out;
}

}  // namespace stadshart::plan
