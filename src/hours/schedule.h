// The parsed form of an opening_hours expression (OSM wiki "Key:opening_hours/specification"): a Schedule is a
// list of rules; a rule is a list of selectors that must all match a day, optional time spans, a state and a
// comment. Produced by Parse (parse.h), read by the evaluator (evaluate.h) and by Prettify (prettify.h).
// Plain values: copyable, no references into the source text.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stadshart::hours {

enum class RuleState { kOpen, kClosed, kUnknown };

// How a rule is joined to the rule before it.
enum class Separator {
  kNormal,      // ";"  (or the first rule): overrides earlier rules on the days it matches
  kAdditional,  // ","  adds to earlier rules without clearing the day
  kFallback,    // "||" applies only where earlier rules left the time closed
};

// A clock time: fixed minutes since midnight (0..2880), or a sun event plus an offset in minutes.
enum class TimeBase { kClock, kSunrise, kSunset, kDawn, kDusk };
struct TimeOfDay {
  TimeBase base = TimeBase::kClock;
  int minutes = 0;  // the time for kClock, the offset for sun events
};

struct TimeSpan {
  TimeOfDay from;
  std::optional<TimeOfDay> to;  // absent: a point in time ("12:00") or an open end without end ("17:00+")
  bool open_end = false;        // "+": closing time unknown
  int period = 0;               // minutes; "10:00-16:00/90" is a point every 90 minutes
};

// "2013", "2013-2015", "2013-2020/2", "2013+" (to = kOpenYear), "2013/10".
inline constexpr int kOpenYear = 1'000'000;
struct YearRange {
  int from = 0;
  int to = 0;
  int step = 1;
};

// A calendar date within a date range: "Jan 05", "2014 Jan 05", "easter", "Mar Su[-1]", each plus an optional day
// offset ("easter -2 days", "Dec 25 +Sa" is not supported).
struct DatePoint {
  enum class Kind { kDay, kEaster, kNthWeekday };
  Kind kind = Kind::kDay;
  int year = 0;         // 0: every year
  int month = 1;        // 1..12 (kDay, kNthWeekday)
  int day = 1;          // 1..31 (kDay)
  int weekday = 0;      // 0 = Monday .. 6 = Sunday (kNthWeekday)
  int nth = 1;          // 1..5 or -1..-5 (kNthWeekday)
  int day_offset = 0;   // days added after resolving
};

// "Jan", "Nov-Feb" (whole months), "Jan 23-Feb 12", "Dec 24", "Jan 01-31/8", "easter -7 days-Nov 01".
struct MonthDayRange {
  bool whole_months = false;  // from/to only use year and month
  DatePoint from;
  DatePoint to;  // equal to from for a single day or month
  int step = 1;  // days
};

struct WeekRange {
  int from = 1;
  int to = 1;
  int step = 1;
};

// A weekday item: "Mo", "Mo-Fr", "Su[1]", "Sa[-1] +3 days".
struct WeekdayRange {
  int from = 0;  // 0 = Monday
  int to = 0;
  std::vector<int> nth;  // empty: every week; else 1..5 / -1..-5 within the month
  int day_offset = 0;    // with nth only
};

enum class HolidayKind { kPublic, kSchool };
struct Holiday {
  HolidayKind kind = HolidayKind::kPublic;
  int day_offset = 0;  // "PH +1 day": the day after a public holiday
};

// One comma list of weekdays and holidays: matches when any item matches.
struct DayFilter {
  std::vector<WeekdayRange> weekdays;
  std::vector<Holiday> holidays;
};

struct Rule {
  Separator separator = Separator::kNormal;
  std::vector<std::vector<YearRange>> years;           // each list: any of; all lists must match
  std::vector<std::vector<MonthDayRange>> monthdays;   // idem
  std::vector<std::vector<WeekRange>> weeks;           // idem
  std::vector<DayFilter> days;                         // idem
  bool always = false;                                 // "24/7"
  std::vector<TimeSpan> times;                         // empty: the whole day
  std::optional<RuleState> state;                      // absent: open, or unknown when only a comment is given
  std::optional<std::string> comment;

  RuleState EffectiveState() const {
    if (state) return *state;
    return comment ? RuleState::kUnknown : RuleState::kOpen;
  }
};

struct Schedule {
  std::vector<Rule> rules;

  bool UsesPublicHolidays() const;
  bool UsesSchoolHolidays() const;
  bool UsesSun() const;
};

}  // namespace stadshart::hours
