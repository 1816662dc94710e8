#include "hours/holidays.h"

#include <gtest/gtest.h>

namespace stadshart::hours {
namespace {

using date::year;

TEST(Holidays, EasterSundayMatchesKnownDates) {
  EXPECT_EQ(EasterSunday(2024), year{2024} / 3 / 31);
  EXPECT_EQ(EasterSunday(2025), year{2025} / 4 / 20);
  EXPECT_EQ(EasterSunday(2026), year{2026} / 4 / 5);
  EXPECT_EQ(EasterSunday(2038), year{2038} / 4 / 25);  // latest possible
  EXPECT_EQ(EasterSunday(2285), year{2285} / 3 / 22);  // earliest possible
}

TEST(Holidays, ContainsAgreesWithNameOnInsideAndOutsideThePrecomputedYears) {
  PublicHolidays nl = DutchPublicHolidays({.good_friday = true});
  int holidays = 0;
  for (int y : {1950, 1969, 1970, 2025, 2100, 2101, 2150}) {
    for (date::sys_days d{year{y} / 1 / 1}; d <= date::sys_days{year{y} / 12 / 31}; d += date::days{1}) {
      bool named = nl.NameOn(date::year_month_day{d}).has_value();
      ASSERT_EQ(nl.Contains(d), named) << y << " day " << (d - date::sys_days{year{y} / 1 / 1}).count();
      holidays += named;
    }
  }
  EXPECT_GE(holidays, 7 * 10);
  PublicHolidays copy = nl;  // copies share the table
  EXPECT_TRUE(copy.Contains(date::sys_days{year{2025} / 12 / 25}));
  EXPECT_FALSE(PublicHolidays().Contains(date::sys_days{year{2025} / 12 / 25}));
}

TEST(Holidays, DutchDefaultCountsTheUndisputedDays) {
  PublicHolidays nl = DutchPublicHolidays();
  EXPECT_EQ(nl.NameOn(year{2025} / 1 / 1), "Nieuwjaarsdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 4 / 20), "Eerste Paasdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 4 / 21), "Tweede Paasdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 5 / 29), "Hemelvaartsdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 6 / 8), "Eerste Pinksterdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 6 / 9), "Tweede Pinksterdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 12 / 25), "Eerste Kerstdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 12 / 26), "Tweede Kerstdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 6 / 10), std::nullopt);
}

TEST(Holidays, KoningsdagMovesToSaturdayWhenTheTwentySeventhIsASunday) {
  PublicHolidays nl = DutchPublicHolidays();
  EXPECT_EQ(nl.NameOn(year{2024} / 4 / 27), "Koningsdag");
  EXPECT_EQ(nl.NameOn(year{2025} / 4 / 26), "Koningsdag");  // 27 April 2025 is a Sunday
  EXPECT_EQ(nl.NameOn(year{2025} / 4 / 27), std::nullopt);
  EXPECT_EQ(nl.NameOn(year{2013} / 4 / 30), "Koningsdag");  // Koninginnedag before 2014
}

TEST(Holidays, GoodFridayAndLiberationDayAreOptions) {
  PublicHolidays standard = DutchPublicHolidays();
  EXPECT_EQ(standard.NameOn(year{2025} / 4 / 18), std::nullopt);
  EXPECT_EQ(standard.NameOn(year{2025} / 5 / 5), "Bevrijdingsdag");  // lustrum year
  EXPECT_EQ(standard.NameOn(year{2026} / 5 / 5), std::nullopt);
  DutchHolidayOptions options;
  options.good_friday = true;
  options.liberation_day = DutchHolidayOptions::LiberationDay::kEveryYear;
  PublicHolidays wide = DutchPublicHolidays(options);
  EXPECT_EQ(wide.NameOn(year{2025} / 4 / 18), "Goede Vrijdag");
  EXPECT_EQ(wide.NameOn(year{2026} / 5 / 5), "Bevrijdingsdag");
  options.liberation_day = DutchHolidayOptions::LiberationDay::kNever;
  EXPECT_EQ(DutchPublicHolidays(options).NameOn(year{2025} / 5 / 5), std::nullopt);
}

TEST(Holidays, SchoolHolidaysKeepOnlyTheRegionAndIncludeBothEnds) {
  std::vector<SchoolHolidayPeriod> periods = {
      {SchoolRegion::kNoord, "Voorjaarsvakantie", year{2026} / 2 / 14, year{2026} / 2 / 22},
      {SchoolRegion::kZuid, "Carnaval", year{2026} / 2 / 7, year{2026} / 2 / 15},
  };
  SchoolHolidays noord(SchoolRegion::kNoord, periods);
  EXPECT_EQ(noord.NameOn(year{2026} / 2 / 14), "Voorjaarsvakantie");
  EXPECT_EQ(noord.NameOn(year{2026} / 2 / 22), "Voorjaarsvakantie");
  EXPECT_EQ(noord.NameOn(year{2026} / 2 / 8), std::nullopt);
  EXPECT_EQ(noord.NameOn(year{2026} / 2 / 23), std::nullopt);
}

}  // namespace
}  // namespace stadshart::hours
