#include "hours/prettify.h"

#include <cstdio>
#include <string>

namespace stadshart::hours {
namespace {

constexpr const char* kWeekdays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string TwoDigits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string Clock(int minutes) { return TwoDigits(minutes / 60) + ":" + TwoDigits(minutes % 60); }

std::string Offset(int days) {
  if (days == 0) return "";
  return std::string(days > 0 ? " +" : " -") + std::to_string(days > 0 ? days : -days) +
         (days == 1 || days == -1 ? " day" : " days");
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string Year(const YearRange& y) {
  std::string s = std::to_string(y.from);
  if (y.to == kOpenYear) {
    if (y.step <= 1) return s + '+';
    s += '/';
    return s + std::to_string(y.step);
  }
  if (y.to != y.from) {
    s += '-';
    s += std::to_string(y.to);
  }
  if (y.step > 1) {
    s += '/';
    s += std::to_string(y.step);
  }
  return s;
}

std::string Date(const DatePoint& p, bool month_only, bool with_month) {
  std::string s = p.year != 0 ? std::to_string(p.year) + " " : "";
  if (p.kind == DatePoint::Kind::kEaster) {
    s += "easter";
  } else {
    if (with_month) s += std::string(kMonths[p.month - 1]);
    if (!month_only) {
      if (with_month) s += " ";
      if (p.kind == DatePoint::Kind::kDay) {
        s += TwoDigits(p.day);
      } else {
        s += std::string(kWeekdays[p.weekday]) + "[" + std::to_string(p.nth) + "]";
      }
    }
  }
  return s + Offset(p.day_offset);
}

// `dated_end`, when given, is set when the range is written with a second date after its '-' ("Jan 05-Feb 20"):
// a year selector written right before such a range would read as the year of its first date only.
std::string MonthDay(const MonthDayRange& r, bool* dated_end = nullptr) {
  if (r.whole_months) {
    std::string s = Date(r.from, true, true);
    if (r.to.month != r.from.month || r.to.year != r.from.year) {
      s += '-';
    s += Date(DatePoint{r.to.kind, r.to.year == r.from.year ? 0 : r.to.year, r.to.month}, true, true);
    }
    return s;
  }
  std::string s = Date(r.from, false, true);
  // A one-day range is written as its day, except an nth weekday without an offset: "Jan Su[-2]" alone reads back
  // as the month Jan and the weekday Su[-2], a selector of another kind, which a ',' list of date ranges then
  // refuses ("Sep Sa[1] +2 days" is a date either way).
  bool ambiguous = r.from.kind == DatePoint::Kind::kNthWeekday && r.from.day_offset == 0;
  bool same = !ambiguous && r.to.kind == r.from.kind && r.to.year == r.from.year &&
              r.to.month == r.from.month &&
              r.to.day == r.from.day && r.to.weekday == r.from.weekday && r.to.nth == r.from.nth &&
              r.to.day_offset == r.from.day_offset;
  if (!same) {
    bool day_only = r.to.kind == DatePoint::Kind::kDay && r.from.kind == DatePoint::Kind::kDay &&
                    r.to.month == r.from.month && r.to.year == r.from.year && r.from.day_offset == 0 &&
                    r.to.day_offset == 0 && r.to.day >= r.from.day;  // "Jan 11-Jan 06" wraps: keep the month
    s += '-';
    s += (day_only ? TwoDigits(r.to.day) : Date(r.to, false, true));
    if (dated_end != nullptr && !day_only && r.from.year == 0 && r.to.year == 0) *dated_end = true;
  }
  if (r.step > 1) {
    s += '/';
    s += std::to_string(r.step);
  }
  return s;
}

std::string Week(const WeekRange& w) {
  std::string s = TwoDigits(w.from);
  if (w.to != w.from || w.step > 1) {  // "week 01/2" is refused: a step needs a range
    s += '-';
    s += TwoDigits(w.to);
  }
  if (w.step > 1) {
    s += '/';
    s += std::to_string(w.step);
  }
  return s;
}

std::string Weekday(const WeekdayRange& w) {
  std::string s = kWeekdays[w.from];
  if (w.to != w.from) s += std::string("-") + kWeekdays[w.to];
  if (!w.nth.empty()) {
    std::vector<std::string> n;
    for (int k : w.nth) n.push_back(std::to_string(k));
    s += '[';
    s += Join(n, ",") + "]";
  }
  return s + Offset(w.day_offset);
}

std::string Time(const TimeOfDay& t) {
  if (t.base == TimeBase::kClock) return Clock(t.minutes);
  const char* name = t.base == TimeBase::kSunrise ? "sunrise"
                     : t.base == TimeBase::kSunset ? "sunset"
                     : t.base == TimeBase::kDawn   ? "dawn"
                                                   : "dusk";
  if (t.minutes == 0) return name;
  int m = t.minutes < 0 ? -t.minutes : t.minutes;
  return std::string("(") + name + (t.minutes < 0 ? "-" : "+") + Clock(m) + ")";
}

std::string Span(const TimeSpan& s) {
  std::string out = Time(s.from);
  if (s.to) {
    out += '-';
    out += Time(*s.to);
  }
  if (s.open_end) out += "+";
  if (s.period > 0) {
    out += '/';
    out += Clock(s.period);
  }
  return out;
}

std::string RuleText(const Rule& r) {
  std::vector<std::string> parts;
  std::vector<std::string> year_parts, monthday_parts;
  for (const auto& list : r.years) {
    std::vector<std::string> items;
    for (const auto& y : list) items.push_back(Year(y));
    year_parts.push_back(Join(items, ","));
  }
  bool dated_end = false;
  for (const auto& list : r.monthdays) {
    std::vector<std::string> items;
    for (const auto& m : list) items.push_back(MonthDay(m, &dated_end));
    monthday_parts.push_back(Join(items, ","));
  }
  // "2012 Jan 05-Feb 20" reads as a range with a year on one side only, which is refused; a year selector goes
  // after such ranges instead ("Jan 05-Feb 20 2012"), which reads back as the same two selectors.
  if (dated_end && !year_parts.empty()) std::swap(year_parts, monthday_parts);
  parts.insert(parts.end(), year_parts.begin(), year_parts.end());
  parts.insert(parts.end(), monthday_parts.begin(), monthday_parts.end());
  for (const auto& list : r.weeks) {
    std::vector<std::string> items;
    for (const auto& w : list) items.push_back(Week(w));
    parts.push_back("week " + Join(items, ","));
  }
  // A month followed by a weekday with several nth values ("Apr We[4,5]") reads back as a date, which allows one
  // only; a ':' after the month keeps the two selectors apart, as in the input.
  bool several_nth = false;
  for (const auto& filter : r.days) {
    for (const auto& w : filter.weekdays) several_nth = several_nth || w.nth.size() > 1;
  }
  if (several_nth && !r.monthdays.empty() && r.weeks.empty() && !parts.empty()) parts.back() += ":";
  for (const auto& filter : r.days) {
    std::vector<std::string> items;
    for (const auto& w : filter.weekdays) items.push_back(Weekday(w));
    for (const auto& h : filter.holidays) {
      items.push_back(std::string(h.kind == HolidayKind::kPublic ? "PH" : "SH") + Offset(h.day_offset));
    }
    parts.push_back(Join(items, ","));
  }
  if (r.always) parts.emplace_back("24/7");
  if (!r.times.empty()) {
    std::vector<std::string> items;
    for (const auto& t : r.times) items.push_back(Span(t));
    parts.push_back(Join(items, ","));
  }
  if (r.state) {
    parts.emplace_back(*r.state == RuleState::kOpen ? "open" : *r.state == RuleState::kClosed ? "off" : "unknown");
  }
  if (r.comment) parts.push_back("\"" + *r.comment + "\"");
  return Join(parts, " ");
}

bool HasSelectors(const Rule& r) {
  return !r.years.empty() || !r.monthdays.empty() || !r.weeks.empty() || !r.days.empty() || r.always;
}

// The separator before `rule`. A "," rule of times alone after a rule that ends with a time would be read back as
// more times of that rule ("Mo-Sa 10:00-17:00, off 12:00-13:00" is not "Mo-Sa 10:00-17:00,12:00-13:00 off"), so it
// is written with ";", which means the same for it (a closed or unknown rule of times alone, or one after a rule
// with selectors, does not replace the day; see evaluate.cc), or, after a rule of times alone, as more times of
// that rule, which also means the same (both apply to every day).
std::string SeparatorBefore(const Rule& rule, const Rule& previous) {
  if (rule.separator == Separator::kFallback) return " || ";
  if (rule.separator == Separator::kNormal) return "; ";
  bool times_only = !rule.times.empty() && !HasSelectors(rule);
  bool previous_ends_with_time = !previous.times.empty() && !previous.state && !previous.comment;
  if (!times_only || !previous_ends_with_time) return ", ";
  if (rule.EffectiveState() != RuleState::kOpen || HasSelectors(previous)) return "; ";
  return ",";
}

}  // namespace

std::string Prettify(const Schedule& schedule) {
  std::string out;
  for (std::size_t i = 0; i < schedule.rules.size(); ++i) {
    if (i > 0) out += SeparatorBefore(schedule.rules[i], schedule.rules[i - 1]);
    out += RuleText(schedule.rules[i]);
  }
  return out;
}

}  // namespace stadshart::hours
