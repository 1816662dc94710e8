#include "events/event.h"

#include <date/date.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "common/text.h"
#include "events/recurrence.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

constexpr std::pair<Status, std::string_view> kStatusCodes[] = {{Status::kConcept, "concept"},
                                                                 {Status::kSubmitted, "ingediend"},
                                                                 {Status::kApproved, "goedgekeurd"},
                                                                 {Status::kRejected, "afgewezen"},
                                                                 {Status::kCancelled, "geannuleerd"}};

template <std::size_t N>
bool OneOf(const char* const (&list)[N], std::string_view value) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* item) { return value == item; });
}

template <std::size_t N>
std::string Joined(const char* const (&list)[N]) {
  std::string out;
  for (const char* item : list) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

std::size_t Utf8Length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

Venue Place::ForClashes() const {
  Venue v{id, name, capacity, std::nullopt};
  if (sound_from_minutes && sound_until_minutes) v.sound_minutes = std::pair{*sound_from_minutes, *sound_until_minutes};
  return v;
}

std::string_view StatusCode(Status s) {
  for (const auto& [status, code] : kStatusCodes) {
    if (status == s) return code;
  }
  return "ingediend";
}

std::optional<Status> ParseStatus(std::string_view code) {
  for (const auto& [status, text] : kStatusCodes) {
    if (text == code) return status;
  }
  return std::nullopt;
}

std::optional<EventClass> ParseClass(std::string_view code) {
  if (code == "melding") return EventClass::kMelding;
  if (code == "A" || code == "a") return EventClass::kA;
  if (code == "B" || code == "b") return EventClass::kB;
  if (code == "C" || code == "c") return EventClass::kC;
  return std::nullopt;
}

bool LooksLikeHtml(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '<') continue;
    char next = text[i + 1];
    if (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?') return true;
  }
  return false;
}

EventClass DefaultClass(Instant start, Instant end, int expected_visitors, const AssenRules& rules) {
  if (expected_visitors > 5000) return EventClass::kC;
  LocalTime local_start = ToAmsterdam(start), local_end = ToAmsterdam(end);
  auto day = floor<days>(local_start);
  weekday wd{day};
  bool late_week = wd == Friday || wd == Saturday || wd == Sunday;
  int limit = late_week ? rules.a_end_minutes_fri_sun : rules.a_end_minutes_mon_thu;
  auto end_minutes = duration_cast<minutes>(local_end - LocalTime{day}).count();
  bool fits_a = expected_visitors <= rules.a_event_max_visitors && end - start <= hours{24} && end_minutes <= limit;
  return fits_a ? EventClass::kA : EventClass::kB;
}

