#include "hours/evaluate.h"

#include <date/iso_week.h>
#include <date/tz.h>

#include <algorithm>
#include <exception>
#include <span>

#include "hours/sun.h"

namespace stadshart::hours {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;
using std::chrono::minutes;

constexpr int kDay = 24 * 60;
constexpr const char* kOpenEndComment = "Specified as open end. Closing time was guessed.";
// Stands for the holiday's name in the holiday templates of a compiled week; a parsed comment cannot contain '"'.
const std::string kHolidayNameMark = "\"PH\"";

// A stretch of one local day in minutes [from, to), 0 <= from < to <= 1440.
struct Segment {
  int from = 0;
  int to = 0;
  State state;
  bool open_end = false;  // a guessed continuation: cut where a later range of the same rule begins
  const Rule* rule = nullptr;  // the rule that set it
};

// Minutes of a rule's times relative to the start of the day they belong to; may exceed 1440.
struct Piece {
  int from = 0;
  int to = 0;
  bool open_end = false;
};

// The guessed closing time of an open end starting at `from` (minutes of the day), as opening_hours.js guesses:
// eight hours after an end past midnight, midnight for starts before 17:00, else ten hours later (from the whole
// hour when the time is a sun time: "(sunset+01:00)+" at 19:48 gives 05:00).
int GuessOpenEnd(int from, bool sun) {
  if (from >= kDay) return std::min(from + 8 * 60, 2 * kDay);
  if (from < 17 * 60) return kDay;
  return (sun ? from / 60 * 60 : from) + 10 * 60;
}

int WeekdayIndex(sys_days d) { return static_cast<int>((date::weekday{d}.c_encoding() + 6) % 7); }

std::optional<sys_days> Resolve(const DatePoint& p, int year) {
  int y = p.year != 0 ? p.year : year;
  sys_days base;
  switch (p.kind) {
    case DatePoint::Kind::kDay: {
      year_month_day ymd = date::year{y} / date::month(static_cast<unsigned>(p.month)) /
                           date::day(static_cast<unsigned>(p.day));
      if (!ymd.ok()) return std::nullopt;
      base = sys_days{ymd};
      break;
    }
    case DatePoint::Kind::kEaster:
      base = sys_days{EasterSunday(y)};
      break;
    case DatePoint::Kind::kNthWeekday: {
      date::weekday wd{static_cast<unsigned>((p.weekday + 1) % 7)};
      auto ym = date::year{y} / date::month(static_cast<unsigned>(p.month));
      if (p.nth > 0) {
        year_month_day ymd{sys_days{ym / wd[static_cast<unsigned>(p.nth)]}};
        if (ymd.month() != ym.month()) return std::nullopt;
        base = sys_days{ymd};
      } else {
        sys_days last = sys_days{ym / wd[date::last]};
        base = last - days{7 * (-p.nth - 1)};
        if (year_month_day{base}.month() != ym.month()) return std::nullopt;
      }
      break;
    }
  }
  return base + days{p.day_offset};
}

bool MonthDayMatches(const MonthDayRange& r, sys_days d) {
  int year = static_cast<int>(year_month_day{d}.year());
  bool movable = r.from.kind == DatePoint::Kind::kEaster || r.to.kind == DatePoint::Kind::kEaster;
  if (movable && !r.whole_months && r.from.year == 0 && r.to.year == 0) {
    // With Easter at an end, whether the range wraps depends on the year: both ends resolved in d's own year, and
    // when the end comes first the range is the end of this year plus its start ("easter-Apr 02": Easter to
    // 31 Dec and 1 Jan to 2 Apr of the same year), as opening_hours.js does.
    std::optional<sys_days> a = Resolve(r.from, year);
    std::optional<sys_days> b = Resolve(r.to, year);
    if (!a || !b) return false;
    if (*a <= *b) return *a <= d && d <= *b && (r.step <= 1 || (d - *a).count() % r.step == 0);
    return d >= *a || d <= *b;
  }
  for (int base : {year - 1, year}) {
    if (r.from.year != 0 && base != year) continue;  // explicit years: resolve once
    std::optional<sys_days> a;
    std::optional<sys_days> b;
    if (r.whole_months) {
      int from_year = r.from.year != 0 ? r.from.year : base;
      a = sys_days{date::year{from_year} / date::month(static_cast<unsigned>(r.from.month)) / 1};
      int to_year = r.to.year != 0 ? r.to.year : (r.to.month < r.from.month ? from_year + 1 : from_year);
      b = sys_days{date::year{to_year} / date::month(static_cast<unsigned>(r.to.month)) / date::last};
    } else {
      a = Resolve(r.from, base);
      b = Resolve(r.to, base);
      // a range that ends before it starts runs into the next year ("Dec 25-Jan 06")
      if (a && b && *b < *a && r.to.year == 0) b = Resolve(r.to, base + 1);
    }
    if (!a || !b || d < *a || d > *b) continue;
    if (r.step > 1 && (d - *a).count() % r.step != 0) continue;
    return true;
  }
  return false;
}

bool WeekdayMatches(const WeekdayRange& w, sys_days d) {
  sys_days base = d - days{w.day_offset};
  int wd = WeekdayIndex(base);
  bool in_range = w.from <= w.to ? (wd >= w.from && wd <= w.to) : (wd >= w.from || wd <= w.to);
  if (!in_range) return false;
  if (w.nth.empty()) return true;
  year_month_day ymd{base};
  int dom = static_cast<int>(static_cast<unsigned>(ymd.day()));
  int last = static_cast<int>(static_cast<unsigned>((ymd.year() / ymd.month() / date::last).day()));
  int from_start = (dom - 1) / 7 + 1;
  int from_end = -((last - dom) / 7 + 1);
  return std::find(w.nth.begin(), w.nth.end(), from_start) != w.nth.end() ||
         std::find(w.nth.begin(), w.nth.end(), from_end) != w.nth.end();
}

}  // namespace

