#include "events/ics.h"

#include <date/tz.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "common/text.h"
#include "events/ical_support.h"
#include "events/recurrence.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

constexpr const char* kZone = "Europe/Amsterdam";

// Europe/Amsterdam as it has been since 1996 (EU rules: last Sunday of March 02:00 -> 03:00, last Sunday of
// October 03:00 -> 02:00); every event we publish is later than that.
constexpr const char* kAmsterdamVtimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Amsterdam\r\n"
    "X-LIC-LOCATION:Europe/Amsterdam\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "DTSTART:19810329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "DTSTART:19961027T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype UtcTime(Instant instant) {
  icaltimetype t = ical::FromLocal(LocalTime{instant.time_since_epoch()});
  return icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
}

// A property holding an Amsterdam time (TZID) or, for all-day events, a date.
icalproperty* WithZone(icalproperty* property, bool all_day) {
  if (all_day) icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE));
  else icalproperty_add_parameter(property, icalparameter_new_tzid(kZone));
  return property;
}

icaltimetype LocalOf(Instant instant, bool all_day) { return ical::FromLocal(ToAmsterdam(instant), all_day); }

const Place* FindPlace(const std::vector<Place>& places, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  for (const Place& p : places) {
    if (p.id == *id) return &p;
  }
  return nullptr;
}

// The properties every VEVENT of the event carries (master and overrides).
void AddCommon(icalcomponent* vevent, const EventRecord& e, const Place* place, const FeedInfo& info) {
  icalcomponent_add_property(vevent, icalproperty_new_uid(e.uid.c_str()));
  Instant stamp = ParseUtc(e.updated_at).value_or(Instant{});
  icalcomponent_add_property(vevent, icalproperty_new_dtstamp(UtcTime(stamp)));
  icalcomponent_add_property(vevent, icalproperty_new_lastmodified(UtcTime(stamp)));
  icalcomponent_add_property(vevent, icalproperty_new_sequence(static_cast<int>(e.sequence)));
  icalcomponent_add_property(vevent, icalproperty_new_summary(e.title.c_str()));
  if (!e.description.empty()) icalcomponent_add_property(vevent, icalproperty_new_description(e.description.c_str()));
  std::string location = place ? place->name + (place->address.empty() ? "" : ", " + place->address) : e.location;
  if (!location.empty()) icalcomponent_add_property(vevent, icalproperty_new_location(location.c_str()));
  if (place) icalcomponent_add_property(vevent, icalproperty_new_geo(icalgeotype{place->lat, place->lon}));
  if (!e.category.empty()) icalcomponent_add_property(vevent, icalproperty_new_categories(e.category.c_str()));
  if (!e.organiser.empty()) {
    icalproperty* x = icalproperty_new_x(e.organiser.c_str());
    icalproperty_set_x_name(x, "X-STADSHART-ORGANISATOR");
    icalcomponent_add_property(vevent, x);
  }
  if (!info.event_base.empty()) {
    icalcomponent_add_property(vevent, icalproperty_new_url((info.event_base + std::to_string(e.id)).c_str()));
  }
}

}  // namespace

