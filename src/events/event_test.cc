#include "events/event.h"

#include <gtest/gtest.h>

namespace stadshart::events {
namespace {

Instant Utc(const char* text) { return ParseUtc(text).value(); }

EventInput Valid() {
  EventInput in;
  in.title = "Sinterklaasintocht";
  in.venue_id = 1;
  in.start = Utc("2026-11-21T12:00:00Z");
  in.end = Utc("2026-11-21T15:00:00Z");
  in.category = "cultuur";
  in.audience = "jeugd";
  in.expected_visitors = 150;
  return in;
}

bool HasField(const Error& error, const std::string& field) {
  for (const FieldError& f : error.field_errors) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(ParseEventTime, OffsetsZuluAndAmsterdamWallClock) {
  EXPECT_EQ(ParseEventTime("2026-12-06T12:00:00+01:00", ""), Utc("2026-12-06T11:00:00Z"));
  EXPECT_EQ(ParseEventTime("2026-12-06T11:00:00Z", ""), Utc("2026-12-06T11:00:00Z"));
  EXPECT_EQ(ParseEventTime("2026-07-06T12:00", "Europe/Amsterdam"), Utc("2026-07-06T10:00:00Z"));
  EXPECT_FALSE(ParseEventTime("2026-07-06T12:00", "").has_value()) << "local time needs tz";
  EXPECT_FALSE(ParseEventTime("6 december", "Europe/Amsterdam").has_value());
  EXPECT_FALSE(ParseEventTime("2026-13-06T12:00:00Z", "").has_value());
  EXPECT_EQ(FormatAmsterdamIso(Utc("2026-12-06T11:00:00Z")), "2026-12-06T12:00:00+01:00");
  EXPECT_EQ(FormatAmsterdamIso(Utc("2026-07-06T10:00:00Z")), "2026-07-06T12:00:00+02:00");
}

TEST(ValidateEvent, AcceptsAndDerivesTheClassFromTheACriteria) {
  auto ok = ValidateEvent(Valid(), {1, 2}, false);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok.value().event_class, EventClass::kA);
  EventInput big = Valid();
  big.expected_visitors = 1500;
  EXPECT_EQ(ValidateEvent(big, {1}, false).value().event_class, EventClass::kB);
  big.expected_visitors = 20000;
  EXPECT_EQ(ValidateEvent(big, {1}, false).value().event_class, EventClass::kC);
  EventInput declared = Valid();
  declared.event_class = EventClass::kB;
  EXPECT_EQ(ValidateEvent(declared, {1}, false).value().event_class, EventClass::kB);
}

TEST(ValidateEvent, EndBeforeStartIsRefusedInDutch) {
  EventInput in = Valid();
  in.end = Utc("2026-11-21T11:00:00Z");
  auto result = ValidateEvent(in, {1}, false);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(HasField(result.error(), "end"));
  EXPECT_NE(result.error().message.find("einde"), std::string::npos);
}

TEST(ValidateEvent, RefusesHtmlInTitlesBadRulesUnknownVenuesAndCategories) {
  EventInput in = Valid();
  in.title = "<script>alert(1)</script>";
  in.rrule = "FREQ=NOOIT";
  in.venue_id = 99;
  in.category = "feest";
  in.audience = "volwassenen";
  auto result = ValidateEvent(in, {1}, false);
  ASSERT_FALSE(result.ok());
  for (const char* field : {"title", "rrule", "venue_id", "category", "audience"}) {
    EXPECT_TRUE(HasField(result.error(), field)) << field;
  }
  EventInput fine = Valid();
  fine.title = "Rock & roll <3";
  EXPECT_TRUE(ValidateEvent(fine, {1}, false).ok()) << "a heart is not HTML";
}

TEST(ValidateEvent, RegionalEventsNeedNoVenue) {
  EventInput in = Valid();
  in.venue_id.reset();
  in.location = "TT Circuit Assen";
  EXPECT_FALSE(ValidateEvent(in, {1}, false).ok());
  EXPECT_TRUE(ValidateEvent(in, {1}, true).ok());
}

TEST(ValidateEvent, AnAllDayEventIsWholeAmsterdamDays) {
  EventInput in = Valid();
  in.all_day = true;
  in.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=4";
  in.start = Utc("2027-03-27T09:00:00Z");  // Saturday 27 March 10:00 CET
  in.end = Utc("2027-03-28T15:00:00Z");    // Sunday 28 March 17:00 CEST (the change day)
  in.exdates = {Utc("2027-04-03T10:00:00Z")};
  auto e = ValidateEvent(in, {1}, false);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(FormatAmsterdamIso(e.value().start), "2027-03-27T00:00:00+01:00");
  EXPECT_EQ(FormatAmsterdamIso(e.value().end), "2027-03-29T00:00:00+02:00");
  ASSERT_EQ(e.value().exdates.size(), 1u);
  EXPECT_EQ(FormatAmsterdamIso(e.value().exdates[0]), "2027-04-03T00:00:00+02:00");
  // Within one day: that day, never DTEND = DTSTART; midnight to midnight stays as it is.
  in.start = Utc("2027-03-28T08:00:00Z");
  in.end = Utc("2027-03-28T16:00:00Z");
  EXPECT_EQ(FormatAmsterdamIso(ValidateEvent(in, {1}, false).value().end), "2027-03-29T00:00:00+02:00");
  in.start = Utc("2027-03-27T23:00:00Z");
  in.end = Utc("2027-03-28T22:00:00Z");
  EXPECT_EQ(ValidateEvent(in, {1}, false).value().start, Utc("2027-03-27T23:00:00Z"));
  EXPECT_EQ(ValidateEvent(in, {1}, false).value().end, Utc("2027-03-28T22:00:00Z"));
  // Timed events keep their times; an end before the start is still refused.
  in.all_day = false;
  in.start = Utc("2027-03-28T08:00:00Z");
  in.end = Utc("2027-03-28T16:00:00Z");
  EXPECT_EQ(ValidateEvent(in, {1}, false).value().end, Utc("2027-03-28T16:00:00Z"));
  in.all_day = true;
  in.end = Utc("2027-03-28T07:00:00Z");
  EXPECT_FALSE(ValidateEvent(in, {1}, false).ok());
}

TEST(DefaultClass, LateEndOnAThursdayIsNoAEvent) {
  // Thursday 5 November 2026, 20:00-23:00 local: past 22:30.
  EXPECT_EQ(DefaultClass(Utc("2026-11-05T19:00:00Z"), Utc("2026-11-05T22:00:00Z"), 100), EventClass::kB);
  // Friday: until 24:00 is fine.
  EXPECT_EQ(DefaultClass(Utc("2026-11-06T19:00:00Z"), Utc("2026-11-06T22:00:00Z"), 100), EventClass::kA);
}

TEST(InputOf, StoresTheEventAgainUnchangedKeepingItsDeclaredClassAndStatus) {
  EventInput in = Valid();
  in.event_class = EventClass::kB;  // declared, not what the A-criteria would derive
  in.status = Status::kApproved;
  in.is_public = false;
  in.all_day = true;
  in.rrule = "FREQ=WEEKLY;COUNT=3";
  in.exdates = {Utc("2026-11-28T12:00:00Z")};
  auto first = ValidateEvent(in, {1}, false);
  ASSERT_TRUE(first.ok());
  auto again = ValidateEvent(InputOf(first.value()), {1}, false);
  ASSERT_TRUE(again.ok());
  const EventRecord &a = first.value(), &b = again.value();
  EXPECT_EQ(b.event_class, EventClass::kB);
  EXPECT_EQ(b.status, Status::kApproved);
  EXPECT_EQ(std::tie(a.title, a.start, a.end, a.all_day, a.rrule, a.exdates, a.is_public, a.venue_id, a.audience),
            std::tie(b.title, b.start, b.end, b.all_day, b.rrule, b.exdates, b.is_public, b.venue_id, b.audience));
}

}  // namespace
}  // namespace stadshart::events