Result<Evaluator> Evaluator::Create(Schedule schedule, EvaluationContext context) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(context.time_zone);
  } catch (const std::exception&) {
    return Problem{0, "unknown time zone '" + context.time_zone + "'",
                   "onbekende tijdzone '" + context.time_zone + "'"};
  }
  if (schedule.UsesPublicHolidays() && !context.public_holidays) {
    return Problem{0, "PH is used but no public holidays are known for this place",
                   "PH wordt gebruikt, maar voor deze plaats zijn geen feestdagen bekend"};
  }
  if (schedule.UsesSchoolHolidays() && !context.school_holidays) {
    return Problem{0, "SH is used but no school holidays are known for this place",
                   "SH wordt gebruikt, maar voor deze plaats zijn geen schoolvakanties bekend"};
  }
  if (schedule.UsesSun() && !context.location) {
    return Problem{0, "sun times are used but the location is not known",
                   "zonnetijden worden gebruikt, maar de locatie is niet bekend"};
  }
  Evaluator evaluator(std::move(schedule), std::move(context), zone);
  evaluator.CompileWeek();
  return evaluator;
}

namespace {

class DayBuilder {
 public:
  // The weekday templates of Evaluator::CompileWeek build a day without looking at the calendar: kNone, no PH or
  // SH item matches; kPublicToday, every PH item without offset matches, named kHolidayNameMark.
  enum class Holidays { kCalendar, kNone, kPublicToday };
  DayBuilder(const Schedule& schedule, const EvaluationContext& context, const date::time_zone* zone, sys_days day,
             Holidays holidays = Holidays::kCalendar)
      : schedule_(schedule), context_(context), zone_(zone), day_(day), holidays_(holidays) {}

  // Whether the rule's times can reach into the next day (past midnight, open ends, sun times).
  static bool Spills(const Rule& r) { return SpillsOver(r); }

  std::vector<Segment> Build() {
    const Rule* previous = nullptr;
    for (const Rule& rule : schedule_.rules) {
      Apply(rule, previous);
      previous = &rule;
    }
    return std::move(segments_);
  }

