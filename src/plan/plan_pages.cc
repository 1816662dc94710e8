// HTML pages of the work plan: /werkplan, /werkplan/{year}, its chapters, print and CSV, and /acties/{id} with
// the edit and progress forms (post/redirect/get, CSRF-protected, errors next to the field).
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "audit/audit.h"
#include "common/csv.h"
#include "common/text.h"
#include "http/message.h"
#include "plan/plan_routes.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::plan {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

const char* BadgeClass(ActionStatus status) {
  switch (status) {
    case ActionStatus::kPlanned: return "utrecht-status-badge--neutral";
    case ActionStatus::kOngoing: return "utrecht-status-badge--warning";
    case ActionStatus::kDone: return "utrecht-status-badge--success";
    case ActionStatus::kDropped: return "utrecht-status-badge--inactive";
  }
  return "";
}

std::string PlanUrl(int year) { return "/werkplan/" + std::to_string(year); }
std::string ActionUrl(std::int64_t id) { return "/acties/" + std::to_string(id); }

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Paragraphs of an intro text (separated by blank lines).
json Paragraphs(const std::string& text) {
  json list = json::array();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    std::string paragraph = text::Trim(std::string_view(text).substr(start, end - start));
    if (!paragraph.empty()) list.push_back(paragraph);
    start = end + 2;
  }
  return list;
}

json ProgressView(const Progress& p) {
  int in_play = p.total - p.dropped;
  return {{"total", p.total},     {"planned", p.planned}, {"ongoing", p.ongoing},
          {"done", p.done},       {"dropped", p.dropped}, {"percent", p.PercentDone()},
          {"in_play", in_play}};
}

json ActionView(const Action& action) {
  json subs = json::array();
  for (const SubAction& sub : action.sub_actions) subs.push_back(sub.title);
  json view = {{"id", action.id},
          {"url", ActionUrl(action.id)},
          {"number", action.chapter_code + "." + std::to_string(action.position)},
          {"year", action.plan_year},
          {"title", action.title},
          {"owners", Join(action.owners, ", ")},
          {"has_owners", !action.owners.empty()},
          {"status", StatusCode(action.status)},
          {"status_label", StatusLabel(action.status)},
          {"badge", BadgeClass(action.status)},
          {"priority", action.priority},
          {"thematafel", action.thematafel},
          {"sub_actions", std::move(subs)},
          {"has_sub_actions", !action.sub_actions.empty()}};
  // Mustache treats an empty string as true in a section: leave empty texts out.
  if (!action.priority_reason.empty()) view["priority_reason"] = action.priority_reason;
  if (!action.note.empty()) view["note"] = action.note;
  return view;
}

json ChapterView(const Chapter& chapter, int year) {
  json actions = json::array();
  for (const Action& action : chapter.actions) actions.push_back(ActionView(action));
  json points = json::array();
  for (const KeyPoint& point : chapter.key_points) points.push_back(point.text);
  return {{"code", chapter.code},
          {"title", chapter.title},
          {"heading", chapter.heading},
          {"thematafel", chapter.thematafel},
          {"url", PlanUrl(year) + "/themalijn/" + chapter.code},
          {"intro", Paragraphs(chapter.intro)},
          {"key_points", std::move(points)},
          {"has_key_points", !chapter.key_points.empty()},
          {"actions", std::move(actions)},
          {"has_actions", !chapter.actions.empty()},
          {"progress", ProgressView(ProgressOf(chapter.actions))}};
}

json StatusOptions(std::optional<ActionStatus> selected) {
  json options = json::array();
  for (ActionStatus status : kAllStatuses) {
    options.push_back({{"value", StatusCode(status)}, {"label", StatusLabel(status)}, {"selected", selected == status}});
  }
  return options;
}

std::optional<int> YearParam(const Request& request) {
  long long year = 0;
  if (!text::ParseInt(request.Param("year"), year) || year < 2000 || year > 2100) return std::nullopt;
  return static_cast<int>(year);
}

