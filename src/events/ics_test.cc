#include "events/ics.h"

#include <gtest/gtest.h>

#include "events/recurrence.h"

namespace stadshart::events {
namespace {

Instant Utc(const char* text) { return ParseUtc(text).value(); }

EventRecord Market() {
  EventRecord e;
  e.id = 7;
  e.uid = "weekmarkt@assen.test";
  e.title = "Weekmarkt; groente, kaas & vis";
  e.description = "Regel één\nRegel <twee>";
  e.venue_id = 1;
  e.start = Utc("2026-03-21T07:00:00Z");
  e.end = Utc("2026-03-21T12:00:00Z");
  e.rrule = "FREQ=WEEKLY;BYDAY=SA";
  e.exdates = {Utc("2026-04-25T06:00:00Z")};
  e.changes = {{Utc("2026-04-04T06:00:00Z"), true, std::nullopt, std::nullopt}};
  e.category = "markt";
  e.status = Status::kApproved;
  e.sequence = 3;
  e.updated_at = "2026-01-10T12:00:00Z";
  return e;
}

const std::vector<Place> kPlaces = {{1, "Markt", "Markt, 9401 Assen", 52.9929, 6.5642}};

TEST(WriteCalendar, HasTheCalendarPropertiesAndTheTimezone) {
  std::string ics = WriteCalendar({Market()}, kPlaces, {.url = "https://assen.test/agenda.ics"});
  for (const char* needle :
       {"BEGIN:VCALENDAR\r\n", "VERSION:2.0", "PRODID:", "NAME:Evenementen binnenstad Assen", "REFRESH-INTERVAL",
        "SOURCE", "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam", "BYDAY=-1SU;BYMONTH=10",
        "DTSTART;TZID=Europe/Amsterdam:20260321T080000", "RRULE:FREQ=WEEKLY;BYDAY=SA",
        "EXDATE;TZID=Europe/Amsterdam:20260425T080000", "RECURRENCE-ID;TZID=Europe/Amsterdam:20260404T080000",
        "STATUS:CANCELLED", "SEQUENCE:3", "SUMMARY:Weekmarkt\\; groente\\, kaas & vis", "LOCATION:Markt\\, Markt\\, 9401 Assen"}) {
    EXPECT_NE(ics.find(needle), std::string::npos) << needle << "\n" << ics;
  }
}

TEST(ParseCalendar, ReadsBackWhatWasWritten) {
  auto parsed = ParseCalendar(WriteCalendar({Market()}, kPlaces, {}));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed.value().size(), 1u);
  const EventRecord& e = parsed.value()[0];
  EXPECT_EQ(e.uid, "weekmarkt@assen.test");
  EXPECT_EQ(e.title, "Weekmarkt; groente, kaas & vis");
  EXPECT_EQ(e.description, "Regel één\nRegel <twee>");
  EXPECT_EQ(e.start, Utc("2026-03-21T07:00:00Z"));
  EXPECT_EQ(e.end, Utc("2026-03-21T12:00:00Z"));
  EXPECT_EQ(e.rrule, "FREQ=WEEKLY;BYDAY=SA");
  ASSERT_EQ(e.exdates.size(), 1u);
  EXPECT_EQ(e.exdates[0], Utc("2026-04-25T06:00:00Z")) << "summer time EXDATE";
  ASSERT_EQ(e.changes.size(), 1u);
  EXPECT_TRUE(e.changes[0].cancelled);
  EXPECT_EQ(e.changes[0].recurrence_id, Utc("2026-04-04T06:00:00Z"));
  EXPECT_EQ(e.sequence, 3);
  EXPECT_EQ(e.category, "markt");
}

TEST(ParseCalendar, OtherZonesUtcAndFloatingTimes) {
  const char* text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//NL\r\n"
      "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260627T100000Z\r\nDTEND:20260627T160000Z\r\n"
      "SUMMARY:TT Races\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/London:20260627T100000\r\n"
      "DURATION:PT2H\r\nSUMMARY:Londen\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261231T200000\r\nSUMMARY:Oud en nieuw\r\n"
      "STATUS:CANCELLED\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260427\r\nSUMMARY:Koningsdag\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  auto parsed = ParseCalendar(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto& events = parsed.value();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].start, Utc("2026-06-27T10:00:00Z"));
  EXPECT_EQ(events[1].start, Utc("2026-06-27T09:00:00Z"));
  EXPECT_EQ(events[1].end, Utc("2026-06-27T11:00:00Z"));
  EXPECT_EQ(events[2].start, Utc("2026-12-31T19:00:00Z")) << "floating: Amsterdam";
  EXPECT_EQ(events[2].status, Status::kCancelled);
  EXPECT_TRUE(events[3].all_day);
  EXPECT_EQ(events[3].start, Utc("2026-04-26T22:00:00Z"));
  EXPECT_EQ(events[3].end, Utc("2026-04-27T22:00:00Z"));
}

TEST(WriteCalendar, AllDayEventsAreDatesWithoutZoneAndReadBackAsWholeDays) {
  // Weekends around the March change (28 March 2027), all day; one EXDATE, one cancelled day.
  EventRecord e = Market();
  e.all_day = true;
  e.start = Utc("2027-03-12T23:00:00Z");  // Saturday 13 March, 00:00 CET
  e.end = Utc("2027-03-13T23:00:00Z");
  e.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20270418";
  e.exdates = {Utc("2027-04-02T22:00:00Z")};                                          // Saturday 3 April, CEST
  e.changes = {{Utc("2027-03-26T23:00:00Z"), true, std::nullopt, std::nullopt}};  // Saturday 27 March
  std::string ics = WriteCalendar({e}, kPlaces, {});
  for (const char* needle : {"DTSTART;VALUE=DATE:20270313\r\n", "DTEND;VALUE=DATE:20270314\r\n",
                             "EXDATE;VALUE=DATE:20270403\r\n", "RECURRENCE-ID;VALUE=DATE:20270327\r\n",
                             "UNTIL=20270418"}) {
    EXPECT_NE(ics.find(needle), std::string::npos) << needle << "\n" << ics;
  }
  EXPECT_EQ(ics.find("VALUE=DATE-TIME"), std::string::npos) << ics;
  EXPECT_EQ(ics.find("UNTIL=20270418T"), std::string::npos) << ics;
  auto parsed = ParseCalendar(ics);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const EventRecord& back = parsed.value()[0];
  EXPECT_TRUE(back.all_day);
  EXPECT_EQ(back.start, e.start);
  EXPECT_EQ(back.end, e.end);
  EXPECT_EQ(back.exdates, e.exdates);
  ASSERT_EQ(back.changes.size(), 1u);
  EXPECT_EQ(back.changes[0].recurrence_id, e.changes[0].recurrence_id);
  auto occurrences = Expand(back, Utc("2027-03-01T00:00:00Z"), Utc("2027-05-01T00:00:00Z"));
  ASSERT_EQ(occurrences.size(), 11u);
  EXPECT_EQ(FormatAmsterdamIso(occurrences[5].start), "2027-03-28T00:00:00+01:00");
  EXPECT_EQ(FormatAmsterdamIso(occurrences[5].end), "2027-03-29T00:00:00+02:00");
}

TEST(ParseCalendar, ADateWithoutDtendLastsItsDayAlsoOnAChangeDay) {
  auto parsed = ParseCalendar(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20270328\r\nSUMMARY:Lentedag\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20271030\r\nDURATION:P2D\r\nSUMMARY:Herfst\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto& events = parsed.value();
  EXPECT_EQ(FormatAmsterdamIso(events[0].end), "2027-03-29T00:00:00+02:00") << "23 hours";
  EXPECT_EQ(FormatAmsterdamIso(events[1].start), "2027-10-30T00:00:00+02:00");
  EXPECT_EQ(FormatAmsterdamIso(events[1].end), "2027-11-01T00:00:00+01:00") << "49 hours";
}

TEST(ParseCalendar, RefusesWhatIsNoCalendar) {
  auto not_ics = ParseCalendar("naam;datum\nMarkt;2026-03-21\n");
  ASSERT_FALSE(not_ics.ok());
  EXPECT_EQ(not_ics.error().kind, ErrorKind::kMalformed);
  EXPECT_NE(not_ics.error().message.find("geen iCalendar"), std::string::npos);
  auto no_uid = ParseCalendar(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260627T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n");
  ASSERT_FALSE(no_uid.ok());
  EXPECT_EQ(no_uid.error().kind, ErrorKind::kInvalid);
  auto bad_rule = ParseCalendar(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260627T100000Z\r\nRRULE:FREQ=SOMETIMES\r\n"
      "SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  EXPECT_FALSE(bad_rule.ok());
}

}  // namespace
}  // namespace stadshart::events
