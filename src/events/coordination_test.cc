#include "events/coordination.h"

#include <gtest/gtest.h>

#include "events/recurrence.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

Instant Utc(const char* text) { return ParseUtc(text).value(); }

const std::vector<Place> kPlaces = {{1, "Koopmansplein"}, {2, "Brink"}};

EventRecord E(std::int64_t id, std::int64_t venue, const char* start, const char* end, EventClass c = EventClass::kA,
              int visitors = 100) {
  EventRecord e;
  e.id = id;
  e.title = "Evenement " + std::to_string(id);
  e.venue_id = venue;
  e.start = Utc(start);
  e.end = Utc(end);
  e.event_class = c;
  e.expected_visitors = visitors;
  e.status = Status::kApproved;
  return e;
}

std::vector<std::string> Kinds(const std::vector<Clash>& clashes) {
  std::vector<std::string> out;
  for (const Clash& c : clashes) out.push_back(c.kind + ":" + std::to_string(c.with_event_id.value_or(0)));
  return out;
}

TEST(ClashesOf, AWeeklySeriesClashesOnceWithAnEventOnOneOfItsDays) {
  EventRecord market = E(1, 1, "2027-03-20T07:00:00Z", "2027-03-20T12:00:00Z");
  market.rrule = "FREQ=WEEKLY;BYDAY=SA";
  EventRecord fair = E(2, 1, "2027-04-03T09:00:00Z", "2027-04-03T15:00:00Z");  // 11:00 CEST: overlaps 08-13
  std::vector<EventRecord> all = {market, fair};
  auto clashes = ClashesOf(market, all, kPlaces, market.start, market.start + days{366});
  EXPECT_EQ(Kinds(clashes), std::vector<std::string>{"venue_overlap:2"});
  EXPECT_EQ(Kinds(ClashesOf(fair, all, kPlaces, fair.start, fair.end)), std::vector<std::string>{"venue_overlap:1"});
}

TEST(ClashesOf, ACancelledOccurrenceOrAnExdateClashesWithNothing) {
  EventRecord market = E(1, 1, "2027-03-20T07:00:00Z", "2027-03-20T12:00:00Z");
  market.rrule = "FREQ=WEEKLY;BYDAY=SA";
  market.changes = {{Utc("2027-04-03T06:00:00Z"), true, std::nullopt, std::nullopt}};
  EventRecord fair = E(2, 1, "2027-04-03T09:00:00Z", "2027-04-03T15:00:00Z");
  std::vector<EventRecord> all = {market, fair};
  EXPECT_TRUE(ClashesOf(fair, all, kPlaces, fair.start, fair.end).empty());
  market.changes.clear();
  market.exdates = {Utc("2027-04-03T06:00:00Z")};
  all = {market, fair};
  EXPECT_TRUE(ClashesOf(fair, all, kPlaces, fair.start, fair.end).empty());
}

TEST(ClashesOf, RejectedAndCancelledEventsTakeNoPartButSubmissionsDo) {
  EventRecord a = E(1, 2, "2027-06-26T10:00:00Z", "2027-06-26T14:00:00Z", EventClass::kB, 1000);
  EventRecord b = E(2, 1, "2027-06-26T15:00:00Z", "2027-06-26T20:00:00Z", EventClass::kC, 6000);
  b.status = Status::kSubmitted;
  std::vector<EventRecord> all = {a, b};
  EXPECT_EQ(Kinds(ClashesOf(a, all, kPlaces, a.start, a.end)), std::vector<std::string>{"emergency_services:2"});
  all[1].status = Status::kRejected;
  EXPECT_TRUE(ClashesOf(a, all, kPlaces, a.start, a.end).empty());
  all[1].status = Status::kCancelled;
  EXPECT_TRUE(ClashesOf(a, all, kPlaces, a.start, a.end).empty());
  a.status = Status::kCancelled;
  all = {a, b};
  EXPECT_TRUE(ClashesOf(a, all, kPlaces, a.start, a.end).empty()) << "a cancelled event has no clashes itself";
}

TEST(ClashesOf, TimesAreJudgedInAmsterdamWallClock) {
  // Thursday 1 July 2027, 20:00-22:45 CEST with sound: past 22:30 local, although 20:45 in UTC.
  EventRecord late = E(1, 2, "2027-07-01T18:00:00Z", "2027-07-01T20:45:00Z");
  late.amplified_sound = true;
  std::vector<EventRecord> all = {late};
  auto clashes = ClashesOf(late, all, kPlaces, late.start, late.end);
  ASSERT_EQ(Kinds(clashes), (std::vector<std::string>{"amplified_sound:0", "class_mismatch:0"}));
  EXPECT_NE(clashes[0].reason.find("22:30"), std::string::npos);
}

}  // namespace
}  // namespace stadshart::events
