#include "hours/zone_offsets.h"

#include <gtest/gtest.h>

namespace stadshart::hours {
namespace {

using date::sys_days;
using std::chrono::minutes;

// Every day of 1995-2045: a regular day's start plus m minutes is exactly what the zone gives for local midnight
// plus m (choose::earliest), and only days with an offset change (or a repeated hour reaching into them) are not
// regular.
void ExpectRegularDaysMatchTheZone(const char* name) {
  const date::time_zone* zone = date::locate_zone(name);
  auto table = ZoneOffsets::For(zone);
  int irregular = 0;
  for (sys_days d = sys_days{date::year{1995} / 1 / 1}; d < sys_days{date::year{2045} / 1 / 1}; d += date::days{1}) {
    date::local_days local{d.time_since_epoch()};
    std::optional<ZoneOffsets::Instant> start = table->RegularDayStart(d);
    if (!start) {
      ++irregular;
      // an irregular day really has a change within a day of its midnight
      auto a = zone->get_info(zone->to_sys(local, date::choose::earliest));
      auto b = zone->get_info(zone->to_sys(local + minutes{1440}, date::choose::earliest));
      auto c = zone->get_info(zone->to_sys(local, date::choose::earliest) - std::chrono::hours{24});
      EXPECT_TRUE(a.offset != b.offset || a.offset != c.offset) << name << " " << date::year_month_day{d};
      continue;
    }
    for (int m = 0; m <= 1440; m += 30) {
      ASSERT_EQ(*start + minutes{m}, zone->to_sys(local + minutes{m}, date::choose::earliest)) << name << " " << date::year_month_day{d};
    }
    EXPECT_EQ(table->At(*start).offset, zone->get_info(*start).offset);
  }
  EXPECT_LT(irregular, 50 * 2 * 3) << name;  // at most a few days around each change
}

TEST(ZoneOffsets, RegularDaysMapMinutesLikeTheZone) {
  ExpectRegularDaysMatchTheZone("Europe/Amsterdam");
  ExpectRegularDaysMatchTheZone("America/Havana");      // changes at midnight
  ExpectRegularDaysMatchTheZone("Australia/Lord_Howe");  // half-hour DST
  ExpectRegularDaysMatchTheZone("Pacific/Apia");         // skipped 30 December 2011 entirely
  ExpectRegularDaysMatchTheZone("UTC");
}

TEST(ZoneOffsets, OutsideTheTableAsksTheZone) {
  const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
  auto table = ZoneOffsets::For(zone);
  ZoneOffsets::Instant far{sys_days{date::year{2300} / 7 / 1}.time_since_epoch()};
  EXPECT_EQ(table->At(far).offset, zone->get_info(far).offset);
  EXPECT_EQ(table.get(), ZoneOffsets::For(zone).get());  // shared
}

}  // namespace
}  // namespace stadshart::hours