std::optional<std::int64_t> IdParam(const Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return std::nullopt;
  return id;
}

Response NotFound(const Request& request, const std::string& what) {
  return web::MessagePage(request, 404, "Niet gevonden", what + " bestaat niet (meer). Kijk in het overzicht van het werkplan.");
}

Response CsrfRefused(const Request& request) {
  return web::MessagePage(request, 403, "Formulier verlopen",
                          "Dit formulier kon niet worden gecontroleerd (beveiligingscode ontbreekt of klopt niet). "
                          "Er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.");
}


std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// --- Pages ----------------------------------------------------------------------------------------------------

Response PlansPage(PlanRepository& repo, const Request& request) {
  web::CsrfToken token = web::CsrfFor(request);
  json plans = json::array();
  auto summaries = repo.ListPlans();
  for (const PlanSummary& s : summaries) {
    plans.push_back({{"year", s.year},
                     {"title", s.title},
                     {"url", PlanUrl(s.year)},
                     {"actions", s.actions},
                     {"done", s.done}});
  }
  json view = {{"plans", plans}, {"has_plans", !summaries.empty()}, {"csrf", token.value}};
  if (!summaries.empty() && accounts::Can(request, "plan.write")) {
    int latest = summaries.back().year;
    view["rollover"] = {{"from", latest}, {"to", latest + 1}, {"action", PlanUrl(latest) + "/actualiseren"}};
  }
  Response response = web::RenderPage(request, {"Werkplan", "/werkplan", {{"/", "Home"}}}, "plans", view);
  token.Attach(response);
  return response;
}

Response PlanPage(PlanRepository& repo, const Request& request) {
  auto year = YearParam(request);
  std::optional<Plan> plan;
  if (year) plan = repo.GetPlan(*year);
  if (!plan) return NotFound(request, "Jaarplan " + std::string(request.Param("year")));

  ActionFilter filter;
  std::string chapter_code(request.Query("themalijn").value_or(""));
  if (!chapter_code.empty()) filter.chapter = chapter_code;
  std::string owner(request.Query("actiehouder").value_or(""));
  if (!owner.empty()) filter.owner = owner;
  if (auto status = request.Query("status"); status && !status->empty()) {
    filter.status = ParseStatus(*status);
  }
  std::string priority(request.Query("prioriteit").value_or(""));
  if (priority == "ja") filter.priority = true;
  if (priority == "nee") filter.priority = false;

  Plan shown = Filtered(*plan, filter);
  json chapters = json::array();
  json summary = json::array();
  int matching = 0;
  for (size_t i = 0; i < plan->chapters.size(); ++i) {
    const Chapter& full = plan->chapters[i];
    summary.push_back({{"code", full.code},
                       {"title", full.title},
                       {"url", PlanUrl(plan->year) + "/themalijn/" + full.code},
                       {"progress", ProgressView(ProgressOf(full.actions))}});
    if (filter.chapter && *filter.chapter != full.code) continue;
    matching += static_cast<int>(shown.chapters[i].actions.size());
    chapters.push_back(ChapterView(shown.chapters[i], plan->year));
  }
  json chapter_options = json::array();
  for (const Chapter& c : plan->chapters) {
    chapter_options.push_back({{"value", c.code}, {"label", c.code + " " + c.title}, {"selected", filter.chapter == c.code}});
  }
  json owner_options = json::array();
  for (const std::string& o : Owners(*plan)) {
    owner_options.push_back({{"value", o}, {"label", o}, {"selected", filter.owner == o}});
  }
  json view = {{"year", plan->year},
               {"title", plan->title},
               {"source", plan->source},
               {"url", PlanUrl(plan->year)},
               {"progress", ProgressView(ProgressOf(*plan))},
               {"summary", summary},
               {"chapters", chapters},
               {"filtered", !filter.empty()},
               {"matching", matching},
               {"chapter_options", chapter_options},
               {"owner_options", owner_options},
               {"status_options", StatusOptions(filter.status)},
               {"priority_yes", priority == "ja"},
               {"priority_no", priority == "nee"}};
  if (auto carried = request.Query("overgenomen")) {
    view["rollover_notice"] = {{"carried", std::string(*carried)},
                               {"already", std::string(request.Query("al").value_or("0"))},
                               {"from", plan->year - 1}};
  }
  return web::RenderPage(request, {"Werkplan " + std::to_string(plan->year), "/werkplan", {{"/", "Home"}, {"/werkplan", "Werkplan"}}},
                         "plan", view);
}

