#include "events/clash.h"

#include <gtest/gtest.h>

namespace stadshart::events {
namespace {

using namespace std::chrono;

LocalTime At(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return local_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute};
}

const std::vector<Venue> kVenues = {
    {1, "Koopmansplein", 3000, std::pair{10 * 60, 23 * 60}},
    {2, "Brink", std::nullopt, std::nullopt},
    {3, "TT Circuit", std::nullopt, std::nullopt},
};

Event E(std::int64_t id, std::int64_t venue, LocalTime start, LocalTime end, EventClass c = EventClass::kA,
        int visitors = 100) {
  Event e;
  e.id = id;
  e.title = "Evenement " + std::to_string(id);
  e.venue_id = venue;
  e.start = start;
  e.end = end;
  e.event_class = c;
  e.expected_visitors = visitors;
  return e;
}

std::vector<std::string> Kinds(const std::vector<Clash>& clashes) {
  std::vector<std::string> kinds;
  for (const Clash& c : clashes) kinds.push_back(c.kind);
  return kinds;
}

TEST(Clash, SameVenueOverlappingTimes) {
  // Friday 7 June 2019.
  Event market = E(1, 1, At(2019, 6, 7, 9), At(2019, 6, 7, 13));
  Event concert = E(2, 1, At(2019, 6, 7, 12), At(2019, 6, 7, 16));
  Event later = E(3, 1, At(2019, 6, 7, 13), At(2019, 6, 7, 15));
  Event elsewhere = E(4, 2, At(2019, 6, 7, 12), At(2019, 6, 7, 16));
  std::vector<Event> all = {market, concert, later, elsewhere};
  auto clashes = FindClashes(market, all, kVenues);
  ASSERT_EQ(Kinds(clashes), std::vector<std::string>{"venue_overlap"});
  EXPECT_EQ(clashes[0].with_event_id, 2);
  EXPECT_NE(clashes[0].reason.find("Koopmansplein"), std::string::npos);
}

TEST(Clash, BackToBackIsNoOverlapAndCancelledEventsNeverClash) {
  Event a = E(1, 1, At(2019, 6, 7, 9), At(2019, 6, 7, 13));
  Event b = E(2, 1, At(2019, 6, 7, 13), At(2019, 6, 7, 15));
  Event c = E(3, 1, At(2019, 6, 7, 10), At(2019, 6, 7, 11));
  c.cancelled = true;
  std::vector<Event> all = {a, b, c};
  EXPECT_TRUE(FindClashes(a, all, kVenues).empty());
}

TEST(Clash, MoreVisitorsThanTheVenueHolds) {
  Event big = E(1, 1, At(2019, 6, 7, 12), At(2019, 6, 7, 16), EventClass::kB, 3500);
  EXPECT_EQ(Kinds(FindClashes(big, {}, kVenues)), std::vector<std::string>{"over_capacity"});
  Event unknown = E(2, 2, At(2019, 6, 7, 12), At(2019, 6, 7, 16), EventClass::kB, 3500);
  EXPECT_TRUE(FindClashes(unknown, {}, kVenues).empty()) << "no capacity known: no check";
}

TEST(Clash, TwoBOrCEventsInTheCentreOnOneDay) {
  Event morning = E(1, 1, At(2019, 6, 8, 10), At(2019, 6, 8, 12), EventClass::kB, 1000);
  Event evening = E(2, 2, At(2019, 6, 8, 20), At(2019, 6, 8, 23), EventClass::kC, 5000);
  Event small = E(3, 2, At(2019, 6, 8, 13), At(2019, 6, 8, 15));
  std::vector<Event> all = {morning, evening, small};
  auto kinds = Kinds(FindClashes(morning, all, kVenues));
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "emergency_services"), 1);
}