std::string WriteCalendar(const std::vector<EventRecord>& events, const std::vector<Place>& places,
                          const FeedInfo& info) {
  ical::QuietErrors();
  Component cal(icalcomponent_new_vcalendar());
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Stadshart//Evenementen binnenstad//NL"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal.get(), icalproperty_new_name(info.name.c_str()));
  icalproperty* calname = icalproperty_new_x(info.name.c_str());
  icalproperty_set_x_name(calname, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), calname);
  icalcomponent_add_property(cal.get(), icalproperty_new_description(info.description.c_str()));
  icalproperty* tz = icalproperty_new_x(kZone);
  icalproperty_set_x_name(tz, "X-WR-TIMEZONE");
  icalcomponent_add_property(cal.get(), tz);
  icalcomponent_add_property(cal.get(), icalproperty_new_refreshinterval(icaldurationtype_from_int(3600)));
  if (!info.url.empty()) icalcomponent_add_property(cal.get(), icalproperty_new_source(info.url.c_str()));
  icalcomponent_add_component(cal.get(), icalcomponent_new_from_string(kAmsterdamVtimezone));

  for (const EventRecord& e : events) {
    const Place* place = FindPlace(places, e.venue_id);
    icalcomponent* vevent = icalcomponent_new_vevent();
    AddCommon(vevent, e, place, info);
    icalcomponent_add_property(vevent, WithZone(icalproperty_new_dtstart(LocalOf(e.start, e.all_day)), e.all_day));
    icalcomponent_add_property(vevent, WithZone(icalproperty_new_dtend(LocalOf(e.end, e.all_day)), e.all_day));
    icalcomponent_add_property(vevent, icalproperty_new_status(e.status == Status::kCancelled
                                                                   ? ICAL_STATUS_CANCELLED
                                                                   : (e.status == Status::kApproved
                                                                          ? ICAL_STATUS_CONFIRMED
                                                                          : ICAL_STATUS_TENTATIVE)));
    if (!e.rrule.empty()) {
      icalcomponent_add_property(vevent, icalproperty_new_rrule(icalrecurrencetype_from_string(e.rrule.c_str())));
    }
    for (Instant ex : e.exdates) {
      icalcomponent_add_property(vevent, WithZone(icalproperty_new_exdate(LocalOf(ex, e.all_day)), e.all_day));
    }
    for (Instant r : e.rdates) {
      icaldatetimeperiodtype rdate{};
      rdate.time = LocalOf(r, e.all_day);
      rdate.period = icalperiodtype_null_period();
      icalcomponent_add_property(vevent, WithZone(icalproperty_new_rdate(rdate), e.all_day));
    }
    icalcomponent_add_component(cal.get(), vevent);

    const seconds duration = e.end - e.start;
    for (const OccurrenceChange& change : e.changes) {
      icalcomponent* over = icalcomponent_new_vevent();
      AddCommon(over, e, place, info);
      icalcomponent_add_property(
          over, WithZone(icalproperty_new_recurrenceid(LocalOf(change.recurrence_id, e.all_day)), e.all_day));
      Instant start = change.start.value_or(change.recurrence_id);
      Instant end = change.end.value_or(start + duration);
      icalcomponent_add_property(over, WithZone(icalproperty_new_dtstart(LocalOf(start, e.all_day)), e.all_day));
      icalcomponent_add_property(over, WithZone(icalproperty_new_dtend(LocalOf(end, e.all_day)), e.all_day));
      icalcomponent_add_property(
          over, icalproperty_new_status(change.cancelled || e.status == Status::kCancelled ? ICAL_STATUS_CANCELLED
                                                                                           : ICAL_STATUS_CONFIRMED));
      icalcomponent_add_component(cal.get(), over);
    }
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

namespace {

struct ReadTime {
  Instant instant;
  bool is_date = false;
};

// The instant of a DATE or DATE-TIME value: UTC, a TZID the IANA database or the calendar's VTIMEZONE knows, or
// floating (read as Amsterdam wall-clock).
std::optional<ReadTime> InstantOf(icalcomponent* cal, icalproperty* property, icaltimetype t) {
  if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) return std::nullopt;
  if (t.is_date) return ReadTime{FromAmsterdam(ical::ToLocal(t)), true};
  if (icaltime_is_utc(t)) return ReadTime{Instant{ical::ToLocal(t).time_since_epoch()}, false};
  const char* tzid = property ? icalproperty_get_parameter_as_string(property, "TZID") : nullptr;
  if (tzid && *tzid) {
    std::string name = tzid;
    if (name.starts_with("/")) name.erase(0, 1);  // "/Europe/Amsterdam" from some exporters
    try {
      const date::time_zone* zone = date::locate_zone(name);
      date::local_seconds local{ical::ToLocal(t).time_since_epoch()};
      auto info = zone->get_info(local);
      return ReadTime{Instant{local.time_since_epoch() - info.first.offset}, false};
    } catch (const std::runtime_error&) {
      if (icaltimezone* own = icalcomponent_get_timezone(cal, tzid)) {
        return ReadTime{Instant{seconds{icaltime_as_timet_with_zone(t, own)}}, false};
      }
    }
  }
  return ReadTime{FromAmsterdam(ical::ToLocal(t)), false};
}

std::string TextOf(const char* value) { return value ? std::string(value) : std::string(); }

std::string Where(const std::string& uid, int position) {
  return uid.empty() ? "evenement " + std::to_string(position) : uid.substr(0, 120);
}

}  // namespace

