// JSON API of the agenda: /api/v1/events, /api/v1/venues, /api/v1/events/{id}/clashes (docs/events.md).
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "events/coordination.h"
#include "events/events_http.h"
#include "events/events_json.h"
#include "events/events_routes.h"
#include "events/ics.h"
#include "web/api.h"

namespace stadshart::events {

void AddEventFeedRoutes(http::Router& router, std::shared_ptr<EventsRepository> repo, const Clock& clock);
void AddEventPageRoutes(http::Router& router, std::shared_ptr<EventsRepository> repo, const Clock& clock);

namespace http_support {

using namespace std::chrono;

namespace {

std::optional<Instant> ParseBound(std::string_view text) {
  if (auto day = ParseIsoDay(text)) return FromAmsterdam(LocalTime{day->time_since_epoch()});
  return ParseEventTime(text, "Europe/Amsterdam");
}

}  // namespace

Result<AgendaFilter> FilterFromQuery(const http::Request& request, const std::vector<Place>& places, Instant now,
                                     int default_days) {
  AgendaFilter f;
  std::vector<FieldError> errors;
  f.from = now;
  if (auto from = request.Query("from")) {
    if (auto t = ParseBound(*from)) f.from = *t;
    else errors.push_back({"from", "from is geen datum of tijd; gebruik bijvoorbeeld 2026-12-06 of 2026-12-06T12:00:00+01:00."});
  }
  f.to = f.from + days{default_days};
  if (auto to = request.Query("to")) {
    if (auto t = ParseBound(*to)) f.to = *t;
    else errors.push_back({"to", "to is geen datum of tijd; gebruik bijvoorbeeld 2026-12-31 of 2026-12-31T23:59:00+01:00."});
  }
  if (errors.empty() && f.to <= f.from) errors.push_back({"to", "to moet na from liggen."});
  if (errors.empty() && f.to - f.from > days{732}) errors.push_back({"to", "Vraag hoogstens twee jaar tegelijk op."});
  if (auto category = request.Query("category")) f.category = std::string(*category);
  if (auto audience = request.Query("audience")) f.audience = std::string(*audience);
  if (auto venue = request.Query("venue"); venue && !venue->empty()) {
    long long id = 0;
    for (const Place& p : places) {
      if (p.name == *venue || (text::ParseInt(*venue, id) && id == p.id)) f.venue_id = p.id;
    }
    if (!f.venue_id) errors.push_back({"venue", "Onbekende locatie '" + std::string(venue->substr(0, 60)) + "'."});
  }
  if (auto regio = request.Query("regio")) f.regional = *regio == "1" || *regio == "ja";
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return f;
}

std::string VenueName(const EventRecord& event, const std::vector<Place>& places) {
  for (const Place& p : places) {
    if (event.venue_id && p.id == *event.venue_id) return p.name;
  }
  return event.location;
}

bool MayEdit(const http::Request& request, const EventRecord& event) {
  if (accounts::Can(request, "events.moderate")) return true;
  const accounts::Principal& principal = accounts::PrincipalOf(request);
  return principal.user && event.owner_user_id == principal.user->id && !event.regional;
}

}  // namespace http_support

std::string PublicBaseUrl() {
  const char* env = std::getenv("STADSHART_PUBLIC_URL");
  std::string base = env && *env ? env : "http://localhost:8080";
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using web::JsonError;
using web::JsonResponse;
using namespace std::chrono;
using namespace http_support;

struct Parsed {
  EventInput input;
  std::optional<std::vector<OccurrenceChange>> changes;
};

// Reads the fields of a POST or PATCH body over `base`; unknown fields are refused so a typo does not pass.
Result<Parsed> InputFromJson(const json& body, EventInput base, bool moderator) {
  Parsed out{std::move(base), std::nullopt};
  EventInput& in = out.input;
  std::vector<FieldError> errors;
  std::string tz = body.contains("tz") && body["tz"].is_string() ? body["tz"].get<std::string>() : "";
  if (!tz.empty() && tz != "Europe/Amsterdam") errors.push_back({"tz", "Alleen \"tz\":\"Europe/Amsterdam\" wordt ondersteund."});
  auto text = [&](const std::string& key, const json& v, std::string& target) {
    if (!v.is_string()) return errors.push_back({key, key + " moet tekst zijn."});
    target = v.get<std::string>();
  };
  auto time = [&](const std::string& key, const json& v) -> std::optional<Instant> {
    if (!v.is_string()) {
      errors.push_back({key, key + " moet een tijd zijn, bijvoorbeeld 2026-12-06T12:00:00+01:00."});
      return std::nullopt;
    }
    auto t = ParseEventTime(v.get<std::string>(), tz);
    if (!t) {
      errors.push_back({key, key + " '" + v.get<std::string>().substr(0, 40) +
                                 "' is geen ISO 8601-tijd met verschuiving (2026-12-06T12:00:00+01:00), of geef "
                                 "\"tz\":\"Europe/Amsterdam\" bij een lokale tijd."});
    }
    return t;
  };
  auto times = [&](const std::string& key, const json& v, std::vector<Instant>& target) {
    if (!v.is_array()) return errors.push_back({key, key + " moet een lijst met tijden zijn."});
    target.clear();
    for (const json& item : v) {
      if (auto t = time(key, item)) target.push_back(*t);
    }
  };
  auto flag = [&](const std::string& key, const json& v, bool& target) {
    if (!v.is_boolean()) return errors.push_back({key, key + " moet true of false zijn."});
    target = v.get<bool>();
  };
  for (const auto& [key, v] : body.items()) {
    if (key == "version" || key == "tz") continue;
    if (key == "title") text(key, v, in.title);
    else if (key == "description") text(key, v, in.description);
    else if (key == "organiser") text(key, v, in.organiser);
    else if (key == "location") text(key, v, in.location);
    else if (key == "category") text(key, v, in.category);
    else if (key == "audience") text(key, v, in.audience);
    else if (key == "rrule") {
      if (v.is_null()) in.rrule.clear();
      else text(key, v, in.rrule);
    } else if (key == "start") in.start = time(key, v);
    else if (key == "end") in.end = time(key, v);
    else if (key == "exdates") times(key, v, in.exdates);
    else if (key == "rdates") times(key, v, in.rdates);
    else if (key == "all_day") flag(key, v, in.all_day);
    else if (key == "amplified_sound") flag(key, v, in.amplified_sound);
    else if (key == "public") flag(key, v, in.is_public);
    else if (key == "city_dressing") flag(key, v, in.city_dressing);
    else if (key == "venue_id") {
      if (v.is_null()) in.venue_id.reset();
      else if (v.is_number_integer()) in.venue_id = v.get<std::int64_t>();
      else errors.push_back({key, "venue_id moet het nummer van een locatie zijn (GET /api/v1/venues)."});
    } else if (key == "expected_visitors") {
      if (!v.is_number_integer()) errors.push_back({key, "expected_visitors moet een geheel getal zijn."});
      else in.expected_visitors = static_cast<int>(std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 10000000));
    } else if (key == "event_class") {
      auto c = v.is_string() ? ParseClass(v.get<std::string>()) : std::nullopt;
      if (v.is_null()) in.event_class.reset();
      else if (!c) errors.push_back({key, "event_class is melding, A, B of C."});
      else in.event_class = c;
    } else if (key == "status") {
      auto s = v.is_string() ? ParseStatus(v.get<std::string>()) : std::nullopt;
      if (!s) {
        errors.push_back({key, "status is concept, ingediend, goedgekeurd, afgewezen of geannuleerd."});
      } else if (!moderator && (*s == Status::kApproved || *s == Status::kRejected)) {
        errors.push_back({key, "Goedkeuren en afwijzen doen de beheerder en de gemeente."});
      } else {
        in.status = *s;
      }
    } else if (key == "changes") {
      if (!v.is_array()) {
        errors.push_back({key, "changes moet een lijst zijn van {recurrence_id, cancelled, start, end}."});
        continue;
      }
      std::vector<OccurrenceChange> changes;
      for (const json& item : v) {
        if (!item.is_object() || !item.contains("recurrence_id")) {
          errors.push_back({key, "Elke wijziging noemt de oorspronkelijke begintijd (recurrence_id)."});
          continue;
        }
        OccurrenceChange change;
        if (auto rid = time("changes", item["recurrence_id"])) change.recurrence_id = *rid;
        if (item.contains("cancelled")) flag("changes", item["cancelled"], change.cancelled);
        if (item.contains("start") && !item["start"].is_null()) change.start = time("changes", item["start"]);
        if (item.contains("end") && !item["end"].is_null()) change.end = time("changes", item["end"]);
        changes.push_back(change);
      }
      out.changes = std::move(changes);
    } else {
      errors.push_back({key, "Onbekend veld '" + key.substr(0, 40) + "'."});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

std::vector<std::int64_t> VenueIds(const std::vector<Place>& places) {
  std::vector<std::int64_t> ids;
  for (const Place& p : places) ids.push_back(p.id);
  return ids;
}

// The range whose occurrences count for an event's clashes: its first year (or its own length).
std::pair<Instant, Instant> ClashRange(const EventRecord& e) {
  bool series = !e.rrule.empty() || !e.rdates.empty();
  return {e.start, series ? e.start + days{366} : e.end};
}

json ClashesJson(EventsRepository& repo, const EventRecord& e, const std::vector<Place>& places, Instant from,
                 Instant to) {
  auto others = repo.Candidates(from - days{4}, to + days{4});
  json clashes = json::array();
  for (const Clash& c : ClashesOf(e, others, places, from, to)) {
    clashes.push_back({{"kind", c.kind},
                       {"with_event_id", c.with_event_id ? json(*c.with_event_id) : json(nullptr)},
                       {"reason", c.reason}});
  }
  return clashes;
}

std::optional<std::int64_t> IdParam(const Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return std::nullopt;
  return id;
}

Response NoSuchEvent(const Request& request) {
  return JsonError(Error::NotFound("Evenement " + std::string(request.Param("id")).substr(0, 40) + " bestaat niet."));
}

// Visible to everyone when published; else to moderators and its submitter.
bool MaySee(const Request& request, const EventRecord& e) { return IsPublished(e) || MayEdit(request, e); }

}  // namespace

void AddEventRoutes(http::Router& router, std::shared_ptr<EventsRepository> repo, const Clock& clock) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  http::RouteOptions submit{.permission = "events.submit"};

  router.Add(Method::kGet, "/api/v1/venues", [repo](Request&) {
    json venues = json::array();
    for (const Place& p : repo->Venues()) venues.push_back(ToJson(p));
    return JsonResponse({{"venues", std::move(venues)}});
  }, cached);

  // The partnership fills in capacity, residents and sound hours (not public, so not seeded).
  router.Add(Method::kPatch, "/api/v1/venues/{id}", [repo](Request& request) {
    auto id = IdParam(request);
    std::optional<Place> current;
    if (id) {
      for (const Place& p : repo->Venues()) {
        if (p.id == *id) current = p;
      }
    }
    if (!current) return JsonError(Error::NotFound("Locatie " + std::string(request.Param("id")).substr(0, 40) + " bestaat niet."));
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    Place changed = *current;
    std::vector<FieldError> errors;
    auto optional_int = [&](const std::string& key, const json& v, std::optional<int>& target) {
      if (v.is_null()) target.reset();
      else if (v.is_number_integer()) target = static_cast<int>(std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 1000000));
      else errors.push_back({key, key + " moet een geheel getal of null zijn."});
    };
    for (const auto& [key, v] : body.value().items()) {
      if (key == "version") continue;
      if (key == "capacity") optional_int(key, v, changed.capacity);
      else if (key == "sound_from_minutes") optional_int(key, v, changed.sound_from_minutes);
      else if (key == "sound_until_minutes") optional_int(key, v, changed.sound_until_minutes);
      else if (key == "residents" && v.is_boolean()) changed.residents = v.get<bool>();
      else errors.push_back({key, "Te wijzigen zijn capacity, residents, sound_from_minutes en sound_until_minutes."});
    }
    if (!errors.empty()) return JsonError(Error::Invalid(std::move(errors)));
    auto version = body.value().find("version");
    if (version == body.value().end() || !version->is_number_integer()) {
      return JsonError(Error{ErrorKind::kVersionRequired, "Geef de versie van de locatie mee (\"version\")."});
    }
    auto updated = repo->UpdateVenue(*id, changed, version->get<std::int64_t>(), accounts::ActorOf(request));
    if (!updated.ok()) return JsonError(updated.error());
    return JsonResponse(ToJson(updated.value()));
  }, {.permission = "events.moderate"});

  router.Add(Method::kGet, "/api/v1/events", [repo, &clock](Request& request) {
    // The answer is cached by URL, so it must not depend on the clock: without from and to, the same URL with
    // today's bounds (Amsterdam days) is where the answer lives.
    if (!request.Query("from") || !request.Query("to")) {
      sys_days today = AmsterdamToday(clock.Now());
      std::string from(request.Query("from").value_or(FormatIsoDay(today)));
      std::string to(request.Query("to").value_or(FormatIsoDay(today + days{31})));
      std::string location = "/api/v1/events?from=" + http::UrlEncode(from) + "&to=" + http::UrlEncode(to);
      for (const auto& [name, value] : request.query) {
        if (name != "from" && name != "to") location += "&" + http::UrlEncode(name) + "=" + http::UrlEncode(value);
      }
      return Response::Redirect(location, 307);
    }
    auto places = repo->Venues();
    auto filter = FilterFromQuery(request, places, clock.Now(), 31);
    if (!filter.ok()) return JsonError(filter.error());
    const AgendaFilter& f = filter.value();
    auto events = repo->Candidates(f.from, f.to);
    json occurrences = json::array();
    for (const AgendaItem& item : Agenda(events, f)) {
      occurrences.push_back(OccurrenceJson(*item.event, item.occurrence, VenueName(*item.event, places)));
    }
    return JsonResponse({{"from", FormatAmsterdamIso(f.from)},
                         {"to", FormatAmsterdamIso(f.to)},
                         {"occurrences", std::move(occurrences)}});
  }, cached);

  router.Add(Method::kGet, "/api/v1/events/{id}", [repo](Request& request) {
    auto id = IdParam(request);
    std::optional<EventRecord> e;
    if (id) e = repo->Get(*id);
    if (!e || !MaySee(request, *e)) return NoSuchEvent(request);
    return JsonResponse(ToJson(*e));
  }, {.permission = "public"});

  router.Add(Method::kGet, "/api/v1/events/{id}/clashes", [repo](Request& request) {
    auto id = IdParam(request);
    std::optional<EventRecord> e;
    if (id) e = repo->Get(*id);
    if (!e) return NoSuchEvent(request);
    auto [from, to] = ClashRange(*e);
    if (auto q = request.Query("from")) from = ParseEventTime(*q, "Europe/Amsterdam").value_or(from);
    if (auto q = request.Query("to")) to = ParseEventTime(*q, "Europe/Amsterdam").value_or(to);
    if (to <= from || to - from > days{732}) {
      return JsonError(Error::Invalid({{"to", "to moet na from liggen, hoogstens twee jaar later."}}));
    }
    return JsonResponse({{"event_id", e->id}, {"clashes", ClashesJson(*repo, *e, repo->Venues(), from, to)}});
  }, submit);

  router.Add(Method::kPost, "/api/v1/events", [repo](Request& request) {
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    bool moderator = accounts::Can(request, "events.moderate");
    auto parsed = InputFromJson(body.value(), EventInput{}, moderator);
    if (!parsed.ok()) return JsonError(parsed.error());
    const accounts::Principal& principal = accounts::PrincipalOf(request);
    EventInput& in = parsed.value().input;
    if (in.organiser.empty() && principal.user) in.organiser = principal.user->name;
    auto places = repo->Venues();
    auto valid = ValidateEvent(in, VenueIds(places), false);
    if (!valid.ok()) return JsonError(valid.error());
    EventRecord e = std::move(valid.value());
    if (parsed.value().changes) e.changes = *parsed.value().changes;
    if (principal.user) e.owner_user_id = principal.user->id;
    auto stored = repo->Create(e, accounts::ActorOf(request));
    if (!stored.ok()) return JsonError(stored.error());
    json answer = ToJson(stored.value());
    auto [from, to] = ClashRange(stored.value());
    answer["clashes"] = ClashesJson(*repo, stored.value(), places, from, to);
    return JsonResponse(answer, 201);
  }, submit);

  router.Add(Method::kPatch, "/api/v1/events/{id}", [repo](Request& request) {
    auto id = IdParam(request);
    std::optional<EventRecord> current;
    if (id) current = repo->Get(*id);
    // An event the caller may not even see does not exist for them (404, as GET answers), so a PATCH does not
    // reveal it; a published one that is not theirs is 403.
    if (!current || !MaySee(request, *current)) return NoSuchEvent(request);
    if (!MayEdit(request, *current)) {
      return web::JsonError(403, "forbidden", "U kunt alleen uw eigen evenementen wijzigen.");
    }
    auto body = web::ParseJsonObject(request);
    if (!body.ok()) return JsonError(body.error());
    auto parsed = InputFromJson(body.value(), InputOf(*current), accounts::Can(request, "events.moderate"));
    if (!parsed.ok()) return JsonError(parsed.error());
    auto it = body.value().find("version");
    if (it == body.value().end() || it->is_null()) {
      return JsonError(Error{ErrorKind::kVersionRequired,
                             "Geef de versie mee waarop de wijziging is gebaseerd (\"version\"), zodat niemands "
                             "wijziging verloren gaat."});
    }
    if (!it->is_number_integer()) return JsonError(Error::Invalid({{"version", "version moet een geheel getal zijn."}}));
    auto places = repo->Venues();
    auto valid = ValidateEvent(parsed.value().input, VenueIds(places), current->regional);
    if (!valid.ok()) return JsonError(valid.error());
    EventRecord e = std::move(valid.value());
    e.changes = parsed.value().changes ? *parsed.value().changes : current->changes;
    auto updated = repo->Update(*id, e, it->get<std::int64_t>(), accounts::ActorOf(request));
    if (!updated.ok()) {
      if (updated.error().kind == ErrorKind::kConflict) {
        json answer = json::parse(JsonError(updated.error()).body);
        if (auto now = repo->Get(*id)) answer["current"] = ToJson(*now);
        return JsonResponse(answer, 409);
      }
      return JsonError(updated.error());
    }
    json answer = ToJson(updated.value());
    auto [from, to] = ClashRange(updated.value());
    answer["clashes"] = ClashesJson(*repo, updated.value(), places, from, to);
    return JsonResponse(answer);
  }, submit);

  // A regional calendar as the request body (Content-Type text/calendar), ?source=name; all or nothing.
  router.Add(Method::kPost, "/api/v1/events/import", [repo](Request& request) {
    auto type = request.Header("content-type");
    if (!type || !type->starts_with("text/calendar")) {
      return JsonError(Error{ErrorKind::kMalformed, "Stuur de agenda als Content-Type: text/calendar."});
    }
    std::string source(request.Query("source").value_or(""));
    if (source.empty() || source.size() > 100) {
      return JsonError(Error::Invalid({{"source", "Geef de naam van de regionale agenda mee (?source=...)."}}));
    }
    auto parsed = ParseCalendar(request.body);
    if (!parsed.ok()) return JsonError(parsed.error());
    for (const EventRecord& e : parsed.value()) {
      if (e.title.empty() || LooksLikeHtml(e.title) || e.end < e.start) {
        return JsonError(Error::Invalid({{e.uid.substr(0, 120), "Evenement " + e.uid.substr(0, 80) +
                                                                    " heeft geen titel, HTML in de titel of een einde "
                                                                    "vóór het begin. Er is niets geïmporteerd."}}));
      }
    }
    auto report = repo->Import(source, parsed.value(), accounts::ActorOf(request));
    if (!report.ok()) return JsonError(report.error());
    const ImportReport& r = report.value();
    return JsonResponse({{"source", source},
                         {"created", r.created},
                         {"updated", r.updated},
                         {"unchanged", r.unchanged},
                         {"cancelled", r.cancelled}});
  }, {.permission = "events.moderate"});

  AddEventFeedRoutes(router, repo, clock);
  AddEventPageRoutes(router, repo, clock);
}

}  // namespace stadshart::events