Response ChapterPage(PlanRepository& repo, const Request& request) {
  auto year = YearParam(request);
  std::optional<Plan> plan;
  if (year) plan = repo.GetPlan(*year);
  if (!plan) return NotFound(request, "Jaarplan " + std::string(request.Param("year")));
  for (const Chapter& chapter : plan->chapters) {
    if (chapter.code != request.Param("code")) continue;
    json view = ChapterView(chapter, plan->year);
    view["year"] = plan->year;
    return web::RenderPage(request, {chapter.heading + " — werkplan " + std::to_string(plan->year), "/werkplan",
                            {{"/", "Home"}, {"/werkplan", "Werkplan"}, {PlanUrl(plan->year), std::to_string(plan->year)}}},
                           "chapter", view);
  }
  return NotFound(request, "Themalijn " + std::string(request.Param("code")));
}

Response PrintPage(PlanRepository& repo, const Request& request) {
  auto year = YearParam(request);
  std::optional<Plan> plan;
  if (year) plan = repo.GetPlan(*year);
  if (!plan) return NotFound(request, "Jaarplan " + std::string(request.Param("year")));
  json chapters = json::array();
  for (const Chapter& chapter : plan->chapters) chapters.push_back(ChapterView(chapter, plan->year));
  json view = {{"year", plan->year},
               {"title", plan->title},
               {"source", plan->source},
               {"url", PlanUrl(plan->year)},
               {"progress", ProgressView(ProgressOf(*plan))},
               {"chapters", chapters}};
  return web::RenderPage(request, {plan->title + " (afdrukversie)", "/werkplan",
                          {{"/", "Home"}, {"/werkplan", "Werkplan"}, {PlanUrl(plan->year), std::to_string(plan->year)}}},
                         "plan_print", view);
}

Response CsvExport(PlanRepository& repo, const Request& request) {
  auto year = YearParam(request);
  std::optional<Plan> plan;
  if (year) plan = repo.GetPlan(*year);
  if (!plan) return NotFound(request, "Jaarplan " + std::string(request.Param("year")));
  Response response;
  response.body = PlanCsv(*plan, repo);
  response.SetHeader("Content-Type", "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"werkplan-" + std::to_string(plan->year) + ".csv\"");
  return response;
}

