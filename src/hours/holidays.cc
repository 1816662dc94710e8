#include "hours/holidays.h"

namespace stadshart::hours {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

bool YearApplies(const HolidayRule& r, int year) {
  if (r.first_year != 0 && year < r.first_year) return false;
  if (r.last_year != 0 && year > r.last_year) return false;
  if (r.every_years > 1 && ((year - r.anchor_year) % r.every_years + r.every_years) % r.every_years != 0) {
    return false;
  }
  return true;
}

// `easter`: Easter Sunday of the year when already known.
std::optional<year_month_day> DateIn(const HolidayRule& r, int year, std::optional<sys_days> easter = std::nullopt) {
  if (!YearApplies(r, year)) return std::nullopt;
  date::year y{year};
  switch (r.kind) {
    case HolidayRule::Kind::kFixed: {
      year_month_day d = y / date::month(r.month) / date::day(r.day);
      if (!d.ok()) return std::nullopt;
      return d;
    }
    case HolidayRule::Kind::kEaster:
      return year_month_day{(easter ? *easter : sys_days{EasterSunday(year)}) + days{r.easter_offset}};
    case HolidayRule::Kind::kKingsDay: {
      int day = year >= 2014 ? 27 : 30;
      year_month_day d = y / date::April / date::day(day);
      if (date::weekday{sys_days{d}} == date::Sunday) d = year_month_day{sys_days{d} - days{1}};
      return d;
    }
    case HolidayRule::Kind::kNthWeekday: {
      date::weekday wd{static_cast<unsigned>((r.weekday + 1) % 7)};
      if (r.nth > 0) {
        year_month_day d = year_month_day{sys_days{y / date::month(r.month) / wd[static_cast<unsigned>(r.nth)]}};
        if (!d.ok() || d.month() != date::month(r.month)) return std::nullopt;
        return d;
      }
      return year_month_day{sys_days{y / date::month(r.month) / wd[date::last]}};
    }
  }
  return std::nullopt;
}

HolidayRule Fixed(std::string name, int month, int day) {
  HolidayRule r;
  r.name = std::move(name);
  r.month = month;
  r.day = day;
  return r;
}

HolidayRule Easter(std::string name, int offset) {
  HolidayRule r;
  r.name = std::move(name);
  r.kind = HolidayRule::Kind::kEaster;
  r.easter_offset = offset;
  return r;
}

}  // namespace

year_month_day EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  return date::year{year} / date::month(static_cast<unsigned>(month)) / date::day(static_cast<unsigned>(day));
}

namespace {
constexpr int kFirstTableYear = 1970;  // day 0 of the table is 1970-01-01 (sys_days epoch)
constexpr int kLastTableYear = 2100;
constexpr int kLastTableDay = sys_days{date::year{kLastTableYear} / 12 / 31}.time_since_epoch().count();
}  // namespace

PublicHolidays::PublicHolidays(std::vector<HolidayRule> rules) : rules_(std::move(rules)) {
  auto days = std::make_shared<std::vector<std::uint64_t>>();
  days->resize(static_cast<std::size_t>(kLastTableDay / 64 + 1));
  std::vector<sys_days> in_year;
  for (int year = kFirstTableYear; year <= kLastTableYear; ++year) {
    in_year.clear();
    DaysIn(year, in_year);
    for (sys_days d : in_year) {
      auto n = static_cast<std::size_t>(d.time_since_epoch().count());
      (*days)[n / 64] |= std::uint64_t{1} << (n % 64);
    }
  }
  days_ = std::move(days);
}

// -1: not in the precomputed years; else 0 or 1.
int PublicHolidays::TableBit(sys_days day) const {
  auto n = day.time_since_epoch().count();
  if (!days_ || n < 0 || n > kLastTableDay) return -1;
  return static_cast<int>(((*days_)[static_cast<std::size_t>(n / 64)] >> (n % 64)) & 1);
}

bool PublicHolidays::Contains(sys_days day) const {
  int bit = TableBit(day);
  if (bit >= 0) return bit == 1;
  return NameOn(year_month_day{day}).has_value();
}

std::optional<std::string> PublicHolidays::NameOn(year_month_day day) const {
  if (TableBit(sys_days{day}) == 0) return std::nullopt;
  int year = static_cast<int>(day.year());
  std::optional<sys_days> easter;
  for (const HolidayRule& r : rules_) {
    if (r.kind == HolidayRule::Kind::kEaster && !easter) easter = sys_days{EasterSunday(year)};
    std::optional<year_month_day> d = DateIn(r, year, easter);
    if (d && *d == day) return r.name;
  }
  return std::nullopt;
}

void PublicHolidays::DaysIn(int year, std::vector<sys_days>& out) const {
  std::optional<sys_days> easter;
  for (const HolidayRule& r : rules_) {
    if (r.kind == HolidayRule::Kind::kEaster && !easter) easter = sys_days{EasterSunday(year)};
    std::optional<year_month_day> d = DateIn(r, year, easter);
    if (d) out.push_back(sys_days{*d});
  }
}

PublicHolidays DutchPublicHolidays(const DutchHolidayOptions& options) {
  std::vector<HolidayRule> rules;
  rules.push_back(Fixed("Nieuwjaarsdag", 1, 1));
  if (options.good_friday) rules.push_back(Easter("Goede Vrijdag", -2));
  if (options.easter_sunday) rules.push_back(Easter("Eerste Paasdag", 0));
  rules.push_back(Easter("Tweede Paasdag", 1));
  HolidayRule kings;
  kings.name = "Koningsdag";
  kings.kind = HolidayRule::Kind::kKingsDay;
  rules.push_back(kings);
  if (options.liberation_day != DutchHolidayOptions::LiberationDay::kNever) {
    HolidayRule liberation = Fixed("Bevrijdingsdag", 5, 5);
    if (options.liberation_day == DutchHolidayOptions::LiberationDay::kEveryFiveYears) {
      liberation.every_years = 5;
      liberation.anchor_year = 2025;
    }
    rules.push_back(liberation);
  }
  rules.push_back(Easter("Hemelvaartsdag", 39));
  if (options.whit_sunday) rules.push_back(Easter("Eerste Pinksterdag", 49));
  rules.push_back(Easter("Tweede Pinksterdag", 50));
  rules.push_back(Fixed("Eerste Kerstdag", 12, 25));
  rules.push_back(Fixed("Tweede Kerstdag", 12, 26));
  return PublicHolidays(std::move(rules));
}

SchoolHolidays::SchoolHolidays(SchoolRegion region, const std::vector<SchoolHolidayPeriod>& periods) {
  for (const SchoolHolidayPeriod& p : periods) {
    if (p.region == region) periods_.push_back(p);
  }
}

std::optional<std::string> SchoolHolidays::NameOn(year_month_day day) const {
  for (const SchoolHolidayPeriod& p : periods_) {
    if (sys_days{p.first} <= sys_days{day} && sys_days{day} <= sys_days{p.last}) return p.name;
  }
  return std::nullopt;
}

}  // namespace stadshart::hours
