// The agenda's pages: /agenda (upcoming, filters), /agenda/maand, /agenda/{id} (with schema.org JSON-LD),
// /agenda/indienen (organisers submit; CSRF, post/redirect/get), /agenda/{id}/bewerken (the same form for the
// organiser's own event or a moderator's; versioned), /agenda/coordinatie (year planner per venue and
// week with the clashes) and /agenda/widget (the only page that may be framed, for entrepreneurs' websites).
#include <date/date.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "events/coordination.h"
#include "events/events_http.h"
#include "events/events_routes.h"
#include "events/ics.h"
#include "events/multipart.h"
#include "web/api.h"
#include "web/csrf.h"
#include "web/page.h"
#include "web/render.h"

namespace stadshart::events {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace std::chrono;
using namespace http_support;

constexpr const char* kWeekdays[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"};
constexpr const char* kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};

std::string DayLabel(local_days day) {
  year_month_day ymd{sys_days{day.time_since_epoch()}};
  weekday wd{day};
  return std::string(kWeekdays[(wd.c_encoding() + 6) % 7]) + " " + std::to_string(static_cast<unsigned>(ymd.day())) +
         " " + kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string HourMinute(LocalTime t) {
  return date::format("%H:%M", date::local_seconds{t.time_since_epoch()});
}

std::string IsoDay(LocalTime t) { return date::format("%Y-%m-%d", date::local_seconds{t.time_since_epoch()}); }

std::string When(Instant start, Instant end, bool all_day) {
  LocalTime s = ToAmsterdam(start), e = ToAmsterdam(end);
  local_days sd = floor<days>(s), ed = floor<days>(e - seconds{1});
  if (all_day) return sd == ed ? DayLabel(sd) : DayLabel(sd) + " tot en met " + DayLabel(ed);
  if (sd == ed) return DayLabel(sd) + ", " + HourMinute(s) + " tot " + HourMinute(e) + " uur";
  return DayLabel(sd) + " " + HourMinute(s) + " tot " + DayLabel(ed) + " " + HourMinute(e) + " uur";
}

// 20000 -> "20.000"
std::string DutchThousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

json Options(const std::vector<std::pair<std::string, std::string>>& options, const std::string& chosen) {
  json out = json::array();
  for (const auto& [value, label] : options) out.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
  return out;
}

std::vector<std::pair<std::string, std::string>> CategoryOptions(bool with_all) {
  std::vector<std::pair<std::string, std::string>> out;
  if (with_all) out.push_back({"", "Alle soorten"});
  for (const char* c : kCategories) out.push_back({c, c});
  return out;
}

std::vector<std::pair<std::string, std::string>> AudienceOptions(bool with_all) {
  std::vector<std::pair<std::string, std::string>> out;
  if (with_all) out.push_back({"", "Iedereen en alle doelgroepen"});
  for (const char* a : kAudiences) out.push_back({a, std::string(a) == "jeugd" ? "jeugd (6-18 jaar)" : a});
  return out;
}

std::vector<std::pair<std::string, std::string>> VenueOptions(const std::vector<Place>& places, bool with_all) {
  std::vector<std::pair<std::string, std::string>> out;
  if (with_all) out.push_back({"", "Alle locaties"});
  for (const Place& p : places) out.push_back({std::to_string(p.id), p.name});
  return out;
}

// A query string of the filters, for the feed links.
std::string FilterQuery(const Request& request) {
  std::string q;
  for (const char* name : {"category", "audience", "venue"}) {
    if (auto v = request.Query(name); v && !v->empty()) q += (q.empty() ? "?" : "&") + std::string(name) + "=" + http::UrlEncode(*v);
  }
  return q;
}

// The description as paragraphs (blank lines), escaped by the template.
json Paragraphs(const std::string& text) {
  json out = json::array();
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    std::string piece = text::Trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

// JSON for inside <script type="application/ld+json">: '<', '>' and '&' as \u escapes, so no text can end the
// element or be read as markup.
std::string ScriptSafe(const json& value) {
  std::string raw = value.dump();
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

json JsonLd(const EventRecord& e, const Occurrence& shown, const Place* place, const std::string& url) {
  json ld = {{"@context", "https://schema.org"},
             {"@type", "Event"},
             {"name", e.title},
             {"startDate", FormatAmsterdamIso(shown.start)},
             {"endDate", FormatAmsterdamIso(shown.end)},
             {"eventStatus", shown.cancelled || e.status == Status::kCancelled ? "https://schema.org/EventCancelled"
                                                                               : "https://schema.org/EventScheduled"},
             {"eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode"},
             {"url", url},
             {"description", e.description.empty() ? e.title : e.description},
             {"organizer", {{"@type", "Organization"}, {"name", e.organiser.empty() ? "Vaart in Assen" : e.organiser}}}};
  if (place) {
    std::string street = place->address.substr(0, place->address.find(','));
    // "Brink 1, 9401 HS Assen": the postcode sits between the comma and the town.
    std::string postcode;
    if (auto comma = place->address.find(", "); comma != std::string::npos) {
      postcode = place->address.substr(comma + 2);
      if (postcode.ends_with("Assen")) postcode.resize(postcode.size() - 5);
    }
    ld["location"] = {{"@type", "Place"},
                      {"name", place->name},
                      {"address", {{"@type", "PostalAddress"},
                                   {"streetAddress", street},
                                   {"postalCode", text::Trim(postcode)},
                                   {"addressLocality", "Assen"},
                                   {"addressCountry", "NL"}}},
                      {"geo", {{"@type", "GeoCoordinates"}, {"latitude", place->lat}, {"longitude", place->lon}}}};
  } else {
    ld["location"] = {{"@type", "Place"}, {"name", e.location}, {"address", e.location}};
  }
  return ld;
}

const Place* FindPlace(const std::vector<Place>& places, std::optional<std::int64_t> id) {
  for (const Place& p : places) {
    if (id && p.id == *id) return &p;
  }
  return nullptr;
}

Response AgendaPage(EventsRepository& repo, const Clock& clock, const Request& request) {
  auto places = repo.Venues();
  Instant now = clock.Now();
  auto filter = FilterFromQuery(request, places, now, 62);
  json view;
  std::vector<AgendaItem> items;
  std::vector<EventRecord> events;
  AgendaFilter f;
  if (filter.ok()) {
    f = filter.value();
    if (f.from < now && !request.Query("from")) f.from = now;
    events = repo.Candidates(f.from, f.to);
    items = Agenda(events, f, 500);
  } else {
    view["error"] = filter.error().message;
    f.from = now;
    f.to = now + days{62};
  }
  // Past events are not "upcoming": an item shows while it has not ended.
  json day_list = json::array();
  std::string current_day;
  for (const AgendaItem& item : items) {
    if (item.occurrence.end <= now) continue;
    LocalTime start = ToAmsterdam(item.occurrence.start);
    std::string day = IsoDay(start);
    if (day != current_day) {
      day_list.push_back({{"label", DayLabel(floor<days>(start))}, {"items", json::array()}});
      current_day = day;
    }
    day_list.back()["items"].push_back({{"time", item.event->all_day ? "hele dag" : HourMinute(start)},
                                        {"title", item.event->title},
                                        {"url", "/agenda/" + std::to_string(item.event->id)},
                                        {"venue", VenueName(*item.event, places)},
                                        {"cancelled", item.occurrence.cancelled}});
  }
  std::string q = FilterQuery(request);
  view["any"] = !day_list.empty();
  view["days"] = std::move(day_list);
  view["filtered"] = !q.empty();
  view["from"] = IsoDay(ToAmsterdam(f.from));
  view["to"] = IsoDay(ToAmsterdam(f.to));
  view["range"] = "van " + DutchDate(IsoDay(ToAmsterdam(f.from))) + " tot " + DutchDate(IsoDay(ToAmsterdam(f.to)));
  view["categories"] = Options(CategoryOptions(true), std::string(request.Query("category").value_or("")));
  view["audiences"] = Options(AudienceOptions(true), std::string(request.Query("audience").value_or("")));
  view["venues"] = Options(VenueOptions(places, true), f.venue_id ? std::to_string(*f.venue_id) : "");
  view["ics_url"] = "/agenda.ics" + q;
  view["rss_url"] = "/agenda.rss" + q;
  view["month_url"] = "/agenda/maand?maand=" + IsoDay(ToAmsterdam(f.from)).substr(0, 7);
  view["can_submit"] = accounts::Can(request, "events.submit");
  view["can_coordinate"] = accounts::Can(request, "events.submit");
  view["can_import"] = accounts::Can(request, "events.moderate");
  view["widget_snippet"] = "<iframe src=\"" + PublicBaseUrl() +
                           "/agenda/widget\" title=\"Agenda binnenstad Assen\" width=\"320\" height=\"400\" "
                           "loading=\"lazy\"></iframe>";
  return web::RenderPage(request, {"Agenda", "/agenda", {}, filter.ok() ? 200 : 422}, "events_agenda", view);
}

Response MonthPage(EventsRepository& repo, const Clock& clock, const Request& request) {
  auto places = repo.Venues();
  year_month_day today{AmsterdamToday(clock.Now())};
  year_month ym = today.year() / today.month();
  if (auto m = request.Query("maand")) {
    if (auto day = ParseIsoDay(std::string(*m) + "-01")) {
      year_month_day ymd{*day};
      ym = ymd.year() / ymd.month();
    }
  }
  local_days first{ym / 1};
  local_days last{ym / std::chrono::last};
  Instant from = FromAmsterdam(first), to = FromAmsterdam(last + days{1});
  auto events = repo.Candidates(from, to);
  AgendaFilter f{from, to};
  std::map<local_days, json> by_day;
  for (const AgendaItem& item : Agenda(events, f, 2000)) {
    LocalTime start = ToAmsterdam(item.occurrence.start);
    local_days day = std::max(floor<days>(start), first);
    by_day[day].push_back({{"time", HourMinute(start)},
                           {"title", item.event->title},
                           {"url", "/agenda/" + std::to_string(item.event->id)},
                           {"cancelled", item.occurrence.cancelled}});
  }
  json weeks = json::array();
  local_days cursor = first - days{(weekday{first}.c_encoding() + 6) % 7};
  while (cursor <= last) {
    json cells = json::array();
    for (int i = 0; i < 7; ++i, cursor += days{1}) {
      if (cursor < first || cursor > last) {
        cells.push_back({{"day", false}});
        continue;
      }
      year_month_day ymd{sys_days{cursor.time_since_epoch()}};
      cells.push_back({{"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                       {"items", by_day.contains(cursor) ? by_day[cursor] : json::array()}});
    }
    weeks.push_back({{"cells", std::move(cells)}});
  }
  auto month_text = [](year_month m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
    return std::string(buf);
  };
  std::string label = std::string(kMonths[static_cast<unsigned>(ym.month()) - 1]) + " " +
                      std::to_string(static_cast<int>(ym.year()));
  json view = {{"month_label", label},
               {"weekdays", {"ma", "di", "wo", "do", "vr", "za", "zo"}},
               {"weeks", std::move(weeks)},
               {"previous_url", "/agenda/maand?maand=" + month_text(ym - months{1})},
               {"next_url", "/agenda/maand?maand=" + month_text(ym + months{1})}};
  return web::RenderPage(request, {"Agenda " + label, "/agenda", {{"/agenda", "Agenda"}}}, "events_month", view);
}

// The event of /agenda/{id} when the request may see it: published, or the submitter's own, or a moderator.
std::optional<EventRecord> VisibleEvent(EventsRepository& repo, const Request& request) {
  long long id = 0;
  std::optional<EventRecord> e;
  if (text::ParseInt(request.Param("id"), id) && id > 0) e = repo.Get(id);
  if (e && !(IsPublished(*e) || MayEdit(request, *e))) e.reset();
  return e;
}

Response NotInAgenda(const Request& request) {
  return web::MessagePage(request, 404, "Niet gevonden", "Dit evenement staat niet (meer) in de agenda.");
}

Response EventPage(EventsRepository& repo, const Clock& clock, const Request& request, const std::string& conflict = "",
                   int status = 200) {
  std::optional<EventRecord> e = VisibleEvent(repo, request);
  if (!e) return NotInAgenda(request);
  auto places = repo.Venues();
  const Place* place = FindPlace(places, e->venue_id);
  Instant now = clock.Now();
  auto upcoming = Expand(*e, now, now + days{366}, 12);
  bool series = !e->rrule.empty() || !e->rdates.empty();
  Occurrence shown = !upcoming.empty() ? upcoming.front() : Occurrence{e->start, e->start, e->end};
  json dates = json::array();
  if (series) {
    for (const Occurrence& o : upcoming) dates.push_back({{"when", When(o.start, o.end, e->all_day)}, {"cancelled", o.cancelled}});
  }
  bool show_clashes = accounts::Can(request, "events.submit");
  json clashes = json::array();
  if (show_clashes) {
    Instant from = e->start, to = series ? e->start + days{366} : e->end;
    for (const Clash& c : ClashesOf(*e, repo.Candidates(from - days{4}, to + days{4}), places, from, to)) {
      clashes.push_back({{"reason", c.reason},
                         {"with_url", c.with_event_id ? json("/agenda/" + std::to_string(*c.with_event_id)) : json(false)}});
    }
  }
  std::string url = PublicBaseUrl() + "/agenda/" + std::to_string(e->id);
  json view = {{"title", e->title},
               {"when", When(shown.start, shown.end, e->all_day)},
               {"where", place ? place->name + ", " + place->address : e->location},
               {"organiser", e->organiser},
               {"category", e->category},
               {"audience", e->audience == "jeugd" ? "jeugd (6-18 jaar)" : e->audience},
               {"recurring", series},
               {"rrule", e->rrule},
               {"internal", !IsPublished(*e) || show_clashes},
               {"status", std::string(StatusCode(e->status))},
               {"event_class", std::string(ClassCode(e->event_class))},
               {"expected_visitors", e->expected_visitors},
               {"amplified_sound", e->amplified_sound},
               {"cancelled", e->status == Status::kCancelled},
               {"paragraphs", Paragraphs(e->description)},
               {"has_upcoming", !dates.empty()},
               {"upcoming", std::move(dates)},
               {"show_clashes", show_clashes},
               {"has_clashes", !clashes.empty()},
               {"clashes", std::move(clashes)},
               {"submitted", request.Query("ingediend").has_value()},
               {"edited", request.Query("gewijzigd").has_value()},
               {"edit_url", MayEdit(request, *e) && !e->regional ? json("/agenda/" + std::to_string(e->id) + "/bewerken")
                                                                 : json(false)},
               {"jsonld", ScriptSafe(JsonLd(*e, shown, place, url))}};
  if (accounts::Can(request, "events.moderate")) {
    json statuses = json::array();
    for (Status st : {Status::kConcept, Status::kSubmitted, Status::kApproved, Status::kRejected, Status::kCancelled}) {
      std::string code(StatusCode(st));
      statuses.push_back({{"value", code}, {"label", code}, {"selected", st == e->status}});
    }
    view["moderate"] = {{"csrf", web::CsrfFor(request).value},
                        {"version", e->version},
                        {"status_url", "/agenda/" + std::to_string(e->id) + "/status"},
                        {"statuses", std::move(statuses)},
                        {"saved", request.Query("opgeslagen").has_value()},
                        {"conflict", conflict.empty() ? json(false) : json(conflict)}};
  }
  return web::RenderPage(request, {e->title, "/agenda", {{"/agenda", "Agenda"}}, status}, "events_event", view);
}

// The fields of the submission and edit form (templates/events_submit.mustache) as typed or prefilled.
struct EventForm {
  std::string title, description, venue_id, start, end, rrule, category = "overig", audience = "iedereen",
      expected_visitors = "0";
  bool all_day = false, amplified_sound = false, is_public = true;
};

// "2026-12-06T12:00", Amsterdam wall-clock, as <input type="datetime-local"> takes it.
std::string LocalInput(Instant t) {
  return date::format("%Y-%m-%dT%H:%M", date::local_seconds{floor<seconds>(ToAmsterdam(t)).time_since_epoch()});
}

EventForm FormOf(const EventRecord& e) {
  return {e.title,
          e.description,
          e.venue_id ? std::to_string(*e.venue_id) : "",
          LocalInput(e.start),
          LocalInput(e.end),
          e.rrule,
          e.category,
          e.audience,
          std::to_string(e.expected_visitors),
          e.all_day,
          e.amplified_sound,
          e.is_public};
}

// Checkboxes absent are off; "public" absent (an older form) is `public_when_absent`.
EventForm ReadForm(const http::Fields& fields, bool public_when_absent) {
  auto field = [&](const char* name) { return http::FieldValue(fields, name); };
  std::string visibility = field("public");
  return {field("title"),
          field("description"),
          field("venue_id"),
          field("start"),
          field("end"),
          field("rrule"),
          field("category"),
          field("audience"),
          field("expected_visitors"),
          !field("all_day").empty(),
          !field("amplified_sound").empty(),
          visibility.empty() ? public_when_absent : visibility != "nee"};
}

// The form applied over `in` (a new submission, or InputOf the stored event when editing) and checked as the
// API checks: the event to store, or kInvalid with every problem by its field (the form's own first).
Result<EventRecord> EventFromForm(const EventForm& form, EventInput in, const std::vector<Place>& places,
                                  bool regional) {
  std::vector<FieldError> errors;
  in.title = form.title;
  in.description = form.description;
  in.rrule = form.rrule;
  in.category = form.category;
  in.audience = form.audience;
  in.all_day = form.all_day;
  in.amplified_sound = form.amplified_sound;
  in.is_public = form.is_public;
  long long number = 0;
  in.venue_id.reset();
  if (text::ParseInt(form.venue_id, number)) in.venue_id = number;
  in.expected_visitors = 0;
  if (!form.expected_visitors.empty()) {
    if (text::ParseInt(text::Trim(form.expected_visitors), number))
      in.expected_visitors = static_cast<int>(std::clamp(number, -1LL, 10000000LL));
    else
      errors.push_back({"expected_visitors", "Vul het verwachte aantal bezoekers in als geheel getal."});
  }
  in.start = ParseEventTime(form.start, "Europe/Amsterdam");
  in.end = ParseEventTime(form.end, "Europe/Amsterdam");
  if (!form.start.empty() && !in.start) errors.push_back({"start", "Het begin is geen datum met tijd."});
  if (!form.end.empty() && !in.end) errors.push_back({"end", "Het einde is geen datum met tijd."});
  std::vector<std::int64_t> ids;
  ids.reserve(places.size());
  for (const Place& p : places) ids.push_back(p.id);
  auto valid = ValidateEvent(in, ids, regional);
  if (!valid.ok()) {
    for (const FieldError& f : valid.error().field_errors) {
      bool seen = std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == f.field; });
      if (!seen) errors.push_back(f);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return valid;
}

// The form's fields as a reader sees them, in the form's order (the conflict table).
std::vector<std::pair<std::string, std::string>> ShownFields(const EventForm& f, const std::vector<Place>& places) {
  std::string venue = f.venue_id;
  for (const Place& p : places) {
    if (std::to_string(p.id) == f.venue_id) venue = p.name;
  }
  auto yes_no = [](bool b) { return std::string(b ? "ja" : "nee"); };
  return {{"Titel", f.title},
          {"Beschrijving", f.description},
          {"Locatie", venue},
          {"Begin", f.start},
          {"Einde", f.end},
          {"Hele dag", yes_no(f.all_day)},
          {"Herhaling", f.rrule},
          {"Soort", f.category},
          {"Voor wie", f.audience},
          {"Verwachte bezoekers", f.expected_visitors},
          {"Versterkt geluid", yes_no(f.amplified_sound)},
          {"Zichtbaarheid", f.is_public ? "openbaar" : "intern"}};
}

// Someone saved the event after the form was loaded: the fields where the user's input and the stored event
// differ, side by side (as templates/register_edit.mustache shows a conflict).
json ConflictView(const std::string& message, const EventForm& mine, const EventForm& theirs,
                  const std::vector<Place>& places) {
  auto a = ShownFields(mine, places), b = ShownFields(theirs, places);
  json rows = json::array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].second != b[i].second)
      rows.push_back({{"label", a[i].first}, {"mine", a[i].second}, {"theirs", b[i].second}});
  }
  return {{"message", message}, {"rows", rows}, {"any", !rows.empty()}};
}

// What the form page shows besides its fields.
struct FormState {
  EventForm form;
  std::vector<FieldError> errors;
  json conflict = false;  // ConflictView when the user's version was stale
  int status = 200;
};

// The submission form (`editing` null) or the edit form of a stored event, which carries its version.
Response FormPage(EventsRepository& repo, const Request& request, const EventRecord* editing, const FormState& state) {
  auto places = repo.Venues();
  const EventForm& form = state.form;
  json view = {{"csrf", web::CsrfFor(request).value},
               {"form",
                {{"title", form.title},
                 {"description", form.description},
                 {"start", form.start},
                 {"end", form.end},
                 {"rrule", form.rrule},
                 {"expected_visitors", form.expected_visitors},
                 {"all_day", form.all_day},
                 {"amplified_sound", form.amplified_sound},
                 {"public", form.is_public}}},
               {"venues", Options(VenueOptions(places, false), form.venue_id)},
               {"categories", Options(CategoryOptions(false), form.category)},
               {"audiences", Options(AudienceOptions(false), form.audience)},
               {"has_errors", !state.errors.empty()},
               {"errors", json::array()},
               {"conflict", state.conflict},
               {"action", "/agenda/indienen"},
               {"edit", false}};
  for (const FieldError& error : state.errors) {
    view["errors"].push_back({{"field", error.field}, {"message", error.message}});
    std::string key = error.field == "venue_id"            ? "venue_error"
                      : error.field == "expected_visitors" ? "visitors_error"
                                                           : error.field + "_error";
    view[key] = {{"message", error.message}};
  }
  std::string title = "Evenement aanmelden";
  std::vector<web::Crumb> crumbs = {{"/agenda", "Agenda"}};
  if (editing) {
    std::string url = "/agenda/" + std::to_string(editing->id);
    title = "Evenement bewerken";
    crumbs.push_back({url, editing->title});
    view["action"] = url + "/bewerken";
    view["edit"] = {{"version", editing->version},
                    {"back", url},
                    {"status", std::string(StatusCode(editing->status))},
                    {"approved", editing->status == Status::kApproved}};
  }
  return web::RenderPage(request, {title, "/agenda", crumbs, state.status}, "events_submit", view);
}

Response CsrfRefused(const Request& request) {
  return web::MessagePage(
      request, 403, "Formulier verlopen",
      "Het formulier is verlopen of kwam niet van deze site. Er is niets opgeslagen; probeer het opnieuw.");
}

Response Submit(EventsRepository& repo, const Request& request) {
  http::Fields fields = request.Form();
  if (!web::CsrfValid(request, fields)) return CsrfRefused(request);
  EventForm form = ReadForm(fields, true);
  EventInput base;
  base.status = Status::kSubmitted;
  const accounts::Principal& principal = accounts::PrincipalOf(request);
  if (principal.user) base.organiser = principal.user->name;
  auto valid = EventFromForm(form, base, repo.Venues(), false);
  if (!valid.ok()) return FormPage(repo, request, nullptr, {form, valid.error().field_errors, false, 422});
  EventRecord e = std::move(valid.value());
  if (principal.user) e.owner_user_id = principal.user->id;
  auto stored = repo.Create(e, accounts::ActorOf(request));
  if (!stored.ok()) return FormPage(repo, request, nullptr, {form, {{"title", stored.error().message}}, false, 409});
  return Response::Redirect("/agenda/" + std::to_string(stored.value().id) + "?ingediend=1#botsingen");
}

// The event of /agenda/{id}/bewerken when the request may change it through the form; else the refusal: 404
// when it may not even see it (as /agenda/{id}), 403 when it is someone else's (as PATCH /api/v1/events/{id}),
// and regional events are changed by importing their calendar again.
std::variant<EventRecord, Response> EditableEvent(EventsRepository& repo, const Request& request) {
  std::optional<EventRecord> e = VisibleEvent(repo, request);
  if (!e) return NotInAgenda(request);
  if (!MayEdit(request, *e)) {
    return web::MessagePage(request, 403, "Geen toegang",
                            "U kunt alleen de evenementen wijzigen die u zelf hebt aangemeld. De beheerder en de "
                            "gemeente kunnen elk evenement wijzigen.");
  }
  if (e->regional) {
    return web::MessagePage(request, 403, "Regionaal evenement",
                            "Dit evenement komt uit een regionale agenda; het verandert als die agenda opnieuw wordt "
                            "geïmporteerd.");
  }
  return *std::move(e);
}

Response EditForm(EventsRepository& repo, const Request& request) {
  auto editable = EditableEvent(repo, request);
  if (auto* refused = std::get_if<Response>(&editable)) return std::move(*refused);
  const EventRecord& e = std::get<EventRecord>(editable);
  return FormPage(repo, request, &e, {FormOf(e)});
}

// The edit form posted: CSRF, the same checks as a submission, the version the form was based on (a stale one
// shows both versions and stores nothing), post/redirect/get. The status stays as it is, as with PATCH.
Response SaveEdit(EventsRepository& repo, const Request& request) {
  http::Fields fields = request.Form();
  if (!web::CsrfValid(request, fields)) return CsrfRefused(request);
  auto editable = EditableEvent(repo, request);
  if (auto* refused = std::get_if<Response>(&editable)) return std::move(*refused);
  const EventRecord& current = std::get<EventRecord>(editable);
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(fields, "version"), version)) {
    return web::MessagePage(
        request, 400, "Formulier onvolledig",
        "De versie van het evenement ontbreekt; er is niets opgeslagen. Open het formulier opnieuw.");
  }
  EventForm form = ReadForm(fields, current.is_public);
  auto places = repo.Venues();
  auto valid = EventFromForm(form, InputOf(current), places, current.regional);
  if (!valid.ok()) {
    EventRecord based_on = current;
    based_on.version = version;  // the user keeps working on the version they had
    return FormPage(repo, request, &based_on, {form, valid.error().field_errors, false, 422});
  }
  EventRecord e = std::move(valid.value());
  e.changes = current.changes;
  auto updated = repo.Update(current.id, e, version, accounts::ActorOf(request));
  if (!updated.ok()) {
    if (updated.error().kind != ErrorKind::kConflict) {
      return web::MessagePage(request, web::HttpStatus(updated.error().kind), "Niet opgeslagen",
                              updated.error().message);
    }
    // The form now holds the stored event and its version; the table shows what the user had typed.
    std::optional<EventRecord> now = repo.Get(current.id);
    if (!now) return web::MessagePage(request, 404, "Niet gevonden", "Dit evenement bestaat niet meer.");
    EventForm theirs = FormOf(*now);
    return FormPage(repo, request, &*now,
                    {theirs, {}, ConflictView(updated.error().message, form, theirs, places), 409});
  }
  return Response::Redirect("/agenda/" + std::to_string(current.id) + "?gewijzigd=1");
}

Response CoordinationPage(EventsRepository& repo, const Clock& clock, const Request& request) {
  int year_number = static_cast<int>(year_month_day{AmsterdamToday(clock.Now())}.year());
  long long asked = 0;
  if (auto y = request.Query("jaar"); y && text::ParseInt(*y, asked) && asked >= 2000 && asked <= 2100) {
    year_number = static_cast<int>(asked);
  }
  const year y{year_number};
  auto places = repo.Venues();
  Instant from = FromAmsterdam(local_days{y / January / 1}), to = FromAmsterdam(local_days{(y + years{1}) / January / 1});
  auto events = repo.Candidates(from - days{4}, to + days{4});
  // ISO weeks: week 1 holds the year's first Thursday.
  local_days jan4{y / January / 4};
  local_days week1 = jan4 - days{(weekday{jan4}.c_encoding() + 6) % 7};
  int week_count = (local_days{y / December / 28} - week1).count() / 7 + 1;
  auto week_of = [&](LocalTime t) { return static_cast<int>(floor<days>(t - week1).count() / 7) + 1; };
  std::map<std::int64_t, std::vector<int>> counts;        // venue -> events per week
  std::map<std::int64_t, std::set<int>> clash_weeks;      // venue -> weeks with a clash
  json clash_rows = json::array();
  for (const EventRecord& e : events) {
    if (!Coordinated(e) || !e.venue_id) continue;
    auto& row = counts[*e.venue_id];
    row.resize(week_count + 2, 0);
    std::set<int> weeks_of_event;
    for (const Occurrence& o : Expand(e, from, to, 1000)) {
      if (o.cancelled) continue;
      int w = week_of(ToAmsterdam(o.start));
      if (w >= 1 && w <= week_count && weeks_of_event.insert(w).second) ++row[w];
    }
    auto clashes = ClashesOf(e, events, places, from, to);
    for (const Clash& c : clashes) {
      clash_rows.push_back({{"title", e.title},
                            {"url", "/agenda/" + std::to_string(e.id)},
                            {"kind", c.kind},
                            {"reason", c.reason}});
    }
    if (!clashes.empty()) {
      for (int w : weeks_of_event) clash_weeks[*e.venue_id].insert(w);
    }
  }
  json pending = json::array();
  int dressing_count = 0;
  long long dressing_budget = 0;
  for (const EventRecord& e : events) {
    if (e.status == Status::kSubmitted || e.status == Status::kConcept) {
      pending.push_back({{"title", e.title},
                         {"url", "/agenda/" + std::to_string(e.id)},
                         {"when", When(e.start, e.end, e.all_day)},
                         {"status", std::string(StatusCode(e.status))}});
    }
    if (e.city_dressing && Coordinated(e) && e.start < to && e.start >= from) {
      ++dressing_count;
      dressing_budget += e.city_dressing_budget_eur;
    }
  }
  json rows = json::array();
  for (const Place& p : places) {
    json cells = json::array();
    for (int w = 1; w <= week_count; ++w) {
      int n = counts.contains(p.id) ? counts[p.id][w] : 0;
      cells.push_back({{"count", n > 0 ? json(n) : json(false)}, {"clash", clash_weeks[p.id].contains(w)}});
    }
    rows.push_back({{"venue", p.name}, {"cells", std::move(cells)}});
  }
  json weeks = json::array();
  for (int w = 1; w <= week_count; ++w) weeks.push_back(w);
  json view = {{"year", year_number},
               {"weeks", std::move(weeks)},
               {"rows", std::move(rows)},
               {"has_clashes", !clash_rows.empty()},
               {"clashes", std::move(clash_rows)},
               {"has_pending", !pending.empty()},
               {"pending", std::move(pending)},
               {"dressing_count", dressing_count},
               {"dressing_budget", DutchThousands(dressing_budget)},
               {"previous", year_number - 1},
               {"next", year_number + 1},
               {"previous_url", "/agenda/coordinatie?jaar=" + std::to_string(year_number - 1)},
               {"next_url", "/agenda/coordinatie?jaar=" + std::to_string(year_number + 1)}};
  return web::RenderPage(request, {"Coördinatie van evenementen", "/agenda", {{"/agenda", "Agenda"}}},
                         "events_coordination", view);
}

Response WidgetPage(EventsRepository& repo, const Clock& clock, const Request& request) {
  auto places = repo.Venues();
  auto filter = FilterFromQuery(request, places, clock.Now(), 31);
  AgendaFilter f = filter.ok() ? filter.value() : AgendaFilter{clock.Now(), clock.Now() + days{31}};
  auto events = repo.Candidates(f.from, f.to);
  std::string base = PublicBaseUrl();
  json items = json::array();
  for (const AgendaItem& item : Agenda(events, f, 10)) {
    items.push_back({{"when", DayLabel(floor<days>(ToAmsterdam(item.occurrence.start))) + " " +
                                  HourMinute(ToAmsterdam(item.occurrence.start))},
                     {"title", item.event->title},
                     {"url", base + "/agenda/" + std::to_string(item.event->id)},
                     {"venue", VenueName(*item.event, places)},
                     {"cancelled", item.occurrence.cancelled}});
  }
  json view = {{"any", !items.empty()}, {"items", std::move(items)}, {"agenda_url", base + "/agenda"}};
  Response r = Response::Html(web::Render("events_widget", view));
  // The one page that other sites may frame (an entrepreneur's website). frame-ancestors supersedes
  // X-Frame-Options in browsers; the default DENY is replaced by an empty value, which they ignore.
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors *");
  r.SetHeader("X-Frame-Options", "");
  return r;
}

// A moderator sets the status (approve, reject, cancel) of an event: CSRF, the version it was based on, PRG.
Response SetStatus(EventsRepository& repo, const Clock& clock, Request& request) {
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) {
    return web::MessagePage(request, 403, "Formulier verlopen",
                            "Het formulier is verlopen of kwam niet van deze site. Er is niets gewijzigd.");
  }
  long long id = 0, version = 0;
  std::optional<EventRecord> e;
  if (text::ParseInt(request.Param("id"), id) && id > 0) e = repo.Get(id);
  if (!e) return web::MessagePage(request, 404, "Niet gevonden", "Dit evenement bestaat niet.");
  auto status = ParseStatus(http::FieldValue(form, "status"));
  if (!status || !text::ParseInt(http::FieldValue(form, "version"), version)) {
    return EventPage(repo, clock, request, "Kies een geldige status.", 422);
  }
  EventRecord changed = *e;
  changed.status = *status;
  auto updated = repo.Update(e->id, changed, version, accounts::ActorOf(request));
  if (!updated.ok()) return EventPage(repo, clock, request, updated.error().message, 409);
  return Response::Redirect("/agenda/" + std::to_string(e->id) + "?opgeslagen=1#beoordelen");
}

Response ImportPage(const Request& request, const json& report, const std::vector<std::string>& errors,
                    const std::string& source, int status) {
  json list = json::array();
  for (const std::string& e : errors) list.push_back({{"message", e}});
  json view = {{"csrf", web::CsrfFor(request).value},
               {"report", report},
               {"has_errors", !errors.empty()},
               {"errors", std::move(list)},
               {"source_value", source}};
  return web::RenderPage(request, {"Regionale agenda importeren", "/agenda", {{"/agenda", "Agenda"}}, status},
                         "events_import", view);
}

Response ImportForm(const Request& request) {
  json report = false;
  if (auto source = request.Query("bron")) {
    report = {{"source", std::string(*source)}};
    for (const char* key : {"created", "updated", "unchanged", "cancelled"}) {
      long long n = 0;
      text::ParseInt(request.Query(key).value_or("0"), n);
      report[key] = n;
    }
  }
  return ImportPage(request, report, {}, "", 200);
}

Response Import(EventsRepository& repo, const Request& request) {
  auto parts = ParseMultipart(request.Header("content-type").value_or(""), request.body);
  if (!parts) return ImportPage(request, false, {"Het formulier kon niet gelezen worden; kies het bestand opnieuw."}, "", 400);
  http::Fields fields;
  std::string file;
  bool has_file = false;
  for (const FormPart& part : *parts) {
    if (part.name == "bestand") {
      file = part.content;
      has_file = true;
    } else {
      fields.push_back({part.name, part.content});
    }
  }
  if (!web::CsrfValid(request, fields)) {
    return web::MessagePage(request, 403, "Formulier verlopen",
                            "Het formulier is verlopen of kwam niet van deze site. Er is niets geïmporteerd.");
  }
  std::string source = text::Trim(http::FieldValue(fields, "source"));
  std::vector<std::string> errors;
  if (source.empty() || source.size() > 100) errors.push_back("Geef de agenda een naam (hoogstens 100 tekens).");
  if (!has_file || file.empty()) errors.push_back("Kies een iCalendar-bestand (.ics).");
  if (!errors.empty()) return ImportPage(request, false, errors, source, 422);
  auto parsed = ParseCalendar(file);
  if (!parsed.ok()) {
    errors.push_back(parsed.error().message);
    for (const FieldError& f : parsed.error().field_errors) {
      if (f.message != parsed.error().message) errors.push_back(f.message);
    }
    return ImportPage(request, false, errors, source, 422);
  }
  for (const EventRecord& e : parsed.value()) {
    if (e.title.empty() || LooksLikeHtml(e.title) || e.end < e.start) {
      errors.push_back("Evenement " + e.uid.substr(0, 80) + " heeft geen titel, HTML in de titel of een einde vóór het begin.");
    }
  }
  if (!errors.empty()) return ImportPage(request, false, errors, source, 422);
  auto report = repo.Import(source, parsed.value(), accounts::ActorOf(request));
  if (!report.ok()) return ImportPage(request, false, {report.error().message}, source, 409);
  const ImportReport& r = report.value();
  return Response::Redirect("/agenda/importeren?bron=" + http::UrlEncode(source) + "&created=" +
                            std::to_string(r.created) + "&updated=" + std::to_string(r.updated) + "&unchanged=" +
                            std::to_string(r.unchanged) + "&cancelled=" + std::to_string(r.cancelled));
}

}  // namespace

