#include "events/sqlite_events_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "events/coordination.h"
#include "events/demo_events.h"
#include "events/ics.h"
#include "events/recurrence.h"
#include "storage/test_database.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

const audit::Actor kActor{std::nullopt, "test@example.org", "api"};
Instant Utc(const char* text) { return ParseUtc(text).value(); }

class EventsRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-events-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqliteEventsRepository>(*db_, clock_);
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }
  EventRecord Market() {
    EventRecord e;
    e.title = "Weekmarkt";
    e.venue_id = repo_->Venues().at(2).id;
    e.start = Utc("2026-03-21T07:00:00Z");
    e.end = Utc("2026-03-21T12:00:00Z");
    e.rrule = "FREQ=WEEKLY;BYDAY=SA";
    e.exdates = {Utc("2026-04-25T06:00:00Z")};
    e.changes = {{Utc("2026-04-04T06:00:00Z"), true, std::nullopt, std::nullopt}};
    e.category = "markt";
    e.status = Status::kApproved;
    return e;
  }

  FixedClock clock_{Utc("2026-01-10T12:00:00Z")};
  std::string dir_;
  std::string location_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteEventsRepository> repo_;
};

TEST_F(EventsRepositoryTest, TheSixPublicPlacesOfTheCentreAreSeededWithoutInventedCapacities) {
  auto venues = repo_->Venues();
  ASSERT_EQ(venues.size(), 6u);
  std::vector<std::string> names;
  for (const Place& p : venues) {
    names.push_back(p.name);
    EXPECT_FALSE(p.capacity.has_value()) << p.name;
    EXPECT_NEAR(p.lat, 52.99, 0.01);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Koopmansplein", "Brink", "Markt", "Kerkplein", "Kop van de Vaart",
                                             "Drents Museum"}));
  EXPECT_EQ(venues[5].address, "Brink 1, 9401 HS Assen");
}

TEST_F(EventsRepositoryTest, ThePartnershipFillsInCapacityAndSoundHoursWithAVersion) {
  Place koopmansplein = repo_->Venues().at(0);
  koopmansplein.capacity = 3000;
  koopmansplein.sound_from_minutes = 10 * 60;
  koopmansplein.sound_until_minutes = 23 * 60;
  auto updated = repo_->UpdateVenue(koopmansplein.id, koopmansplein, 1, kActor);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated.value().version, 2);
  EXPECT_EQ(repo_->Venues().at(0).capacity, 3000);
  EXPECT_EQ(repo_->UpdateVenue(koopmansplein.id, koopmansplein, 1, kActor).error().kind, ErrorKind::kConflict);
  koopmansplein.sound_until_minutes = 9 * 60;
  EXPECT_EQ(repo_->UpdateVenue(koopmansplein.id, koopmansplein, 2, kActor).error().kind, ErrorKind::kInvalid);
  // Now the capacity rule runs.
  EventRecord crowd = Market();
  crowd.rrule.clear();
  crowd.exdates.clear();
  crowd.changes.clear();
  crowd.venue_id = koopmansplein.id;
  crowd.expected_visitors = 3500;
  crowd.event_class = EventClass::kC;
  auto stored = repo_->Create(crowd, kActor).value();
  auto all = repo_->Candidates(stored.start, stored.end);
  auto clashes = ClashesOf(stored, all, repo_->Venues(), stored.start, stored.end);
  ASSERT_EQ(clashes.size(), 1u);
  EXPECT_EQ(clashes[0].kind, "over_capacity");
  EXPECT_EQ(clashes[0].reason, "3500 verwachte bezoekers, maar Koopmansplein biedt plaats aan 3000.");
}

TEST_F(EventsRepositoryTest, CreateKeepsEverythingAndAudits) {
  auto created = repo_->Create(Market(), kActor);
  ASSERT_TRUE(created.ok()) << created.error().message;
  const EventRecord& e = created.value();
  EXPECT_FALSE(e.uid.empty());
  EXPECT_EQ(e.version, 1);
  EXPECT_EQ(e.sequence, 0);
  auto stored = repo_->Get(e.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->exdates, Market().exdates);
  ASSERT_EQ(stored->changes.size(), 1u);
  EXPECT_TRUE(stored->changes[0].cancelled);
  EXPECT_EQ(repo_->ChangeHistory(e.id).size(), 1u);
}

TEST_F(EventsRepositoryTest, UpdateNeedsTheCurrentVersionAndRaisesSequence) {
  auto e = repo_->Create(Market(), kActor).value();
  EventRecord changed = e;
  changed.title = "Weekmarkt (nieuw)";
  auto updated = repo_->Update(e.id, changed, 1, kActor);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated.value().version, 2);
  EXPECT_EQ(updated.value().sequence, 1);
  auto stale = repo_->Update(e.id, changed, 1, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo_->Get(e.id)->title, "Weekmarkt (nieuw)");
  EXPECT_EQ(repo_->ChangeHistory(e.id).size(), 2u);
}