 private:
  // Whether the rule's date selectors match day d; `comment` receives the holiday name when PH made it match.
  bool Matches(const Rule& r, sys_days d, std::optional<std::string>& comment) const {
    if (!r.years.empty() || !r.monthdays.empty()) {
      int year = static_cast<int>(year_month_day{d}.year());
      for (const auto& list : r.years) {
        bool any = std::any_of(list.begin(), list.end(), [&](const YearRange& y) {
          return year >= y.from && year <= y.to && (year - y.from) % y.step == 0;
        });
        if (!any) return false;
      }
      for (const auto& list : r.monthdays) {
        if (std::none_of(list.begin(), list.end(), [&](const MonthDayRange& m) { return MonthDayMatches(m, d); })) {
          return false;
        }
      }
    }
    if (!r.weeks.empty()) {
      int week = static_cast<int>(static_cast<unsigned>(iso_week::year_weeknum_weekday{d}.weeknum()));
      for (const auto& list : r.weeks) {
        bool any = std::any_of(list.begin(), list.end(), [&](const WeekRange& w) {
          return week >= w.from && week <= w.to && (week - w.from) % w.step == 0;
        });
        if (!any) return false;
      }
    }
    for (const DayFilter& f : r.days) {
      bool any = std::any_of(f.weekdays.begin(), f.weekdays.end(),
                             [&](const WeekdayRange& w) { return WeekdayMatches(w, d); });
      for (const Holiday& h : f.holidays) {
        if (holidays_ == Holidays::kNone) break;
        sys_days base = d - days{h.day_offset};
        std::optional<std::string> name;
        if (holidays_ == Holidays::kPublicToday) {
          if (h.kind == HolidayKind::kPublic && h.day_offset == 0 && d == day_) name = kHolidayNameMark;
        } else {
          name = h.kind == HolidayKind::kPublic ? context_.public_holidays->NameOn(year_month_day{base})
                                                : context_.school_holidays->NameOn(year_month_day{base});
        }
        if (!name) continue;
        if (!comment && h.kind == HolidayKind::kPublic) {
          comment = h.day_offset == 0 ? *name : (h.day_offset > 0 ? "Day after " : "Day before ") + *name;
        }
        any = true;
      }
      if (!any) return false;
    }
    return true;
  }

  int Minutes(const TimeOfDay& t, sys_days d) const {
    if (t.base == TimeBase::kClock) return t.minutes;
    SunTimes sun = SunTimesOn(year_month_day{d}, context_.location->latitude, context_.location->longitude);
    Instant at = t.base == TimeBase::kSunrise ? sun.sunrise
                 : t.base == TimeBase::kSunset ? sun.sunset
                 : t.base == TimeBase::kDawn   ? sun.dawn
                                               : sun.dusk;
    auto local = zone_->to_local(at);
    auto since_midnight = std::chrono::floor<minutes>(local - date::local_days{d.time_since_epoch()});
    return static_cast<int>(since_midnight.count()) + t.minutes;
  }

  static int Nominal(const TimeOfDay& t) {
    switch (t.base) {
      case TimeBase::kClock: return t.minutes;
      case TimeBase::kSunrise: return 6 * 60 + t.minutes;
      case TimeBase::kSunset: return 18 * 60 + t.minutes;
      case TimeBase::kDawn: return 5 * 60 + 30 + t.minutes;
      case TimeBase::kDusk: return 18 * 60 + 30 + t.minutes;
    }
    return t.minutes;
  }

  // The rule's pieces for day d, relative to the start of d.
  std::vector<Piece> Pieces(const Rule& r, sys_days d) const {
    std::vector<Piece> out;
    if (r.times.empty()) {
      out.push_back({0, kDay, false});
      return out;
    }
    for (const TimeSpan& span : r.times) {
      int from = Minutes(span.from, d);
      if (!span.to) {
        if (span.open_end) {
          out.push_back({from, GuessOpenEnd(from, span.from.base != TimeBase::kClock), true});
        } else {
          out.push_back({from, from + 1, false});
        }
        continue;
      }
      int to = Minutes(*span.to, d);
      // Whether a range with a sun time wraps past midnight is decided on nominal sun times (sunrise 06:00, sunset
      // 18:00), so that "sunset-sunrise" wraps and "sunrise-08:00" or "sunrise-06:00" are simply empty on days the
      // sun rises later; a clock range wraps when it ends at or before its start ("22:00-02:00", "10:00-10:00").
      bool clock_only = span.from.base == TimeBase::kClock && span.to->base == TimeBase::kClock;
      if (clock_only ? to <= from : Nominal(*span.to) < Nominal(span.from)) {
        to += kDay;
      } else if (to <= from) {
        continue;
      }
      if (span.period > 0) {
        for (int t = from; t <= to; t += span.period) out.push_back({t, t + 1, false});
        continue;
      }
      out.push_back({from, to, false});
      if (span.open_end) out.push_back({to, GuessOpenEnd(to, span.to->base != TimeBase::kClock), true});
    }
    return out;
  }

