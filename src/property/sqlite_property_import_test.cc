#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "property/register_csv.h"
#include "property/sqlite_property_repository.h"
#include "property/synthetic.h"
#include "storage/test_database.h"

namespace stadshart::property {
namespace {

using std::chrono::sys_days;

const audit::Actor kActor{std::nullopt, "test@example.org", "cli"};

constexpr const char* kBusinesses =
    "vestiging;kvk;name;function;jobs;memberships\r\n"
    "000012345678;12345678;Bakkerij De Korenschoof (fictief);dagelijks;4;mkb_retail\r\n"
    "000087654321;87654321;Kapsalon Knip (fictief);65;1;\r\n";
constexpr const char* kUnits =
    "bag_id;street;number;letter;postcode;zone;floor;floor_area_m2;lat;lon;owner\r\n"
    "0106010000000001;Kruisstraat;12;a;9401ab;kernwinkelgebied;ground;120;52,9925;6,5624;Vastgoed BV (fictief)\r\n"
    "0106010000000002;Oudestraat;3;;;aanloopstraten;upper;60;;;\r\n";
constexpr const char* kOccupancy =
    "bag_id;from;to;kind;vestiging;temporary_user;temporary_manager;temporary_end\r\n"
    "0106010000000001;1-1-2015;1-3-2017;in_use;000012345678;;;\r\n"
    "0106010000000001;2017-03-01;2018-01-01;vacant;;;;\r\n"
    "0106010000000001;2018-01-01;;in_use;000087654321;;;\r\n"
    "0106010000000002;2016-01-01;;temporary;;Pop-up Kunst;Stichting Tijdelijk;31-12-2019\r\n";

ImportBatch Parse(Result<ImportBatch> (*parse)(std::string_view), std::string_view text) {
  auto batch = parse(text);
  EXPECT_TRUE(batch.ok()) << batch.error().message;
  return batch.ok() ? batch.value() : ImportBatch{};
}

ImportBatch WholeFile() {
  ImportBatch batch = Parse(ParseBusinessesCsv, kBusinesses);
  batch.units = Parse(ParseUnitsCsv, kUnits).units;
  batch.occupancy = Parse(ParseOccupancyCsv, kOccupancy).occupancy;
  return batch;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/stadshart-import-XXXXXX";
    dir_ = mkdtemp(templ);
    location_ = storage::NewTestDatabase(dir_);
    db_ = storage::Database::Open({location_, 2});
    repo_ = std::make_unique<SqlitePropertyRepository>(*db_, clock_);
  }
  void TearDown() override {
    repo_.reset();
    db_.reset();
    storage::DropTestDatabase(location_);
    std::filesystem::remove_all(dir_);
  }

  int AuditRows() {
    return db_->With([](storage::Connection& c) {
      auto row = c.Prepare("SELECT count(*) FROM audit_log");
      row.Step();
      return static_cast<int>(row.Int(0));
    });
  }

  std::vector<std::string> Messages(const Error& error) {
    std::vector<std::string> out;
    for (const FieldError& f : error.field_errors) out.push_back(f.message);
    return out;
  }

