#include "events/agenda.h"

#include <gtest/gtest.h>

namespace stadshart::events {
namespace {

Instant Utc(const char* text) { return ParseUtc(text).value(); }

EventRecord E(std::int64_t id, const char* start, const char* end, Status status = Status::kApproved) {
  EventRecord e;
  e.id = id;
  e.title = "Evenement " + std::to_string(id);
  e.venue_id = 1;
  e.start = Utc(start);
  e.end = Utc(end);
  e.status = status;
  e.category = "markt";
  e.audience = "iedereen";
  return e;
}

std::vector<std::int64_t> Ids(const std::vector<AgendaItem>& items) {
  std::vector<std::int64_t> ids;
  for (const AgendaItem& item : items) ids.push_back(item.event->id);
  return ids;
}

const AgendaFilter kDecember{.from = ParseUtc("2026-12-01T00:00:00Z").value(),
                             .to = ParseUtc("2027-01-01T00:00:00Z").value()};

TEST(Agenda, OnlyPublicApprovedOrCancelledEventsArePublished) {
  std::vector<EventRecord> events = {
      E(1, "2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z"),
      E(2, "2026-12-06T10:00:00Z", "2026-12-06T12:00:00Z", Status::kSubmitted),
      E(3, "2026-12-07T10:00:00Z", "2026-12-07T12:00:00Z", Status::kRejected),
      E(4, "2026-12-08T10:00:00Z", "2026-12-08T12:00:00Z", Status::kConcept),
      E(5, "2026-12-09T10:00:00Z", "2026-12-09T12:00:00Z", Status::kCancelled),
      E(6, "2026-12-10T10:00:00Z", "2026-12-10T12:00:00Z"),
  };
  events[5].is_public = false;  // internal: approved, but not for the public agenda
  auto items = Agenda(events, kDecember);
  EXPECT_EQ(Ids(items), (std::vector<std::int64_t>{1, 5}));
  EXPECT_FALSE(items[0].occurrence.cancelled);
  EXPECT_TRUE(items[1].occurrence.cancelled) << "a cancelled event is shown, marked cancelled";
}

TEST(Agenda, FiltersAndRangeAndOrderAndLimit) {
  std::vector<EventRecord> events = {
      E(1, "2026-12-20T10:00:00Z", "2026-12-20T12:00:00Z"),
      E(2, "2026-12-03T10:00:00Z", "2026-12-03T12:00:00Z"),
      E(3, "2026-11-30T22:00:00Z", "2026-12-01T01:00:00Z"),  // overlaps the range's start: included
      E(4, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"),  // before the range
      E(5, "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z"),  // same start as 2: by id
  };
  EXPECT_EQ(Ids(Agenda(events, kDecember)), (std::vector<std::int64_t>{3, 2, 5, 1}));
  EXPECT_EQ(Ids(Agenda(events, kDecember, 2)), (std::vector<std::int64_t>{3, 2}));

  events[1].category = "muziek";
  events[2].audience = "jeugd";
  events[3].venue_id = 2;
  events[4].regional = true;
  AgendaFilter music = kDecember;
  music.category = "muziek";
  EXPECT_EQ(Ids(Agenda(events, music)), (std::vector<std::int64_t>{2}));
  AgendaFilter youth = kDecember;
  youth.audience = "jeugd";
  EXPECT_EQ(Ids(Agenda(events, youth)), (std::vector<std::int64_t>{3}));
  AgendaFilter brink = kDecember;
  brink.venue_id = 2;
  EXPECT_TRUE(Agenda(events, brink).empty()) << "event 4 is at the Brink but outside the range";
  EXPECT_EQ(Ids(Agenda(events, kDecember)), (std::vector<std::int64_t>{3, 2, 1})) << "regional events only on request";
  AgendaFilter with_regional = kDecember;
  with_regional.regional = true;
  EXPECT_EQ(Ids(Agenda(events, with_regional)), (std::vector<std::int64_t>{3, 2, 5, 1}));
}

TEST(Agenda, RecurringEventsGiveEachOccurrenceInTheRange) {
  EventRecord market = E(7, "2026-11-07T07:00:00Z", "2026-11-07T12:00:00Z");
  market.rrule = "FREQ=WEEKLY;BYDAY=SA";  // unbounded: expansion stops at the range
  auto items = Agenda({market}, kDecember);
  ASSERT_EQ(items.size(), 4u);  // 5, 12, 19 and 26 December 2026
  EXPECT_EQ(items.front().occurrence.start, Utc("2026-12-05T07:00:00Z"));
  EXPECT_EQ(items.back().occurrence.start, Utc("2026-12-26T07:00:00Z"));
}

}  // namespace
}  // namespace stadshart::events
