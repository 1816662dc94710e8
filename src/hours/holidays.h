// Public holidays (PH) and school holidays (SH) as data the platform owns.
//
// Public holidays are rules (a fixed date, a day relative to Easter Sunday, Koningsdag) evaluated per year, so a
// calendar is small and works for any year. DutchPublicHolidays() is the default for a Dutch city centre; what
// counts as a holiday for shops is a setting per centre (DutchHolidayOptions), see docs/opening_hours.md.
//
// School holidays are dated periods per region (noord, midden, zuid), edited by the partnership; the engine only
// reads them.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stadshart::hours {

// Easter Sunday (Gregorian, anonymous computus) of a year.
date::year_month_day EasterSunday(int year);

struct HolidayRule {
  enum class Kind {
    kFixed,        // month/day every year
    kEaster,       // Easter Sunday + easter_offset days
    kKingsDay,     // Dutch Koningsdag: 27 April, 26 April when that is a Sunday (30/29 April before 2014)
    kNthWeekday,   // the nth (1..5, -1 = last) weekday (0 = Monday) of a month
  };
  std::string name;
  Kind kind = Kind::kFixed;
  int month = 1;
  int day = 1;
  int easter_offset = 0;
  int weekday = 0;
  int nth = 1;
  int first_year = 0;       // 0: no limit
  int last_year = 0;        // 0: no limit
  int every_years = 1;      // 5 with anchor 2025: only in 2025, 2030, ...
  int anchor_year = 0;
};

// Immutable; copies share the precomputed days.
class PublicHolidays {
 public:
  PublicHolidays() = default;
  // Computes the holidays of 1970-2100 once (a bit per day, about 6 KB), so that Contains is a bit test.
  explicit PublicHolidays(std::vector<HolidayRule> rules);

  // The name of the holiday on that day, if it is one (the first matching rule).
  std::optional<std::string> NameOn(date::year_month_day day) const;
  // Whether the day is a holiday (same answer as NameOn, cheaper).
  bool Contains(date::sys_days day) const;
  const std::vector<HolidayRule>& rules() const { return rules_; }

  // Appends the holidays of one year to `out` (rule order; a day may appear twice). Easter is computed once.
  void DaysIn(int year, std::vector<date::sys_days>& out) const;

 private:
  int TableBit(date::sys_days day) const;

  std::vector<HolidayRule> rules_;
  std::shared_ptr<const std::vector<std::uint64_t>> days_;  // bit d: day d after 1970-01-01 is a holiday
};

// The contested Dutch days. Goede Vrijdag is not a national holiday (not in the Algemene termijnenwet) and most
// shops open; Bevrijdingsdag (5 May) is a national holiday, but a day off for most employees only every fifth
// year (2025, 2030, ...), when more shops follow holiday hours.
struct DutchHolidayOptions {
  bool good_friday = false;
  enum class LiberationDay { kNever, kEveryFiveYears, kEveryYear };
  LiberationDay liberation_day = LiberationDay::kEveryFiveYears;
  bool easter_sunday = true;  // a Sunday anyway; counted so that "PH" rules apply to it
  bool whit_sunday = true;
};

// Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag, Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en
// Tweede Kerstdag, plus the options above. Names are Dutch (they become the comment of a matching PH rule).
PublicHolidays DutchPublicHolidays(const DutchHolidayOptions& options = {});

enum class SchoolRegion { kNoord, kMidden, kZuid };

struct SchoolHolidayPeriod {
  SchoolRegion region = SchoolRegion::kMidden;
  std::string name;             // "Zomervakantie"
  date::year_month_day first;   // inclusive
  date::year_month_day last;    // inclusive
};

class SchoolHolidays {
 public:
  SchoolHolidays() = default;
  // Keeps the periods of one region.
  SchoolHolidays(SchoolRegion region, const std::vector<SchoolHolidayPeriod>& periods);

  std::optional<std::string> NameOn(date::year_month_day day) const;

 private:
  std::vector<SchoolHolidayPeriod> periods_;
};

}  // namespace stadshart::hours