  std::string dir_;
  std::string location_;
  FixedClock clock_{*ParseUtc("2019-05-01T10:00:00Z")};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqlitePropertyRepository> repo_;
};

TEST_F(ImportTest, StoresUnitsBusinessesAndHistoriesAndAuditsEachRecord) {
  auto report = repo_->Import(WholeFile(), false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().businesses_created, 2);
  EXPECT_EQ(report.value().units_created, 2);
  EXPECT_EQ(report.value().histories_replaced, 2);
  auto reg = repo_->Snapshot();
  ASSERT_EQ(reg->units.size(), 2u);
  const Unit& kruisstraat = reg->units[0];
  EXPECT_EQ(kruisstraat.postcode, "9401 AB");
  EXPECT_EQ(kruisstraat.lat, 52.9925);
  ASSERT_EQ(kruisstraat.occupancy.size(), 3u);
  EXPECT_EQ(reg->FindBusiness(*kruisstraat.occupancy[2].business_id)->name, "Kapsalon Knip (fictief)");
  EXPECT_EQ(reg->units[1].occupancy[0].temporary_manager, "Stichting Tijdelijk");
  EXPECT_EQ(AuditRows(), 4);  // two businesses, two units (each unit's row holds its history)
  EXPECT_EQ(repo_->ChangeHistory("unit", kruisstraat.id).size(), 1u);
}

TEST_F(ImportTest, ReimportingTheSameFilesChangesNothingAndWritesNoAuditRows) {
  ASSERT_TRUE(repo_->Import(WholeFile(), false, kActor).ok());
  auto before = repo_->Snapshot();
  int audit_rows = AuditRows();
  auto again = repo_->Import(WholeFile(), false, kActor);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value().units_unchanged, 2);
  EXPECT_EQ(again.value().businesses_unchanged, 2);
  EXPECT_EQ(again.value().histories_unchanged, 2);
  EXPECT_EQ(again.value().units_created + again.value().units_updated + again.value().histories_replaced, 0);
  EXPECT_EQ(AuditRows(), audit_rows);
  EXPECT_EQ(repo_->Snapshot(), before);  // the generation did not move: the same snapshot object
}

TEST_F(ImportTest, TheExportImportsBackUnchanged) {
  ASSERT_TRUE(repo_->Import(WholeFile(), false, kActor).ok());
  auto reg = repo_->Snapshot();
  ImportBatch batch = Parse(ParseBusinessesCsv, BusinessesCsv(*reg));
  batch.units = Parse(ParseUnitsCsv, UnitsCsv(*reg)).units;
  batch.occupancy = Parse(ParseOccupancyCsv, OccupancyCsv(*reg)).occupancy;
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().units_unchanged + report.value().businesses_unchanged + report.value().histories_unchanged,
            6);

  // And into an empty database, the same three files give the same exports.
  std::string other_location = storage::NewTestDatabase(dir_, "other");
  {
    auto other_db = storage::Database::Open({other_location, 1});
    SqlitePropertyRepository other(*other_db, clock_);
    ASSERT_TRUE(other.Import(batch, false, kActor).ok());
    auto copy = other.Snapshot();
    EXPECT_EQ(UnitsCsv(*copy), UnitsCsv(*reg));
    EXPECT_EQ(BusinessesCsv(*copy), BusinessesCsv(*reg));
    EXPECT_EQ(OccupancyCsv(*copy), OccupancyCsv(*reg));
  }
  storage::DropTestDatabase(other_location);
}

TEST_F(ImportTest, ManyIntervalsAreStoredExactlyAsGivenWhateverTheirBatching) {
  // Intervals are inserted 64 rows per statement with the rest one by one: 301 units give many full batches, a
  // remainder, and every kind with its fields.
  Register source = SyntheticRegister({.units = 301, .seed = 7});
  ImportBatch batch = Parse(ParseBusinessesCsv, BusinessesCsv(source));
  batch.units = Parse(ParseUnitsCsv, UnitsCsv(source)).units;
  batch.occupancy = Parse(ParseOccupancyCsv, OccupancyCsv(source)).occupancy;
  ASSERT_GT(batch.occupancy.size() % 64, 0u);
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().histories_replaced, 301);
  auto stored = repo_->Snapshot();
  EXPECT_EQ(OccupancyCsv(*stored), OccupancyCsv(source));
  EXPECT_EQ(UnitsCsv(*stored), UnitsCsv(source));
  // The snapshot carries the vacancy index, giving the plain computation's figures.
  ASSERT_NE(stored->vacancy_index, nullptr);
  Day day = sys_days{std::chrono::year{2019} / 1 / 1};
  EXPECT_EQ(VacancyOn(*stored->vacancy_index, day).vacant, VacancyOn(stored->units, day).vacant);
  EXPECT_EQ(VacancyOn(*stored->vacancy_index, day).outlets, VacancyOn(stored->units, day).outlets);
  auto again = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value().histories_unchanged, 301);
}