// What changed in each audit entry of an action, field by field, for "Geschiedenis".
json ChangesView(const std::vector<audit::Entry>& entries) {
  static const std::pair<const char*, const char*> kFields[] = {
      {"title", "Omschrijving"}, {"status", "Status"},         {"priority", "Prioriteit"},
      {"owners", "Actiehouders"}, {"thematafel", "ThemaTafel"}};
  auto show = [](const json& value) -> std::string {
    if (value.is_null()) return "—";
    if (value.is_boolean()) return value.get<bool>() ? "ja" : "nee";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array()) {
      std::string out;
      for (const json& item : value) out += (out.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
      return out;
    }
    return value.dump();
  };
  json list = json::array();
  for (const audit::Entry& entry : entries) {
    json before = entry.before_json.empty() ? json::object() : json::parse(entry.before_json, nullptr, false);
    json after = entry.after_json.empty() ? json::object() : json::parse(entry.after_json, nullptr, false);
    json fields = json::array();
    for (const auto& [key, label] : kFields) {
      json b = before.is_object() ? before.value(key, json()) : json();
      json a = after.is_object() ? after.value(key, json()) : json();
      if (b != a) fields.push_back({{"label", label}, {"before", show(b)}, {"after", show(a)}});
    }
    std::string note;
    if (after.is_object() && after.contains("progress_update")) note = "Voortgangsbericht toegevoegd.";
    auto at = ParseUtc(entry.at);
    list.push_back({{"at", at ? AmsterdamDateTime(*at) : entry.at},
                    {"actor", entry.actor},
                    {"via", entry.via == "api" ? "API" : entry.via == "cli" ? "opdrachtregel" : "website"},
                    {"fields", fields},
                    {"has_fields", !fields.empty()},
                    {"note", note.empty() ? json(false) : json(note)}});
  }
  return {{"entries", list}, {"any", !list.empty()}};
}

// Values shown in the edit form: the stored action, or what the user sent when it was refused.
struct EditFormState {
  json errors = web::ErrorView({});
  std::optional<json> submitted;  // title, status, priority, thematafel, owners as typed
  std::optional<json> conflict;   // the stored version that beat the user's
  json update_errors = web::ErrorView({});
  std::optional<json> update_submitted;
  std::string notice;
};

Response ActionPage(PlanRepository& repo, const Clock& clock, const Request& request, std::int64_t id,
                    const EditFormState& state, int status) {
  auto action = repo.GetAction(id);
  if (!action) return NotFound(request, "Actie " + std::to_string(id));
  web::CsrfToken token = web::CsrfFor(request);
  json view = ActionView(*action);
  view["version"] = action->version;
  view["csrf"] = token.value;
  view["can_edit"] = accounts::Can(request, "plan.write");
  view["signed_in"] = !accounts::PrincipalOf(request).anonymous();
  view["login_url"] = "/login?terug=" + http::UrlEncode(ActionUrl(id));
  view["plan_url"] = PlanUrl(action->plan_year);
  view["updated_at"] = action->updated_at;
  view["today"] = AmsterdamDate(clock.Now());

  json form = {{"title", action->title},
               {"priority", action->priority},
               {"thematafel", action->thematafel},
               {"owners", Join(action->owners, "\n")}};
  std::optional<ActionStatus> form_status = action->status;
  if (state.submitted) {
    form = *state.submitted;
    form_status = ParseStatus(form.value("status", ""));
  }
  form["status_options"] = StatusOptions(form_status);
  view["form"] = form;
  view["errors"] = state.errors;
  if (state.conflict) view["conflict"] = *state.conflict;
  if (!state.notice.empty()) view["notice"] = state.notice;

  json update_form = {{"date", AmsterdamDate(clock.Now())}, {"text", ""}, {"status", ""}};
  if (state.update_submitted) update_form = *state.update_submitted;
  update_form["status_options"] = StatusOptions(ParseStatus(update_form.value("status", "")));
  view["update_form"] = update_form;
  view["update_errors"] = state.update_errors;

  json history = json::array();
  for (const ProgressUpdate& update : repo.History(id)) {
    // Every key is set, also when empty: a missing key in a mustache section falls back to the outer view
    // (the action's own status and year), which would mislabel the entry.
    json item = {{"date", DutchDate(update.date)}, {"iso_date", update.date}, {"text", update.text},
                 {"status_label", false}, {"year", false}};
    if (update.status) item["status_label"] = StatusLabel(*update.status);
    if (update.plan_year != action->plan_year) item["year"] = update.plan_year;
    history.push_back(std::move(item));
  }
  view["history"] = history;
  view["has_history"] = !history.empty();
  json lineage = json::array();
  for (const Action& other : repo.Lineage(id)) {
    lineage.push_back({{"url", ActionUrl(other.id)},
                       {"year", other.plan_year},
                       {"number", other.chapter_code + "." + std::to_string(other.position)},
                       {"status_label", StatusLabel(other.status)}});
  }
  view["lineage"] = lineage;
  view["has_lineage"] = !lineage.empty();
  if (accounts::Can(request, "audit.read")) view["changes"] = ChangesView(repo.ChangeHistory(id));

  std::string number = action->chapter_code + "." + std::to_string(action->position);
  Response response = web::RenderPage(request, 
      {"Actie " + number + " — werkplan " + std::to_string(action->plan_year), "/werkplan",
       {{"/", "Home"}, {"/werkplan", "Werkplan"}, {PlanUrl(action->plan_year), std::to_string(action->plan_year)},
        {PlanUrl(action->plan_year) + "/themalijn/" + action->chapter_code, "Themalijn " + action->chapter_code}},
       status},
      "action", view);
  token.Attach(response);
  return response;
}