TEST_F(EventsRepositoryTest, CandidatesHoldSeriesAndOverlappingSingleEvents) {
  auto market = repo_->Create(Market(), kActor).value();
  EventRecord once = Market();
  once.rrule.clear();
  once.exdates.clear();
  once.changes.clear();
  once.start = Utc("2026-05-01T10:00:00Z");
  once.end = Utc("2026-05-01T12:00:00Z");
  auto single = repo_->Create(once, kActor).value();
  auto in_may = repo_->Candidates(Utc("2026-05-01T00:00:00Z"), Utc("2026-05-02T00:00:00Z"));
  EXPECT_EQ(in_may.size(), 2u);
  auto in_june = repo_->Candidates(Utc("2026-06-01T00:00:00Z"), Utc("2026-06-02T00:00:00Z"));
  ASSERT_EQ(in_june.size(), 1u);
  EXPECT_EQ(in_june[0].id, market.id);
  EXPECT_EQ(in_june[0].changes.size(), 1u) << "changes come along";
  (void)single;
}

TEST_F(EventsRepositoryTest, ImportDeduplicatesUpdatesAndCancelsWhatDisappeared) {
  auto parse = [](const std::string& body) {
    return ParseCalendar("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//NL\r\n" + body + "END:VCALENDAR\r\n").value();
  };
  std::string a = "BEGIN:VEVENT\r\nUID:a@regio\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260627T100000Z\r\n"
                  "DTEND:20260627T160000Z\r\nSUMMARY:Races\r\nEND:VEVENT\r\n";
  std::string b = "BEGIN:VEVENT\r\nUID:b@regio\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260704T100000Z\r\n"
                  "DTEND:20260704T160000Z\r\nSUMMARY:Festival\r\nEND:VEVENT\r\n";
  auto first = repo_->Import("regio", parse(a + b), kActor);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first.value().created, 2);
  auto again = repo_->Import("regio", parse(a + b), kActor);
  EXPECT_EQ(again.value().unchanged, 2);
  EXPECT_EQ(again.value().created + again.value().updated + again.value().cancelled, 0);
  std::string a2 = a;
  a2.replace(a2.find("SUMMARY:Races"), 13, "SUMMARY:Races (verplaatst)");
  auto third = repo_->Import("regio", parse(a2), kActor);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third.value().updated, 1);
  EXPECT_EQ(third.value().cancelled, 1);
  auto all = repo_->Candidates(Utc("2026-01-01T00:00:00Z"), Utc("2027-01-01T00:00:00Z"));
  ASSERT_EQ(all.size(), 2u) << "cancelled, not deleted";
  EXPECT_EQ(all[0].title, "Races (verplaatst)");
  EXPECT_EQ(all[0].sequence, 1);
  EXPECT_TRUE(all[0].regional);
  EXPECT_EQ(all[1].status, Status::kCancelled);
}

TEST_F(EventsRepositoryTest, ImportIsAllOrNothing) {
  auto local = repo_->Create(Market(), kActor).value();
  auto calendar = ParseCalendar(
                      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//NL\r\nBEGIN:VEVENT\r\nUID:new@regio\r\n"
                      "DTSTAMP:20260101T000000Z\r\nDTSTART:20260627T100000Z\r\nSUMMARY:Nieuw\r\nEND:VEVENT\r\n"
                      "BEGIN:VEVENT\r\nUID:" + local.uid + "\r\nDTSTAMP:20260101T000000Z\r\n"
                      "DTSTART:20260627T100000Z\r\nSUMMARY:Kaping\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
                      .value();
  auto refused = repo_->Import("regio", calendar, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(repo_->Candidates(Utc("2026-06-27T00:00:00Z"), Utc("2026-06-28T00:00:00Z")).size(), 1u)
      << "only the local market; the new event was not kept";
}

TEST_F(EventsRepositoryTest, DemoAgendaStoresAndClashesWhereItShould) {
  auto places = repo_->Venues();
  auto demo = AssenDemoEvents(sys_days{2026y / November / 28}, places);
  std::map<std::string, std::int64_t> ids;
  for (const EventRecord& e : demo) {
    auto stored = repo_->Create(e, kActor);
    ASSERT_TRUE(stored.ok()) << e.title << ": " << stored.error().message;
    ids[e.uid.substr(0, e.uid.find('@'))] = stored.value().id;
  }
  auto all = repo_->Candidates(Utc("2026-01-01T00:00:00Z"), Utc("2029-01-01T00:00:00Z"));
  const EventRecord* festival = nullptr;
  for (const EventRecord& e : all) {
    if (e.id == ids["zomerfestival"]) festival = &e;
  }
  ASSERT_TRUE(festival);
  auto clashes = ClashesOf(*festival, all, places, festival->start, festival->end + days{1});
  std::set<std::string> kinds;
  for (const Clash& c : clashes) kinds.insert(c.kind);
  EXPECT_TRUE(kinds.contains("venue_overlap"));
  EXPECT_TRUE(kinds.contains("emergency_services"));
  EXPECT_TRUE(kinds.contains("regional_weekend"));
  // The koopzondag falls on both clock-change days, at 12:00 local.
  const EventRecord* koopzondag = nullptr;
  for (const EventRecord& e : all) {
    if (e.id == ids["koopzondag"]) koopzondag = &e;
  }
  auto march = Expand(*koopzondag, Utc("2027-03-28T00:00:00Z"), Utc("2027-03-29T00:00:00Z"));
  ASSERT_EQ(march.size(), 1u);
  EXPECT_EQ(FormatAmsterdamIso(march[0].start), "2027-03-28T12:00:00+02:00");
  auto october = Expand(*koopzondag, Utc("2027-10-31T00:00:00Z"), Utc("2027-11-01T00:00:00Z"));
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(FormatAmsterdamIso(october[0].start), "2027-10-31T12:00:00+01:00");
}

}  // namespace
}  // namespace stadshart::events