TEST(Clash, LargeEventsInTownAndRegionOnOneWeekend) {
  // TT weekend: Saturday 29 June 2019 in town, the races at the circuit (regional calendar) on Sunday.
  Event festival = E(1, 1, At(2019, 6, 29, 14), At(2019, 6, 29, 23), EventClass::kC, 2900);
  Event races = E(2, 3, At(2019, 6, 30, 10), At(2019, 6, 30, 17), EventClass::kC, 100000);
  races.regional = true;
  Event next_weekend = E(3, 3, At(2019, 7, 6, 10), At(2019, 7, 6, 17), EventClass::kC, 10000);
  next_weekend.regional = true;
  std::vector<Event> all = {festival, races, next_weekend};
  auto clashes = FindClashes(festival, all, kVenues);
  auto kinds = Kinds(clashes);
  ASSERT_EQ(std::count(kinds.begin(), kinds.end(), "regional_weekend"), 1);
  EXPECT_NE(std::find_if(clashes.begin(), clashes.end(), [](auto& c) { return c.with_event_id == 2; }), clashes.end());
}

TEST(Clash, FridayEveningCountsAsTheWeekend) {
  Event friday = E(1, 1, At(2019, 6, 28, 19), At(2019, 6, 28, 23), EventClass::kB, 2000);
  Event sunday = E(2, 3, At(2019, 6, 30, 10), At(2019, 6, 30, 17), EventClass::kC, 100000);
  sunday.regional = true;
  std::vector<Event> all = {friday, sunday};
  auto kinds = Kinds(FindClashes(friday, all, kVenues));
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "regional_weekend"), 1);
  Event friday_day = E(3, 1, At(2019, 6, 28, 9), At(2019, 6, 28, 17), EventClass::kB, 2000);
  all.push_back(friday_day);
  kinds = Kinds(FindClashes(friday_day, all, kVenues));
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "regional_weekend"), 0) << "Friday daytime is not the weekend";
}

TEST(Clash, AmplifiedSoundOutsideTheVenueHoursAndPastTheAEndTime) {
  Event thursday = E(1, 2, At(2019, 6, 6, 20), At(2019, 6, 6, 23));  // Thursday, until 23:00
  thursday.amplified_sound = true;
  auto clashes = FindClashes(thursday, {}, kVenues);
  ASSERT_EQ(Kinds(clashes), (std::vector<std::string>{"amplified_sound", "class_mismatch"}));
  EXPECT_NE(clashes[0].reason.find("22:30"), std::string::npos);
  Event friday = E(2, 2, At(2019, 6, 7, 20), At(2019, 6, 7, 23, 59));  // Friday: 24:00 allowed
  friday.amplified_sound = true;
  EXPECT_TRUE(FindClashes(friday, {}, kVenues).empty());
  Event early = E(3, 1, At(2019, 6, 7, 9), At(2019, 6, 7, 12));  // Koopmansplein: sound from 10:00
  early.amplified_sound = true;
  EXPECT_EQ(Kinds(FindClashes(early, {}, kVenues)), std::vector<std::string>{"amplified_sound"});
}

TEST(Clash, AnAEventMustBeSmallShortAndEndInTime) {
  Event crowd = E(1, 2, At(2019, 6, 5, 12), At(2019, 6, 5, 16), EventClass::kA, 250);
  auto clashes = FindClashes(crowd, {}, kVenues);
  ASSERT_EQ(Kinds(clashes), std::vector<std::string>{"class_mismatch"});
  EXPECT_NE(clashes[0].reason.find("meer dan 200 bezoekers"), std::string::npos);
  Event two_days = E(2, 2, At(2019, 6, 8, 10), At(2019, 6, 9, 18), EventClass::kA, 100);
  EXPECT_NE(FindClashes(two_days, {}, kVenues).at(0).reason.find("meer dan één dag"), std::string::npos);
  Event same_as_b = E(3, 2, At(2019, 6, 5, 12), At(2019, 6, 5, 16), EventClass::kB, 250);
  EXPECT_TRUE(FindClashes(same_as_b, {}, kVenues).empty()) << "declared B: no mismatch";
  Event past_midnight = E(4, 2, At(2019, 6, 7, 20), At(2019, 6, 8, 0, 30), EventClass::kA, 100);
  clashes = FindClashes(past_midnight, {}, kVenues);
  ASSERT_EQ(Kinds(clashes), std::vector<std::string>{"class_mismatch"});
  EXPECT_NE(clashes[0].reason.find("eindigt te laat"), std::string::npos);
  EXPECT_EQ(clashes[0].reason.find("meer dan één dag"), std::string::npos);
}

}  // namespace
}  // namespace stadshart::events