Response SaveAction(PlanRepository& repo, const Clock& clock, const Request& request) {
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Actie " + std::string(request.Param("id")));
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);

  ActionEditInput input;
  input.title = http::FieldValue(form, "title");
  input.status = http::FieldValue(form, "status");
  input.priority = http::FieldValue(form, "priority") == "ja";
  input.thematafel = http::FieldValue(form, "thematafel");
  input.owners = Lines(http::FieldValue(form, "owners"));
  json submitted = {{"title", *input.title},
                    {"status", *input.status},
                    {"priority", *input.priority},
                    {"thematafel", *input.thematafel},
                    {"owners", http::FieldValue(form, "owners")}};

  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van de actie ontbreekt; er is niets opgeslagen.");
  }
  auto edit = ValidateEdit(input);
  if (!edit.ok()) {
    EditFormState state;
    state.errors = web::ErrorView(edit.error().field_errors);
    state.submitted = submitted;
    return ActionPage(repo, clock, request, *id, state, 422);
  }
  auto saved = repo.UpdateAction(*id, edit.value(), version, accounts::ActorOf(request));
  if (!saved.ok()) {
    if (saved.error().kind == ErrorKind::kNotFound) return NotFound(request, "Actie " + std::to_string(*id));
    EditFormState state;
    auto current = repo.GetAction(*id);
    if (current) {
      state.conflict = {{"message", saved.error().message},
                        {"mine", submitted},
                        {"theirs", {{"title", current->title},
                                    {"status", StatusLabel(current->status)},
                                    {"priority", current->priority},
                                    {"thematafel", current->thematafel},
                                    {"owners", Join(current->owners, ", ")}}}};
      state.conflict->at("mine")["status"] = std::string(StatusLabel(ParseStatus(*input.status).value_or(current->status)));
    }
    return ActionPage(repo, clock, request, *id, state, 409);
  }
  return Response::Redirect(ActionUrl(*id) + "?opgeslagen=1");
}

Response SaveProgress(PlanRepository& repo, const Clock& clock, const Request& request) {
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Actie " + std::string(request.Param("id")));
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  ProgressUpdateInput input{http::FieldValue(form, "date"), http::FieldValue(form, "text"), http::FieldValue(form, "status")};
  auto valid = ValidateUpdate(input, AmsterdamDate(clock.Now()));
  json submitted = {{"date", input.date}, {"text", input.text}, {"status", *input.status}};
  if (!valid.ok()) {
    EditFormState state;
    state.update_errors = web::ErrorView(valid.error().field_errors);
    state.update_submitted = submitted;
    return ActionPage(repo, clock, request, *id, state, 422);
  }
  long long version = 0;
  std::optional<std::int64_t> expected;
  if (text::ParseInt(http::FieldValue(form, "version"), version)) expected = version;
  auto stored = repo.AddUpdate(*id, valid.value(), expected, accounts::ActorOf(request));
  if (!stored.ok()) {
    if (stored.error().kind == ErrorKind::kNotFound) return NotFound(request, "Actie " + std::to_string(*id));
    EditFormState state;
    state.update_errors = web::ErrorView({{"status", stored.error().message}});
    state.update_submitted = submitted;
    return ActionPage(repo, clock, request, *id, state, 409);
  }
  return Response::Redirect(ActionUrl(*id) + "?voortgang=1#geschiedenis");
}