std::optional<Instant> ParseEventTime(std::string_view text, std::string_view tz) {
  std::string s = text::Trim(text);
  if (s.size() < 16 || s.size() > 40) return std::nullopt;
  // With an offset or Z: let date parse "%FT%T%Ez" or "%FT%TZ"; seconds optional.
  auto try_parse = [&](const char* format) -> std::optional<Instant> {
    std::istringstream in{s};
    Instant instant;
    in >> date::parse(format, instant);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return instant;
  };
  auto try_local = [&](const char* format) -> std::optional<Instant> {
    std::istringstream in{s};
    date::local_seconds local;
    in >> date::parse(format, local);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return FromAmsterdam(LocalTime{local.time_since_epoch()});
  };
  char last = s.back();
  bool has_zone = last == 'Z' || last == 'z' ||
                  (s.size() >= 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') && s[s.size() - 3] == ':');
  if (has_zone) {
    if (last == 'Z' || last == 'z') {
      s.back() = 'Z';
      if (auto t = try_parse("%Y-%m-%dT%H:%M:%SZ")) return t;
      return try_parse("%Y-%m-%dT%H:%MZ");
    }
    if (auto t = try_parse("%Y-%m-%dT%H:%M:%S%Ez")) return t;
    return try_parse("%Y-%m-%dT%H:%M%Ez");
  }
  if (tz != "Europe/Amsterdam") return std::nullopt;
  if (auto t = try_local("%Y-%m-%dT%H:%M:%S")) return t;
  return try_local("%Y-%m-%dT%H:%M");
}

std::string FormatAmsterdamIso(Instant instant) {
  LocalTime local = ToAmsterdam(instant);
  auto offset = duration_cast<minutes>(local.time_since_epoch() - instant.time_since_epoch()).count();
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", sign, static_cast<int>(offset / 60), static_cast<int>(offset % 60));
  return date::format("%Y-%m-%dT%H:%M:%S", date::local_seconds{local.time_since_epoch()}) + zone;
}

Result<EventRecord> ValidateEvent(const EventInput& in, const std::vector<std::int64_t>& venue_ids, bool regional) {
  std::vector<FieldError> errors;
  EventRecord e;
  e.title = text::Trim(in.title);
  if (e.title.empty()) {
    errors.push_back({"title", "Geef het evenement een titel."});
  } else if (Utf8Length(e.title) > 200) {
    errors.push_back({"title", "De titel is te lang (hoogstens 200 tekens)."});
  } else if (LooksLikeHtml(e.title)) {
    errors.push_back({"title", "De titel mag geen HTML bevatten; schrijf gewone tekst."});
  } else if (!text::IsValidUtf8(e.title)) {
    errors.push_back({"title", "De titel is geen geldige UTF-8-tekst."});
  }
  e.description = in.description;
  if (e.description.size() > 20000) errors.push_back({"description", "De beschrijving is te lang (hoogstens 20.000 tekens)."});
  else if (!text::IsValidUtf8(e.description)) errors.push_back({"description", "De beschrijving is geen geldige UTF-8-tekst."});
  e.organiser = text::Trim(in.organiser);
  if (Utf8Length(e.organiser) > 200) errors.push_back({"organiser", "De naam van de organisator is te lang."});
  e.location = text::Trim(in.location);
  if (e.location.size() > 500) errors.push_back({"location", "De plaatsaanduiding is te lang."});

  if (!in.start) errors.push_back({"start", "Geef het begin op, bijvoorbeeld 2026-12-06T12:00:00+01:00."});
  if (!in.end) errors.push_back({"end", "Geef het einde op, bijvoorbeeld 2026-12-06T17:00:00+01:00."});
  if (in.start && in.end) {
    if (*in.end <= *in.start) {
      errors.push_back({"end", "Het einde ligt vóór of op het begin; een evenement eindigt na het begin."});
    } else if (*in.end - *in.start > days{14}) {
      errors.push_back({"end", "Een evenement duurt hoogstens 14 dagen; gebruik een herhaling voor een reeks."});
    }
    e.start = *in.start;
    e.end = *in.end;
  }
  e.all_day = in.all_day;
  // An all-day event is whole Amsterdam days, as the feed writes it (DTSTART;VALUE=DATE, DTEND the day after
  // the last): the start goes back to its local midnight, the end on to the next one (at least a day on), and
  // every EXDATE and RDATE to the midnight of its day. Else 10:00-18:00 would be DTSTART = DTEND in the feed.
  auto midnight = [](Instant t) { return FromAmsterdam(floor<days>(ToAmsterdam(t))); };
  std::vector<Instant> exdates = in.exdates, rdates = in.rdates;
  if (e.all_day && in.start && in.end && *in.end > *in.start) {
    local_days first = floor<days>(ToAmsterdam(*in.start));
    local_days after = std::max(ceil<days>(ToAmsterdam(*in.end)), first + days{1});
    e.start = FromAmsterdam(first);
    e.end = FromAmsterdam(after);
    for (Instant& t : exdates) t = midnight(t);
    for (Instant& t : rdates) t = midnight(t);
  }

  e.rrule = text::Trim(in.rrule);
  if (e.rrule.starts_with("RRULE:")) e.rrule.erase(0, 6);
  if (!e.rrule.empty()) {
    if (auto problem = CheckRrule(e.rrule)) errors.push_back({"rrule", *problem});
  }
  if ((!in.exdates.empty() || !in.rdates.empty()) && e.rrule.empty() && in.rdates.empty()) {
    errors.push_back({"exdates", "Uitzonderingen (exdates) horen bij een herhaling (rrule)."});
  }
  if (in.exdates.size() > 1000 || in.rdates.size() > 1000) {
    errors.push_back({"exdates", "Te veel uitzonderingen of extra data (hoogstens 1000)."});
  }
  e.exdates = std::move(exdates);
  e.rdates = std::move(rdates);

  e.category = in.category.empty() ? "overig" : in.category;
  if (!OneOf(kCategories, e.category)) {
    errors.push_back({"category", "Onbekende categorie '" + e.category.substr(0, 40) + "'; kies uit " + Joined(kCategories) + "."});
  }
  e.audience = in.audience.empty() ? "iedereen" : in.audience;
  if (!OneOf(kAudiences, e.audience)) {
    errors.push_back({"audience", "Onbekende doelgroep '" + e.audience.substr(0, 40) + "'; kies uit " + Joined(kAudiences) + "."});
  }
  if (in.expected_visitors < 0 || in.expected_visitors > 1000000) {
    errors.push_back({"expected_visitors", "Het verwachte aantal bezoekers ligt tussen 0 en 1.000.000."});
  }
  e.expected_visitors = in.expected_visitors;
  e.amplified_sound = in.amplified_sound;
  e.is_public = in.is_public;
  e.status = in.status;
  e.regional = regional;
  e.city_dressing = in.city_dressing;
  e.city_dressing_budget_eur = in.city_dressing ? kCityDressingBudgetEur : 0;

  e.venue_id = in.venue_id;
  if (!regional) {
    if (!in.venue_id) {
      errors.push_back({"venue_id", "Kies een locatie in de binnenstad."});
    } else if (std::find(venue_ids.begin(), venue_ids.end(), *in.venue_id) == venue_ids.end()) {
      errors.push_back({"venue_id", "Locatie " + std::to_string(*in.venue_id) + " bestaat niet."});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  e.event_class = in.event_class ? *in.event_class : DefaultClass(e.start, e.end, e.expected_visitors);
  return e;
}

EventInput InputOf(const EventRecord& e) {
  EventInput in;
  in.title = e.title;
  in.description = e.description;
  in.organiser = e.organiser;
  in.rrule = e.rrule;
  in.category = e.category;
  in.audience = e.audience;
  in.location = e.location;
  in.venue_id = e.venue_id;
  in.start = e.start;
  in.end = e.end;
  in.all_day = e.all_day;
  in.exdates = e.exdates;
  in.rdates = e.rdates;
  in.expected_visitors = e.expected_visitors;
  in.amplified_sound = e.amplified_sound;
  in.event_class = e.event_class;
  in.is_public = e.is_public;
  in.status = e.status;
  in.city_dressing = e.city_dressing;
  return in;
}

}  // namespace stadshart::events