  static bool SpillsOver(const Rule& r) {
    for (const TimeSpan& s : r.times) {
      if (s.open_end) return true;
      if (s.from.base != TimeBase::kClock || (s.to && s.to->base != TimeBase::kClock)) return true;
      if (s.to && (s.to->minutes <= s.from.minutes || s.to->minutes > kDay)) return true;
    }
    return false;
  }

  static bool HasSelectors(const Rule& r) {
    return !r.years.empty() || !r.monthdays.empty() || !r.weeks.empty() || !r.days.empty();
  }

  // Whether a ";" rule that matches a day replaces what earlier rules said about it. Not "closed" with times (it
  // closes those times only), and, as opening_hours.js does, not a rule of times alone (no selectors) that is
  // unknown or follows a rule with selectors: "Mo 10:00-11:00; 13:00-20:00" keeps Monday morning, while
  // "10:00-12:00; 11:00-13:00" is 11:00-13:00.
  static bool Replaces(const Rule& rule, const Rule* previous) {
    if (rule.separator != Separator::kNormal) return false;
    RuleState state = rule.EffectiveState();
    if (state == RuleState::kClosed && !rule.times.empty()) return false;
    bool times_only = !rule.times.empty() && !rule.always && !HasSelectors(rule);
    if (times_only && (state == RuleState::kUnknown || (previous != nullptr && HasSelectors(*previous)))) {
      return false;
    }
    return true;
  }

  void Apply(const Rule& rule, const Rule* previous) {
    current_ = &rule;
    std::optional<std::string> today_comment;
    std::optional<std::string> yesterday_comment;  // holiday names stay on the day itself
    bool today = Matches(rule, day_, today_comment);
    bool yesterday = SpillsOver(rule) && Matches(rule, day_ - days{1}, yesterday_comment);
    if (!today && !yesterday) return;
    bool fill_only = rule.separator == Separator::kFallback;
    if (today && Replaces(rule, previous)) segments_.clear();
    if (yesterday) {
      for (const Piece& p : Pieces(rule, day_ - days{1})) {
        if (p.to <= kDay) continue;
        Assign(std::max(p.from - kDay, 0), std::min(p.to - kDay, kDay), StateOf(rule, p, std::nullopt),
               p.open_end, fill_only);
      }
    }
    if (today) {
      for (const Piece& p : Pieces(rule, day_)) {
        if (p.from >= kDay) continue;
        Assign(std::max(p.from, 0), std::min(p.to, kDay), StateOf(rule, p, today_comment), p.open_end, fill_only);
      }
    }
  }

  static State StateOf(const Rule& rule, const Piece& p, const std::optional<std::string>& holiday) {
    State s;
    s.state = rule.EffectiveState();
    s.comment = rule.comment ? rule.comment : holiday;
    if (p.open_end && s.state != RuleState::kClosed) {
      s.state = RuleState::kUnknown;
      if (!rule.comment) s.comment = kOpenEndComment;
    }
    return s;
  }