void AddEventPageRoutes(http::Router& router, std::shared_ptr<EventsRepository> repo, const Clock& clock) {
  router.Add(Method::kGet, "/agenda", [repo, &clock](Request& r) { return AgendaPage(*repo, clock, r); },
             {.permission = "public"});
  router.Add(Method::kGet, "/agenda/maand", [repo, &clock](Request& r) { return MonthPage(*repo, clock, r); },
             {.permission = "public"});
  // Not cached by the server: "upcoming" follows the clock.
  router.Add(Method::kGet, "/agenda/widget", [repo, &clock](Request& r) { return WidgetPage(*repo, clock, r); },
             {.permission = "public"});
  router.Add(Method::kGet, "/agenda/{id}", [repo, &clock](Request& r) { return EventPage(*repo, clock, r); },
             {.permission = "public"});
  router.Add(Method::kGet, "/agenda/indienen",
             [repo](Request& r) { return FormPage(*repo, r, nullptr, {}); },
             {.permission = "events.submit"});
  router.Add(Method::kPost, "/agenda/indienen", [repo](Request& r) { return Submit(*repo, r); },
             {.permission = "events.submit"});
  // Organisers their own events, moderators any (MayEdit, as PATCH /api/v1/events/{id}).
  router.Add(Method::kGet, "/agenda/{id}/bewerken", [repo](Request& r) { return EditForm(*repo, r); },
             {.permission = "events.submit"});
  router.Add(Method::kPost, "/agenda/{id}/bewerken", [repo](Request& r) { return SaveEdit(*repo, r); },
             {.permission = "events.submit"});
  router.Add(Method::kPost, "/agenda/{id}/status", [repo, &clock](Request& r) { return SetStatus(*repo, clock, r); },
             {.permission = "events.moderate"});
  router.Add(Method::kGet, "/agenda/importeren", [](Request& r) { return ImportForm(r); },
             {.permission = "events.moderate"});
  router.Add(Method::kPost, "/agenda/importeren", [repo](Request& r) { return Import(*repo, r); },
             {.permission = "events.moderate"});
  router.Add(Method::kGet, "/agenda/coordinatie",
             [repo, &clock](Request& r) { return CoordinationPage(*repo, clock, r); },
             {.permission = "events.submit"});
}

}  // namespace stadshart::events