Response RollOverForm(PlanRepository& repo, const Request& request) {
  auto year = YearParam(request);
  if (!year) return NotFound(request, "Jaarplan " + std::string(request.Param("year")));
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  auto report = repo.RollOver(*year, accounts::ActorOf(request));
  if (!report.ok()) return NotFound(request, "Jaarplan " + std::to_string(*year));
  const RollOverReport& r = report.value();
  return Response::Redirect(PlanUrl(r.to_year) + "?overgenomen=" + std::to_string(r.carried) +
                            "&al=" + std::to_string(r.already_carried));
}

}  // namespace

std::string PlanCsv(const Plan& plan, PlanRepository& repo) {
  csv::Writer out;
  out.Row({"jaar", "nummer", "themalijn", "actie", "subacties", "actiehouders", "status", "prioriteit", "thematafel",
           "laatste voortgang (datum)", "laatste voortgang"});
  for (const Chapter& chapter : plan.chapters) {
    for (const Action& action : chapter.actions) {
      std::vector<std::string> subs;
      for (const SubAction& sub : action.sub_actions) subs.push_back("- " + sub.title);
      auto history = repo.History(action.id);
      out.Row({std::to_string(plan.year), chapter.code + "." + std::to_string(action.position), chapter.heading,
               action.title, Join(subs, "\n"), Join(action.owners, ", "), std::string(StatusCode(action.status)),
               action.priority ? "ja" : "nee", action.thematafel, history.empty() ? "" : history.front().date,
               history.empty() ? "" : history.front().text});
    }
  }
  return out.str();
}

void AddPlanPageRoutes(http::Router& router, PlanRepository& repo, const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  http::RouteOptions page{.permission = "public"};
  http::RouteOptions writes{.permission = "plan.write"};
  router.Add(Method::kGet, "/werkplan", [&repo](Request& r) { return PlansPage(repo, r); }, page);
  router.Add(Method::kGet, "/werkplan/{year}", [&repo](Request& r) { return PlanPage(repo, r); }, cached);
  router.Add(Method::kGet, "/werkplan/{year}/themalijn/{code}", [&repo](Request& r) { return ChapterPage(repo, r); },
             cached);
  router.Add(Method::kGet, "/werkplan/{year}/afdrukken", [&repo](Request& r) { return PrintPage(repo, r); }, cached);
  router.Add(Method::kGet, "/werkplan/{year}/export.csv", [&repo](Request& r) { return CsvExport(repo, r); }, cached);
  router.Add(Method::kPost, "/werkplan/{year}/actualiseren", [&repo](Request& r) { return RollOverForm(repo, r); },
             writes);
  router.Add(Method::kGet, "/acties/{id}", [&repo, &clock](Request& r) {
    auto id = IdParam(r);
    if (!id) return NotFound(r, "Actie " + std::string(r.Param("id")));
    EditFormState state;
    if (r.Query("opgeslagen")) state.notice = "De wijziging is opgeslagen.";
    if (r.Query("voortgang")) state.notice = "Het voortgangsbericht is toegevoegd.";
    return ActionPage(repo, clock, r, *id, state, 200);
  }, page);
  router.Add(Method::kPost, "/acties/{id}", [&repo, &clock](Request& r) { return SaveAction(repo, clock, r); },
             writes);
  router.Add(Method::kPost, "/acties/{id}/voortgang",
             [&repo, &clock](Request& r) { return SaveProgress(repo, clock, r); }, writes);
}

}  // namespace stadshart::plan
