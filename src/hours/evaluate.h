// Evaluating a Schedule in a time zone and at a place: the state at an instant, the next change, and the open
// (or unknown) intervals over a range. All instants are UTC (std::chrono::sys_seconds); days, weekdays and clock
// times are those of the given IANA time zone, so a day can be 23 or 25 hours long (daylight saving).
//
// Semantics (OSM wiki, as opening_hours.js implements them):
//  - rules apply in order; a ";" rule that matches a day replaces what earlier rules said about that day (except
//    "closed" with times, which only closes those times); a "," rule adds to it; a "||" rule fills the times that
//    are still closed;
//  - a time range past midnight ("22:00-02:00", "Fr 18:00-26:00") belongs to the day it starts on and spills into
//    the next day;
//  - an open end ("17:00+") is unknown from its start until a later range of the day begins, or until a guessed
//    closing time (midnight for starts before 17:00, else 10 hours after the hour);
//  - a rule matched through PH without its own comment gets the holiday's name as comment.
//
// An Evaluator is immutable after Create and may be used from several threads at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "hours/holidays.h"
#include "hours/result.h"
#include "hours/schedule.h"

namespace date {
class time_zone;
}

namespace stadshart::hours {

using Instant = std::chrono::sys_seconds;

struct Location {
  double latitude = 0;
  double longitude = 0;
};

struct EvaluationContext {
  std::string time_zone = "Europe/Amsterdam";
  std::optional<Location> location;               // needed for sunrise, sunset, dawn, dusk
  std::optional<PublicHolidays> public_holidays;  // needed for PH
  std::optional<SchoolHolidays> school_holidays;  // needed for SH
};

struct State {
  RuleState state = RuleState::kClosed;
  std::optional<std::string> comment;
  bool operator==(const State&) const = default;
};

struct Interval {
  Instant from;
  Instant to;
  bool unknown = false;  // state unknown rather than open
  std::optional<std::string> comment;
  bool operator==(const Interval&) const = default;
};

class Evaluator {
 public:
  // Fails (position 0) when the time zone is unknown, or the schedule uses PH, SH or sun times and the context has
  // no public holidays, school holidays or location.
  static Result<Evaluator> Create(Schedule schedule, EvaluationContext context);

  State StateAt(Instant instant) const;

  // The first instant after `after` at which open/closed/unknown changes (comments alone do not count), looking
  // no further than `horizon`; nullopt when nothing changes before it.
  std::optional<Instant> NextChange(Instant after, Instant horizon) const;

  // Open and unknown intervals intersected with [from, to), in order; adjacent intervals with the same state and
  // comment are merged.
  std::vector<Interval> Intervals(Instant from, Instant to) const;

  // One local day's pieces, covering it without gaps (closed where nothing applies): for tests and analysis.
  struct Piece {
    Instant from;
    Instant to;
    State state;
  };
  std::vector<Piece> DayPieces(date::sys_days day) const;

 private:
  Evaluator(Schedule schedule, EvaluationContext context, const date::time_zone* zone)
      : schedule_(std::move(schedule)), context_(std::move(context)), zone_(zone) {}

  Schedule schedule_;
  EvaluationContext context_;
  const date::time_zone* zone_;
};

}  // namespace stadshart::hours