  void Assign(int from, int to, const State& state, bool open_end, bool fill_only) {
    if (from >= to) return;
    if (fill_only) {
      // fill the gaps and the closed stretches only
      int cursor = from;
      std::vector<std::pair<int, int>> holes;
      for (const Segment& s : segments_) {
        if (s.to <= cursor || s.from >= to) continue;
        if (s.state.state == RuleState::kClosed) continue;
        if (s.from > cursor) holes.emplace_back(cursor, s.from);
        cursor = std::max(cursor, s.to);
      }
      if (cursor < to) holes.emplace_back(cursor, to);
      for (auto [a, b] : holes) Overwrite(a, b, state, open_end);
      return;
    }
    // a later range cuts a guessed open end that began before it
    for (Segment& s : segments_) {
      // only by a range of the same rule: "Tu 16:30+, Tu 18:30-20:00" is unknown again after 20:00, as in
      // opening_hours.js, while "Tu 16:30+,18:30-20:00" ends at 20:00
      if (s.open_end && s.rule == current_ && s.from < from && s.to > from) s.to = from;
    }
    std::erase_if(segments_, [](const Segment& s) { return s.from >= s.to; });
    Overwrite(from, to, state, open_end);
  }

  void Overwrite(int from, int to, const State& state, bool open_end) {
    std::vector<Segment> out;
    for (const Segment& s : segments_) {
      if (s.to <= from || s.from >= to) {
        out.push_back(s);
        continue;
      }
      if (s.from < from) out.push_back({s.from, from, s.state, s.open_end, s.rule});
      if (s.to > to) out.push_back({to, s.to, s.state, s.open_end, s.rule});
    }
    out.push_back({from, to, state, open_end, current_});
    std::sort(out.begin(), out.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
    segments_ = std::move(out);
  }

  const Schedule& schedule_;
  const EvaluationContext& context_;
  const date::time_zone* zone_;
  sys_days day_;
  Holidays holidays_;
  const Rule* current_ = nullptr;  // the rule being applied
  std::vector<Segment> segments_;
};

// Whether the rule selects days by weekday only (plus PH/SH items), with clock times: then it gives the same
// pieces on every day of a weekday that is not a holiday.
bool IsWeekly(const Rule& r) {
  if (!r.years.empty() || !r.monthdays.empty() || !r.weeks.empty()) return false;
  for (const DayFilter& f : r.days) {
    for (const WeekdayRange& w : f.weekdays) {
      if (!w.nth.empty() || w.day_offset != 0) return false;
    }
  }
  for (const TimeSpan& t : r.times) {
    if (t.from.base != TimeBase::kClock || (t.to && t.to->base != TimeBase::kClock)) return false;
  }
  return true;
}

// Appends a day's segments as pieces covering [0, 1440), closed in the gaps, adjacent equal states merged.
void AppendCovering(const std::vector<Segment>& segments, std::vector<Evaluator::MinutePiece>& out) {
  std::size_t first = out.size();
  auto push = [&](int from, int to, const State& s) {
    if (from >= to) return;
    if (out.size() > first && out.back().state == s && out.back().to == from) {
      out.back().to = to;
      return;
    }
    out.push_back({from, to, s});
  };
  int cursor = 0;
  for (const Segment& s : segments) {
    push(cursor, s.from, State{});
    push(s.from, s.to, s.state);
    cursor = s.to;
  }
  push(cursor, kDay, State{});
}

// Local days and their instants: a regular day (ZoneOffsets::RegularDayStart) maps its minutes to instants by
// adding them to its first instant; a day with an offset change is converted minute by minute. Remembers the last
// offset span, so that consecutive days cost no search.
class DayClock {
 public:
  DayClock(const date::time_zone* zone, const ZoneOffsets& offsets) : zone_(zone), offsets_(offsets) {}

  std::optional<Instant> RegularStart(sys_days d) {
    if (have_span_) {
      if (auto start = ZoneOffsets::RegularDayStartIn(d, span_)) return start;
    }
    Instant local{d.time_since_epoch()};
    span_ = offsets_.At(have_span_ ? local - span_.offset : local);
    have_span_ = true;
    if (auto start = ZoneOffsets::RegularDayStartIn(d, span_)) return start;
    span_ = offsets_.At(local - span_.offset);
    return ZoneOffsets::RegularDayStartIn(d, span_);
  }
  Instant AnyInstant(sys_days d, int minute) const {
    return zone_->to_sys(date::local_days{d.time_since_epoch()} + minutes{minute}, date::choose::earliest);
  }