Result<std::vector<EventRecord>> ParseCalendar(std::string_view text) {
  ical::QuietErrors();
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  while (!body.empty() && (body.front() == '\r' || body.front() == '\n' || body.front() == ' ')) body.remove_prefix(1);
  if (!body.starts_with("BEGIN:VCALENDAR")) {
    return Error{ErrorKind::kMalformed, "Dit is geen iCalendar-bestand: het begint niet met BEGIN:VCALENDAR."};
  }
  if (!text::IsValidUtf8(body)) return Error{ErrorKind::kMalformed, "Het iCalendar-bestand is geen geldige UTF-8-tekst."};
  Component cal(icalparser_parse_string(std::string(body).c_str()));
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT) {
    return Error{ErrorKind::kMalformed, "Dit iCalendar-bestand kan niet gelezen worden (één VCALENDAR verwacht)."};
  }

  std::vector<EventRecord> events;
  std::map<std::string, std::size_t> by_uid;
  struct Pending {
    std::string uid;
    OccurrenceChange change;
  };
  std::vector<Pending> overrides;
  std::vector<FieldError> errors;
  int position = 0;
  for (icalcomponent* c = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); c != nullptr;
       c = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
    ++position;
    std::string uid = TextOf(icalcomponent_get_uid(c));
    if (uid.empty()) {
      errors.push_back({Where(uid, position), "Evenement " + std::to_string(position) + " heeft geen UID."});
      continue;
    }
    if (uid.size() > 255) {
      errors.push_back({Where(uid, position), "De UID van evenement " + std::to_string(position) + " is te lang."});
      continue;
    }
    // libical turns what it cannot read (an RRULE "FREQ=SOMETIMES", a broken date) into X-LIC-ERROR.
    if (icalproperty* problem = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY)) {
      errors.push_back({Where(uid, position), "Evenement " + uid.substr(0, 80) + " bevat iets onleesbaars: " +
                                                  TextOf(icalproperty_get_xlicerror(problem)).substr(0, 200)});
      continue;
    }
    icalproperty* dtstart = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
    auto start = dtstart ? InstantOf(cal.get(), dtstart, icalproperty_get_dtstart(dtstart)) : std::nullopt;
    if (!start) {
      errors.push_back({Where(uid, position), "Evenement " + uid.substr(0, 80) + " heeft geen (leesbare) DTSTART."});
      continue;
    }
    std::optional<ReadTime> end;
    if (icalproperty* dtend = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY)) {
      end = InstantOf(cal.get(), dtend, icalproperty_get_dtend(dtend));
    } else if (icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY)) {
      icaldurationtype d = icalcomponent_get_duration(c);
      seconds length{icaldurationtype_as_int(d)};
      // After a DATE, DURATION:P1D is a day of the calendar (23 or 25 hours on a change day), not 86,400 s.
      end = ReadTime{start->is_date ? FromAmsterdam(ToAmsterdam(start->instant) + length) : start->instant + length, false};
    }
    // A DATE without DTEND or DURATION lasts its day (RFC 5545 §3.6.1): until the next local midnight.
    if (!end) end = ReadTime{start->is_date ? FromAmsterdam(ToAmsterdam(start->instant) + days{1}) : start->instant, false};
    bool cancelled = icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED;

    if (icalproperty* rid = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY)) {
      auto when = InstantOf(cal.get(), rid, icalproperty_get_recurrenceid(rid));
      if (!when) {
        errors.push_back({Where(uid, position), "Een RECURRENCE-ID van " + uid.substr(0, 80) + " is onleesbaar."});
        continue;
      }
      overrides.push_back({uid, {when->instant, cancelled, start->instant, end->instant}});
      continue;
    }

    EventRecord e;
    e.uid = uid;
    e.title = text::Trim(TextOf(icalcomponent_get_summary(c)));
    e.description = TextOf(icalcomponent_get_description(c));
    e.location = TextOf(icalcomponent_get_location(c));
    e.start = start->instant;
    e.end = end->instant;
    e.all_day = start->is_date;
    e.sequence = icalcomponent_get_sequence(c);
    e.status = cancelled ? Status::kCancelled : Status::kApproved;
    if (icalproperty* cat = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY)) {
      e.category = TextOf(icalproperty_get_categories(cat));
    }
    if (icalproperty* rrule = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY)) {
      icalrecurrencetype recur = icalproperty_get_rrule(rrule);
      char* rule_text = recur.freq == ICAL_NO_RECURRENCE ? nullptr : icalrecurrencetype_as_string_r(&recur);
      e.rrule = TextOf(rule_text);
      std::free(rule_text);
      if (e.rrule.empty()) {
        errors.push_back({Where(uid, position), "De herhaling (RRULE) van " + uid.substr(0, 80) + " is ongeldig."});
        continue;
      }
      if (auto problem = CheckRrule(e.rrule)) {
        errors.push_back({Where(uid, position), *problem});
        continue;
      }
    }
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY)) {
      if (auto ex = InstantOf(cal.get(), p, icalproperty_get_exdate(p))) e.exdates.push_back(ex->instant);
    }
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY)) {
      icaldatetimeperiodtype r = icalproperty_get_rdate(p);
      if (auto rd = InstantOf(cal.get(), p, r.time)) e.rdates.push_back(rd->instant);
    }
    if (by_uid.contains(uid)) {
      errors.push_back({Where(uid, position), "UID " + uid.substr(0, 80) + " komt twee keer voor zonder RECURRENCE-ID."});
      continue;
    }
    by_uid[uid] = events.size();
    events.push_back(std::move(e));
  }
  for (Pending& p : overrides) {
    auto it = by_uid.find(p.uid);
    if (it == by_uid.end()) {
      errors.push_back({p.uid.substr(0, 120), "Een gewijzigde datum (RECURRENCE-ID) van " + p.uid.substr(0, 80) +
                                                  " hoort bij geen evenement in dit bestand."});
      continue;
    }
    events[it->second].changes.push_back(p.change);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (events.empty() && position == 0) {
    return Error{ErrorKind::kMalformed, "Dit iCalendar-bestand bevat geen evenementen (VEVENT)."};
  }
  return events;
}

}  // namespace stadshart::events
