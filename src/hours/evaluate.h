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
//
// Speed: Create compiles a schedule whose rules select only weekdays (no years, dates, weeks, nth weekdays or sun
// times; PH and SH are allowed) into seven day templates in minutes. A day whose weekday template applies (no
// holiday on it or, for a rule that spills past midnight, the day before) is then read from the template without
// building it; when the only holiday items are PH without offset in rules that stay within the day, holidays have
// seven templates of their own. Minutes become instants with one time-zone offset for every day that has no
// daylight-saving change. Other schedules and days build the day rule by rule. Both give the same results
// (evaluate_test.cc compares them).
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hours/holidays.h"
#include "hours/result.h"
#include "hours/schedule.h"
#include "hours/zone_offsets.h"

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

  // A stretch of a local day in minutes [from, to) (0 <= from < to <= 1440); a day's pieces cover it in order,
  // adjacent pieces differ in state.
  struct MinutePiece {
    int from = 0;
    int to = 0;
    State state;
  };

 private:
  Evaluator(Schedule schedule, EvaluationContext context, const date::time_zone* zone)
      : schedule_(std::move(schedule)), context_(std::move(context)), zone_(zone), offsets_(ZoneOffsets::For(zone)) {}
  void CompileWeek();

  // The day's pieces in minutes: the weekday template when it applies, else built into `scratch`.
  std::span<const MinutePiece> MinutePieces(date::sys_days day, std::vector<MinutePiece>& scratch) const;
  // Whether a holiday item of the schedule could match the day or spill into it from the day before.
  bool HolidayNear(date::sys_days day) const;

  Schedule schedule_;
  EvaluationContext context_;
  const date::time_zone* zone_;
  std::shared_ptr<const ZoneOffsets> offsets_;
  // The compiled week (CompileWeek): empty when the schedule is not weekly.
  std::vector<MinutePiece> week_pieces_;
  // [begin, end) in week_pieces_ per weekday, Monday first; then, with has_holiday_templates_, the same weekdays
  // when they are a public holiday (the holiday's name filled in when used).
  std::array<std::pair<int, int>, 14> week_index_{};
  bool has_holiday_templates_ = false;
  struct HolidayProbe {
    HolidayKind kind = HolidayKind::kPublic;
    int day_offset = 0;
    bool spills = false;  // a rule with this item reaches past midnight
  };
  std::vector<HolidayProbe> holiday_probes_;  // the distinct holiday items of the schedule
};

}  // namespace stadshart::hours