 private:
  const date::time_zone* zone_;
  const ZoneOffsets& offsets_;
  ZoneOffsets::Span span_{};
  bool have_span_ = false;
};

// Converts a day's minute pieces to instants (pieces that vanish in a skipped hour dropped, neighbours merged).
template <class Emit>
void ForEachInstantPiece(sys_days day, std::span<const Evaluator::MinutePiece> pieces, DayClock& clock,
                         Emit&& emit) {
  if (std::optional<Instant> start = clock.RegularStart(day)) {
    for (const Evaluator::MinutePiece& p : pieces) emit(*start + minutes{p.from}, *start + minutes{p.to}, p.state);
    return;
  }
  bool have = false;
  Instant a0{};
  Instant b0{};
  const State* s0 = nullptr;
  for (const Evaluator::MinutePiece& p : pieces) {
    Instant a = clock.AnyInstant(day, p.from);
    Instant b = clock.AnyInstant(day, p.to);
    if (a >= b) continue;
    if (have && *s0 == p.state && b0 == a) {
      b0 = b;
      continue;
    }
    if (have) emit(a0, b0, *s0);
    have = true;
    a0 = a;
    b0 = b;
    s0 = &p.state;
  }
  if (have) emit(a0, b0, *s0);
}


}  // namespace

void Evaluator::CompileWeek() {
  for (const Rule& rule : schedule_.rules) {
    if (!IsWeekly(rule)) return;
    bool spills = DayBuilder::Spills(rule);
    for (const DayFilter& f : rule.days) {
      for (const Holiday& h : f.holidays) {
        auto same = [&](const HolidayProbe& p) { return p.kind == h.kind && p.day_offset == h.day_offset; };
        auto known = std::find_if(holiday_probes_.begin(), holiday_probes_.end(), same);
        if (known == holiday_probes_.end()) {
          holiday_probes_.push_back({h.kind, h.day_offset, spills});
        } else {
          known->spills = known->spills || spills;
        }
      }
    }
  }
  // A public holiday without offset in rules that do not spill past midnight changes only the day itself, the
  // same way on every such day but for its name: then the holiday days have templates too.
  bool holiday_templates = !holiday_probes_.empty() &&
                           std::all_of(holiday_probes_.begin(), holiday_probes_.end(), [](const HolidayProbe& p) {
                             return p.kind == HolidayKind::kPublic && p.day_offset == 0 && !p.spills;
                           });
  const sys_days monday{date::year{2024} / date::January / 1};
  for (int variant = 0; variant < (holiday_templates ? 2 : 1); ++variant) {
    auto mode = variant == 0 ? DayBuilder::Holidays::kNone : DayBuilder::Holidays::kPublicToday;
    for (int w = 0; w < 7; ++w) {
      std::vector<Segment> segments = DayBuilder(schedule_, context_, zone_, monday + days{w}, mode).Build();
      int begin = static_cast<int>(week_pieces_.size());
      AppendCovering(segments, week_pieces_);
      week_index_[static_cast<std::size_t>(variant * 7 + w)] = {begin, static_cast<int>(week_pieces_.size())};
    }
  }
  has_holiday_templates_ = holiday_templates;
}

bool Evaluator::HolidayNear(sys_days day) const {
  for (const HolidayProbe& p : holiday_probes_) {
    for (sys_days d : {day - days{p.day_offset}, day - days{p.day_offset + 1}}) {
      if (d != day - days{p.day_offset} && !p.spills) break;  // only a rule that spills reaches the next day
      bool hit = p.kind == HolidayKind::kPublic ? context_.public_holidays->Contains(d)
                                                : context_.school_holidays->NameOn(year_month_day{d}).has_value();
      if (hit) return true;
    }
  }
  return false;
}

std::span<const Evaluator::MinutePiece> Evaluator::MinutePieces(sys_days day,
                                                                std::vector<MinutePiece>& scratch) const {
  if (!week_pieces_.empty()) {
    bool holiday = HolidayNear(day);
    if (!holiday || has_holiday_templates_) {
      auto [begin, end] = week_index_[static_cast<std::size_t>((holiday ? 7 : 0) + WeekdayIndex(day))];
      std::span<const MinutePiece> pieces = std::span<const MinutePiece>(week_pieces_).subspan(
          static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
      if (!holiday) return pieces;
      // the holiday's name in place of the mark (a holiday template always has the day's holiday)
      std::optional<std::string> name = context_.public_holidays->NameOn(year_month_day{day});
      scratch.assign(pieces.begin(), pieces.end());
      for (MinutePiece& p : scratch) {
        if (p.state.comment == kHolidayNameMark) p.state.comment = name;
      }
      return scratch;
    }
  }
  scratch.clear();
  AppendCovering(DayBuilder(schedule_, context_, zone_, day).Build(), scratch);
  return scratch;
}

namespace {

sys_days LocalDay(Instant t, const ZoneOffsets& offsets) {
  return sys_days{std::chrono::floor<days>(t + offsets.At(t).offset).time_since_epoch()};
}

}  // namespace

std::vector<Evaluator::Piece> Evaluator::DayPieces(sys_days day) const {
  std::vector<MinutePiece> scratch;
  DayClock clock(zone_, *offsets_);
  std::vector<Piece> out;
  ForEachInstantPiece(day, MinutePieces(day, scratch), clock,
                      [&](Instant a, Instant b, const State& s) { out.push_back({a, b, s}); });
  return out;
}

State Evaluator::StateAt(Instant instant) const {
  ZoneOffsets::Span span = offsets_->At(instant);
  sys_days day{std::chrono::floor<days>(instant + span.offset).time_since_epoch()};
  std::vector<MinutePiece> scratch;
  std::span<const MinutePiece> pieces = MinutePieces(day, scratch);
  if (std::optional<Instant> start = ZoneOffsets::RegularDayStartIn(day, span)) {
    auto local = (instant - *start).count();  // seconds into the day
    for (const MinutePiece& p : pieces) {
      if (local < p.to * 60) return p.state;
    }
    return State{};
  }
  DayClock clock(zone_, *offsets_);
  State found;
  ForEachInstantPiece(day, pieces, clock, [&](Instant a, Instant b, const State& s) {
    if (a <= instant && instant < b) found = s;
  });
  return found;
}

std::optional<Instant> Evaluator::NextChange(Instant after, Instant horizon) const {
  RuleState current = StateAt(after).state;
  std::vector<MinutePiece> scratch;
  DayClock clock(zone_, *offsets_);
  sys_days day = LocalDay(after, *offsets_);
  std::optional<Instant> found;
  bool past_horizon = false;
  for (sys_days d = day; !found && !past_horizon; d += days{1}) {
    ForEachInstantPiece(d, MinutePieces(d, scratch), clock, [&](Instant a, Instant b, const State& s) {
      if (found || past_horizon) return;
      if (a > horizon) {
        past_horizon = true;
        return;
      }
      if (b <= after) return;
      if (s.state != current) found = std::max(a, after);
    });
  }
  return found;
}

std::vector<Interval> Evaluator::Intervals(Instant from, Instant to) const {
  std::vector<Interval> out;
  if (from >= to) return out;
  out.reserve(static_cast<std::size_t>(std::min<std::int64_t>((to - from) / std::chrono::hours{12} + 2, 1024)));
  std::vector<MinutePiece> scratch;
  DayClock clock(zone_, *offsets_);
  sys_days first = LocalDay(from, *offsets_);
  Instant last_instant = to - std::chrono::seconds{1};
  sys_days last = LocalDay(last_instant, *offsets_);
  auto emit = [&](Instant pa, Instant pb, const State& s) {
    if (s.state == RuleState::kClosed) return;
    Instant a = std::max(pa, from);
    Instant b = std::min(pb, to);
    if (a >= b) return;
    bool unknown = s.state == RuleState::kUnknown;
    if (!out.empty() && out.back().to == a && out.back().unknown == unknown && out.back().comment == s.comment) {
      out.back().to = b;
      return;
    }
    out.push_back({a, b, unknown, s.comment});
  };
  for (sys_days d = first; d <= last; d += days{1}) {
    ForEachInstantPiece(d, MinutePieces(d, scratch), clock, emit);
  }
  return out;
}

}  // namespace stadshart::hours