TEST_F(ImportTest, ABulkImportRebuildsTheBusinessIndexAndAFailedOneKeepsIt) {
  // From 100,000 occupancy rows on, the index of intervals by business is dropped and built again at the end of
  // the transaction. It must be there after a bulk import, and after a refused one (the drop is rolled back).
  auto index_count = [&] {
    return db_->With([](storage::Connection& c) {
      auto row = c.Prepare(c.is_postgres()
                               ? "SELECT count(*) FROM pg_indexes WHERE indexname = 'occupancy_by_business'"
                               : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'occupancy_by_business'");
      row.Step();
      return static_cast<int>(row.Int(0));
    });
  };
  Register source = SyntheticRegister({.units = 22'000, .seed = 11});
  ImportBatch batch = Parse(ParseBusinessesCsv, BusinessesCsv(source));
  batch.units = Parse(ParseUnitsCsv, UnitsCsv(source)).units;
  batch.occupancy = Parse(ParseOccupancyCsv, OccupancyCsv(source)).occupancy;
  ASSERT_GE(batch.occupancy.size(), 100'000u) << "the test must take the bulk path";

  ImportBatch bad = batch;
  bad.occupancy.back().value.vestiging = "000011112222";
  bad.occupancy.back().value.interval.kind = OccupancyKind::kInUse;
  ASSERT_FALSE(repo_->Import(bad, false, kActor).ok());
  EXPECT_EQ(index_count(), 1);
  EXPECT_FALSE(repo_->HasData());

  auto report = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(index_count(), 1);
  std::string plan = db_->With([](storage::Connection& c) {
    if (c.is_postgres()) c.Exec("ANALYZE occupancy");
    auto row = c.Prepare(c.is_postgres() ? "EXPLAIN SELECT id FROM occupancy WHERE business_id = 1"
                                         : "EXPLAIN QUERY PLAN SELECT id FROM occupancy WHERE business_id = 1");
    std::string text;
    while (row.Step()) text += row.Text(c.is_postgres() ? 0 : 3);
    return text;
  });
  EXPECT_NE(plan.find("occupancy_by_business"), std::string::npos) << plan;
  EXPECT_EQ(OccupancyCsv(*repo_->Snapshot()), OccupancyCsv(source));
}

TEST_F(ImportTest, UpdatesOnlyWhatDiffersAndReplacesAChangedHistory) {
  ASSERT_TRUE(repo_->Import(WholeFile(), false, kActor).ok());
  ImportBatch batch = WholeFile();
  batch.units[1].value.floor_area_m2 = 75;
  batch.businesses[0].value.jobs = 5;
  batch.occupancy.pop_back();
  batch.occupancy.push_back({9, {"0106010000000002", {sys_days{std::chrono::year{2016} / 1 / 1}, std::nullopt,
                                                      OccupancyKind::kHousing}, ""}});
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().units_updated, 1);
  EXPECT_EQ(report.value().units_unchanged, 1);
  EXPECT_EQ(report.value().businesses_updated, 1);
  EXPECT_EQ(report.value().histories_replaced, 1);
  EXPECT_EQ(report.value().histories_unchanged, 1);
  auto reg = repo_->Snapshot();
  EXPECT_EQ(reg->units[1].floor_area_m2, 75);
  EXPECT_EQ(reg->units[1].version, 2);  // fields and history changed in one import: one new version
  EXPECT_EQ(reg->units[1].occupancy.at(0).kind, OccupancyKind::kHousing);
  EXPECT_EQ(repo_->ChangeHistory("unit", reg->units[1].id).size(), 2u);
}

TEST_F(ImportTest, BadRowsAreReportedByLineAndNothingIsImported) {
  ImportBatch batch = WholeFile();
  batch.units[1].value.zone = "binnenring";  // unknown zone: only the repository knows the zones
  batch.occupancy[2].value.vestiging = "000011112222";  // unknown business
  batch.occupancy.push_back({6, {"0106019999999999", {sys_days{std::chrono::year{2016} / 1 / 1}}, ""}});
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().kind, ErrorKind::kInvalid);
  auto messages = Messages(report.error());
  ASSERT_EQ(messages.size(), 3u) << ::testing::PrintToString(messages);
  EXPECT_EQ(messages[0], "Regel 3: Onbekende zone 'binnenring'.");
  EXPECT_NE(messages[1].find("Regel 4: Er is geen bedrijf met vestigingsnummer 000011112222"), std::string::npos);
  EXPECT_NE(messages[2].find("Regel 6: Er is geen pand met BAG-id 0106019999999999"), std::string::npos);
  EXPECT_NE(report.error().message.find("niets geïmporteerd"), std::string::npos);
  EXPECT_FALSE(repo_->HasData());
  EXPECT_EQ(AuditRows(), 0);
}

TEST_F(ImportTest, OverlappingOccupancyIsRefusedNamingTheLines) {
  ASSERT_TRUE(repo_->Import(WholeFile(), false, kActor).ok());
  auto before = repo_->Snapshot();
  auto batch = Parse(ParseOccupancyCsv,
                     "bag_id;from;to;kind\n"
                     "0106010000000002;2016-01-01;2018-01-01;vacant\n"
                     "0106010000000002;2017-06-01;;housing\n");
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_FALSE(report.ok());
  auto messages = Messages(report.error());
  ASSERT_EQ(messages.size(), 1u) << ::testing::PrintToString(messages);
  EXPECT_EQ(messages[0], "Regel 3: De periode wonen vanaf 1-6-2017 overlapt met leegstand vanaf 1-1-2016 tot "
                         "1-1-2018. (regel 2)");
  EXPECT_EQ(repo_->Snapshot(), before);
}

TEST_F(ImportTest, InUseNeedsABusinessFromTheBatchOrTheDatabase) {
  ASSERT_TRUE(repo_->Import(Parse(ParseBusinessesCsv, kBusinesses), false, kActor).ok());
  ImportBatch batch = Parse(ParseUnitsCsv, kUnits);
  batch.occupancy = Parse(ParseOccupancyCsv, kOccupancy).occupancy;  // businesses only in the database now
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().histories_replaced, 2);
}

TEST_F(ImportTest, ADryRunReportsWhatWouldHappenAndStoresNothing) {
  auto report = repo_->Import(WholeFile(), true, kActor);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report.value().dry_run);
  EXPECT_EQ(report.value().units_created, 2);
  EXPECT_EQ(report.value().businesses_created, 2);
  EXPECT_EQ(report.value().histories_replaced, 2);
  EXPECT_FALSE(repo_->HasData());
  EXPECT_TRUE(repo_->Snapshot()->businesses.empty());
  EXPECT_EQ(AuditRows(), 0);
  // A dry run of a bad batch finds the same problems as a real run.
  ImportBatch bad = WholeFile();
  bad.units[0].value.zone = "nergens";
  auto refused = repo_->Import(bad, true, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Messages(refused.error()).at(0), "Regel 2: Onbekende zone 'nergens'.");
}

TEST_F(ImportTest, DuplicateKeysInOneBatchNameTheEarlierLine) {
  ImportBatch batch = WholeFile();
  batch.units.push_back({7, batch.units[0].value});
  auto report = repo_->Import(batch, false, kActor);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(Messages(report.error()).at(0), "Regel 7: BAG-id 0106010000000001 staat ook op regel 2.");
}

}  // namespace
}  // namespace stadshart::property
