#include "events/recurrence.h"

#include <date/tz.h>

#include <algorithm>

#include "events/ical_support.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

const date::time_zone* Amsterdam() {
  static const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
  return zone;
}

struct Iterator {
  explicit Iterator(icalrecur_iterator* it) : it(it) {}
  ~Iterator() {
    if (it) icalrecur_iterator_free(it);
  }
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;
  icalrecur_iterator* it;
};

// The series' starts (RRULE from DTSTART, plus RDATEs) before `until`, from about `from` on.
std::vector<Instant> SeriesStarts(const EventRecord& event, Instant from, Instant until, std::size_t cap) {
  std::vector<Instant> starts;
  if (event.rrule.empty()) {
    starts.push_back(event.start);
  } else {
    ical::QuietErrors();
    icalrecurrencetype rule = icalrecurrencetype_from_string(event.rrule.c_str());
    if (rule.freq == ICAL_NO_RECURRENCE) return {};
    LocalTime local_start = ToAmsterdam(event.start);
    // An all-day series starts on a DATE (as DTSTART;VALUE=DATE in the feed), so that an UNTIL given as a date
    // (RFC 5545: the same value type as DTSTART) includes its own day.
    Iterator it(icalrecur_iterator_new(rule, ical::FromLocal(local_start, event.all_day)));
    if (it.it == nullptr) return {};
    // Without COUNT libical can jump ahead, which keeps an unbounded daily rule from 2019 cheap in 2030. A day's
    // margin covers the offset between wall-clock and UTC.
    if (rule.count == 0 && from > event.start + days{2}) {
      icalrecur_iterator_set_start(it.it, ical::FromLocal(ToAmsterdam(from) - days{1}, event.all_day));
    }
    for (std::size_t steps = 0; steps < cap * 4 + 1000; ++steps) {
      icaltimetype next = icalrecur_iterator_next(it.it);
      if (icaltime_is_null_time(next)) break;
      Instant start = FromAmsterdam(ical::ToLocal(next));
      if (start >= until) break;
      starts.push_back(start);
    }
  }
  for (Instant rdate : event.rdates) {
    if (rdate < until) starts.push_back(rdate);
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

}  // namespace

LocalTime ToAmsterdam(Instant instant) {
  auto local = date::make_zoned(Amsterdam(), instant).get_local_time();
  return LocalTime{local.time_since_epoch()};
}

Instant FromAmsterdam(LocalTime local) {
  date::local_seconds l{local.time_since_epoch()};
  date::local_info info = Amsterdam()->get_info(l);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // the first of the two: summer time
      return Instant{l.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:  // in the gap: the offset before it
      return Instant{l.time_since_epoch() - info.first.offset};
  }
  return Instant{l.time_since_epoch() - info.first.offset};
}

std::optional<std::string> CheckRrule(std::string_view rrule) {
  ical::QuietErrors();
  std::string text(rrule);
  if (text.starts_with("RRULE:")) text.erase(0, 6);
  if (text.empty()) return "De herhaling (RRULE) is leeg.";
  icalerror_clear_errno();
  icalrecurrencetype rule = icalrecurrencetype_from_string(text.c_str());
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return "De herhaling (RRULE) '" + text.substr(0, 100) + "' is geen geldige RFC 5545-regel, bijvoorbeeld "
           "FREQ=WEEKLY;BYDAY=SA.";
  }
  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE) {
    return "Een evenement herhaalt niet per seconde of per minuut; gebruik bijvoorbeeld FREQ=WEEKLY.";
  }
  return std::nullopt;
}

std::vector<Occurrence> Expand(const EventRecord& event, Instant from, Instant to, std::size_t limit) {
  std::vector<Occurrence> result;
  if (to <= from || event.end < event.start) return result;
  const seconds duration = event.end - event.start;
  // An all-day event lasts whole Amsterdam days, not a number of seconds: from local midnight to local midnight,
  // so 23 hours on the day of the March change and 25 on that of October (the feed says DTSTART;VALUE=DATE).
  const seconds local_span = ToAmsterdam(event.end) - ToAmsterdam(event.start);
  auto end_of = [&](Instant start) {
    return event.all_day ? FromAmsterdam(ToAmsterdam(start) + local_span) : start + duration;
  };
  // EXDATE and RECURRENCE-ID of an all-day event are dates in the feed: they match the occurrence of that day.
  auto same = [&](Instant a, Instant b) {
    return event.all_day ? floor<days>(ToAmsterdam(a)) == floor<days>(ToAmsterdam(b)) : a == b;
  };
  // A moved occurrence may land in the range from outside it: look a month either side for the series.
  const Instant look_from = from - duration - days{31};
  const Instant look_until = to + days{31};
  for (Instant rid : SeriesStarts(event, look_from, look_until, limit + 64)) {
    if (std::any_of(event.exdates.begin(), event.exdates.end(), [&](Instant ex) { return same(ex, rid); })) continue;
    Occurrence o{rid, rid, end_of(rid), false, false};
    for (const OccurrenceChange& change : event.changes) {
      if (!same(change.recurrence_id, rid)) continue;
      o.changed = true;
      o.cancelled = change.cancelled;
      if (change.start) o.start = *change.start;
      if (change.end) o.end = *change.end;
      else if (change.start) o.end = end_of(*change.start);
    }
    if (o.start < to && (o.end > from || (o.end == o.start && o.start >= from))) result.push_back(o);
  }
  std::sort(result.begin(), result.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.recurrence_id < b.recurrence_id;
  });
  if (result.size() > limit) result.resize(limit);
  return result;
}

}  // namespace stadshart::events
