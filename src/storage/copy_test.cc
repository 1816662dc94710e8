// stadshart copy (copy.h). The checksum tests need no database. The copy tests copy a seeded SQLite database into a
// new PostgreSQL database on the test server when STADSHART_TEST_PG is set (`make test-pg`,
// scripts/with-postgres.sh), and otherwise into a second SQLite file, so that the rules (refusals, rollback on a
// failed verification) are also checked by a plain `ctest`. PostgreSQL-only behaviour skips without a server.
#include "storage/copy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>

#include "storage/postgres_test_support.h"
#include "storage/test_database.h"

namespace stadshart::storage {
namespace {

// --- The checksum (pure) -----------------------------------------------------------------------------------------

std::string ChecksumOf(const std::function<void(RowChecksum&)>& add) {
  RowChecksum checksum;
  add(checksum);
  return checksum.Hex();
}

TEST(CopyChecksum, TheSameRowsGiveTheSameChecksum) {
  auto rows = [](RowChecksum& c) {
    c.AddInteger(812);
    c.AddText("Koopmansplein \"noord\"\n€");
    c.AddReal(0.1 + 0.2);
    c.AddNull();
    c.EndRow();
  };
  EXPECT_EQ(ChecksumOf(rows), ChecksumOf(rows));
  EXPECT_EQ(ChecksumOf(rows).size(), 64u);
}

TEST(CopyChecksum, EveryDifferenceInValuesTypesOrRowsChangesIt) {
  auto one = [](auto add) {
    return ChecksumOf([&](RowChecksum& c) {
      add(c);
      c.EndRow();
    });
  };
  std::map<std::string, std::string> seen;
  auto distinct = [&](const std::string& label, const std::string& checksum) {
    auto [it, fresh] = seen.emplace(checksum, label);
    EXPECT_TRUE(fresh) << label << " has the same checksum as " << it->second;
  };
  distinct("NULL", one([](RowChecksum& c) { c.AddNull(); }));
  distinct("empty text", one([](RowChecksum& c) { c.AddText(""); }));
  distinct("integer 0", one([](RowChecksum& c) { c.AddInteger(0); }));
  distinct("real 0", one([](RowChecksum& c) { c.AddReal(0.0); }));
  distinct("real -0", one([](RowChecksum& c) { c.AddReal(-0.0); }));
  distinct("text 1", one([](RowChecksum& c) { c.AddText("1"); }));
  distinct("integer 1", one([](RowChecksum& c) { c.AddInteger(1); }));
  distinct("0.1 + 0.2", one([](RowChecksum& c) { c.AddReal(0.1 + 0.2); }));
  distinct("0.3", one([](RowChecksum& c) { c.AddReal(0.3); }));
  distinct("ab|c", one([](RowChecksum& c) {
             c.AddText("ab");
             c.AddText("c");
           }));
  distinct("a|bc", one([](RowChecksum& c) {
             c.AddText("a");
             c.AddText("bc");
           }));
  distinct("c|ab (order)", one([](RowChecksum& c) {
             c.AddText("c");
             c.AddText("ab");
           }));
  distinct("two rows of one value", ChecksumOf([](RowChecksum& c) {
             c.AddText("ab");
             c.EndRow();
             c.AddText("c");
             c.EndRow();
           }));
  distinct("text with a NUL marker", one([](RowChecksum& c) { c.AddText("n"); }));
}

TEST(CopyChecksum, CountsRows) {
  RowChecksum checksum;
  for (int i = 0; i < 3; ++i) {
    checksum.AddInteger(i);
    checksum.EndRow();
  }
  EXPECT_EQ(checksum.rows(), 3);
}

// --- Copying -------------------------------------------------------------------------------------------------------

bool OnPostgres() { return !TestServerUrl().empty(); }

// A new, empty target: a database on the PostgreSQL test server when there is one, else a SQLite file. The
// PostgreSQL database sorts text the Dutch way (ICU), as a city's server may well do, unlike the test cluster's
// C.UTF-8: rows must still be read back in the source's bytewise order, or the checksums would differ.
std::string NewTarget(const std::string& dir, const std::string& name) {
  if (!OnPostgres()) return dir + "/" + name + ".db";
  static std::atomic<int> counter{0};
  std::string database = "copy_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" + name;
  PgConnection::Open(TestServerUrl())
      ->Exec("CREATE DATABASE " + database + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL'");
  return UrlWithDatabase(TestServerUrl(), database);
}

const double kAwkward = 0.1 + 0.2;  // 0.30000000000000004
const double kTiny = 1e-300 / 3;    // no short decimal form
const std::string kQuoted = "Café \"De Vaart\" 'n\nhoek\\\t— 🚲";

// Rows in most tables, with NULLs, awkward doubles, text that needs escaping anywhere, a self-reference
// (actions.carried_from), a table without a primary key holding duplicates, text keys whose order depends on the
// collation, and a changed seeded row (zone 'overig').
void Seed(Database& db) {
  db.With([](Connection& c) {
    Transaction t(c);
    c.Exec(
        "INSERT INTO plans (year, title, created_at) VALUES (2019, 'Werkplan 2019', '2019-01-01T00:00:00Z'), "
        "(2020, 'Werkplan 2020', '2020-01-01T00:00:00Z')");
    c.Exec(
        "INSERT INTO chapters (id, plan_year, code, position, title, heading) VALUES "
        "(1, 2019, 'A', 1, 'Bereikbaarheid', 'A'), (2, 2020, 'A', 1, 'Bereikbaarheid', 'A')");
    c.Exec(
        "INSERT INTO actions (id, chapter_id, position, title, updated_at, carried_from) VALUES "
        "(5, 1, 1, 'Fietsparkeren', '2019-02-01T00:00:00Z', NULL), "
        "(9, 2, 1, 'Fietsparkeren', '2020-01-01T00:00:00Z', 5)");
    c.Exec(
        "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES "
        "(3, 'beheerder@stadshart.example', 'Ærøskøbing Ğ', 'beheerder', 'x', '2019-01-01', '2019-01-01')");
    auto audit = c.Prepare(
        "INSERT INTO audit_log (id, at, actor_user_id, actor, via, entity_type, entity_id, operation, before_json, "
        "after_json) VALUES (?1, '2019-01-01T00:00:00Z', ?2, 'beheerder', 'cli', 'action', '5', 'update', ?3, ?4)");
    audit.Bind(1, 1).Bind(2, 3).Bind(3, kQuoted).BindNull(4).Run();
    audit.Reset().Bind(1, 2).BindNull(2).Bind(3, "").Bind(4, "{\"title\":\"a\\\"b\"}").Run();
    auto unit = c.Prepare(
        "INSERT INTO units (id, bag_id, street, number, zone, floor, floor_area_m2, lat, lon, owner, updated_at) "
        "VALUES (?1, ?2, 'Kruisstraat', ?1, 'kernwinkelgebied', 'ground', 120, ?3, ?4, ?5, '2019-01-01')");
    unit.Bind(1, 1).Bind(2, "0106010000000001").Bind(3, kAwkward).Bind(4, kTiny).Bind(5, kQuoted).Run();
    unit.Reset().Bind(1, 2).Bind(2, "0106010000000002").BindNull(3).BindNull(4).Bind(5, "").Run();
    unit.Reset().Bind(1, 40).Bind(2, "0106010000000040").Bind(3, -1.0 / 3).Bind(4, 52.99435).Bind(5, "B").Run();
    c.Exec(
        "INSERT INTO businesses (id, name, kvk, vestiging, function, updated_at) VALUES "
        "(7, 'Bakkerij ''t Hoekje', '12345678', '000012345678', 'dagelijks', '2019-01-01')");
    c.Exec(
        "INSERT INTO occupancy (id, unit_id, from_day, to_day, kind, business_id) VALUES "
        "(1, 1, '2016-01-01', '2019-03-01', 'in_use', 7), (2, 1, '2019-03-01', NULL, 'vacant', NULL)");
    c.Exec(
        "INSERT INTO events (id, uid, title, description, owner_user_id, venue_id, start_utc, end_utc, "
        "event_class, status, created_at, updated_at) VALUES "
        "(4, 'uid-4@stadshart', 'Koopzondag', 'Eerste regel\nTweede ''regel''', 3, 2, '2026-12-06T11:00:00Z', "
        "'2026-12-06T16:00:00Z', 'melding', 'goedgekeurd', '2026-01-01', '2026-01-01')");
    c.Exec("INSERT INTO login_failures (key, at) VALUES ('b', '1'), ('B', '1'), ('a', '2'), ('é', '0'), ('b', '1')");
    c.Exec(
        "INSERT INTO goals (code, position, name, unit, baseline, target, direction, comparator, text) VALUES "
        "('leegstand', 1, 'Leegstand', '%', NULL, 12.5, 'lower', 'below', ''), "
        "('Banen', 2, 'Banen', 'arbeidsplaatsen', 3100.25, 3300, 'higher', 'at_least', ''), "
        "('_x', 3, 'X', 'x', 1, 2, 'higher', 'above', '')");
    c.Exec("INSERT INTO hours_footfall (weekday, hour, value) VALUES (6, 23, 0.1), (0, 9, 1234.5678), (0, 10, 1e300)");
    c.Exec("UPDATE zones SET name = 'Overig centrum (2019)', version = 2 WHERE code = 'overig'");
    t.Commit();
  });
}

class CopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("stadshart-copy-test-" + std::to_string(getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    source_ = Database::Open({.location = (dir_ / "source.db").string(), .pool_size = 1});
    Seed(*source_);
  }
  void TearDown() override {
    source_.reset();
    for (auto& [location, db] : targets_) {
      db.reset();
      DropTestDatabase(location);
    }
    std::filesystem::remove_all(dir_);
  }

  Database& Target(const std::string& name = "target") {
    std::string location = NewTarget(dir_.string(), name);
    targets_.emplace_back(location, Database::Open({.location = location, .pool_size = 1}));
    return *targets_.back().second;
  }

  static std::int64_t Count(Database& db, const std::string& table) {
    return db.With([&](Connection& c) {
      auto s = c.Prepare("SELECT count(*) FROM " + table);
      s.Step();
      return s.Int(0);
    });
  }

  static std::map<std::string, std::int64_t> Rows(const CopyReport& report) {
    std::map<std::string, std::int64_t> rows;
    for (const TableCopy& t : report.tables) rows[t.table] = t.rows;
    return rows;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> source_;
  std::vector<std::pair<std::string, std::unique_ptr<Database>>> targets_;
};

TEST_F(CopyTest, EveryRowArrivesExactlyAndTheReportCountsThem) {
  Database& target = Target();
  std::vector<std::string> progressed;
  auto copied =
      CopyDatabase(*source_, target, [&](std::string_view table, std::int64_t) { progressed.emplace_back(table); });
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  auto rows = Rows(copied.value());
  EXPECT_EQ(rows["units"], 3);
  EXPECT_EQ(rows["actions"], 2);
  EXPECT_EQ(rows["audit_log"], 2);
  EXPECT_EQ(rows["login_failures"], 5);
  EXPECT_EQ(rows["zones"], 4);
  EXPECT_EQ(rows["venues"], 6);
  EXPECT_EQ(rows["school_holidays"], 10);
  EXPECT_EQ(rows.count("schema_migrations"), 0u);
  EXPECT_EQ(progressed.size(), copied.value().tables.size());
  std::int64_t total = 0;
  for (const TableCopy& t : copied.value().tables) {
    total += t.rows;
    EXPECT_EQ(t.checksum.size(), 64u) << t.table;
    EXPECT_EQ(Count(target, "\"" + t.table + "\""), t.rows) << t.table;
  }
  EXPECT_EQ(copied.value().rows, total);

  // Referenced tables come first.
  auto position = [&](const std::string& name) {
    const auto& tables = copied.value().tables;
    return std::find_if(tables.begin(), tables.end(), [&](const TableCopy& t) { return t.table == name; }) -
           tables.begin();
  };
  EXPECT_LT(position("users"), position("audit_log"));
  EXPECT_LT(position("units"), position("occupancy"));
  EXPECT_LT(position("business_hours"), position("business_hours_exceptions"));

  target.With([](Connection& c) {
    auto unit = c.Prepare("SELECT lat, lon, owner FROM units WHERE id = ?1");
    unit.Bind(1, 1).Step();
    EXPECT_EQ(unit.Real(0), kAwkward);
    EXPECT_EQ(unit.Real(1), kTiny);
    EXPECT_EQ(unit.Text(2), kQuoted);
    unit.Reset().Bind(1, 2).Step();
    EXPECT_TRUE(unit.IsNull(0));
    EXPECT_TRUE(unit.IsNull(1));
    EXPECT_FALSE(unit.IsNull(2)) << "'' stays '', not NULL";
    unit.Reset().Bind(1, 40).Step();
    EXPECT_EQ(unit.Real(0), -1.0 / 3);
    EXPECT_EQ(unit.Real(1), 52.99435);

    auto audit = c.Prepare("SELECT actor_user_id, before_json, after_json FROM audit_log ORDER BY id");
    ASSERT_TRUE(audit.Step());
    EXPECT_EQ(audit.Int(0), 3);
    EXPECT_EQ(audit.Text(1), kQuoted);
    EXPECT_TRUE(audit.IsNull(2));
    ASSERT_TRUE(audit.Step());
    EXPECT_TRUE(audit.IsNull(0));
    EXPECT_FALSE(audit.IsNull(1));
    EXPECT_EQ(audit.Text(2), "{\"title\":\"a\\\"b\"}");

    auto carried = c.Prepare("SELECT carried_from FROM actions WHERE id = 9");
    ASSERT_TRUE(carried.Step());
    EXPECT_EQ(carried.Int(0), 5);
    auto zone = c.Prepare("SELECT name, version FROM zones WHERE code = 'overig'");
    ASSERT_TRUE(zone.Step());
    EXPECT_EQ(zone.Text(0), "Overig centrum (2019)") << "the source's seeded rows replace the target's";
    EXPECT_EQ(zone.Int(1), 2);
    auto footfall = c.Prepare("SELECT value FROM hours_footfall WHERE weekday = 0 AND hour = 10");
    ASSERT_TRUE(footfall.Step());
    EXPECT_EQ(footfall.Real(0), 1e300);
  });
}

TEST_F(CopyTest, ManyRowsGoInFullBatchesAndARemainderAllExactly) {
  // Rows are inserted 100 at a time and the rest in one shorter INSERT: 250 rows give both, with NULLs and values
  // that must not shift by a parameter.
  source_->With([](Connection& c) {
    Transaction t(c);
    auto insert = c.Prepare("INSERT INTO login_failures (key, at) VALUES (?1, ?2)");
    for (int i = 0; i < 250; ++i) {
      insert.Bind(1, "sleutel-" + std::to_string(i)).Bind(2, std::to_string(1000 + i)).Run();
      insert.Reset();
    }
    t.Commit();
  });
  Database& target = Target();
  auto copied = CopyDatabase(*source_, target, nullptr);
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  EXPECT_EQ(Rows(copied.value())["login_failures"], 255);
  EXPECT_EQ(Count(target, "login_failures"), 255);
  target.With([](Connection& c) {
    auto row = c.Prepare("SELECT at FROM login_failures WHERE key = 'sleutel-249'");
    ASSERT_TRUE(row.Step());
    EXPECT_EQ(row.Text(0), "1249");
  });
}

TEST_F(CopyTest, TheSameSourceGivesTheSameChecksumsInAnyTarget) {
  auto first = CopyDatabase(*source_, Target("first"));
  auto second = CopyDatabase(*source_, Target("second"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(first.value().tables.size(), second.value().tables.size());
  for (size_t i = 0; i < first.value().tables.size(); ++i) {
    EXPECT_EQ(first.value().tables[i].checksum, second.value().tables[i].checksum) << first.value().tables[i].table;
  }
  // A change in the source shows in that table's checksum only.
  source_->With([](Connection& c) { c.Exec("UPDATE units SET owner = 'C' WHERE id = 40"); });
  auto third = CopyDatabase(*source_, Target("third"));
  ASSERT_TRUE(third.ok()) << third.error().message;
  for (size_t i = 0; i < first.value().tables.size(); ++i) {
    const TableCopy& before = first.value().tables[i];
    const TableCopy& after = third.value().tables[i];
    if (before.table == "units") {
      EXPECT_NE(before.checksum, after.checksum);
    } else {
      EXPECT_EQ(before.checksum, after.checksum) << before.table;
    }
  }
}

TEST_F(CopyTest, AnInsertAfterTheCopyGetsAFreshId) {
  Database& target = Target();
  auto copied = CopyDatabase(*source_, target);
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  target.With([](Connection& c) {
    auto unit = c.Prepare(
        "INSERT INTO units (bag_id, street, number, zone, floor, floor_area_m2, updated_at) "
        "VALUES ('0106010000000041', 'Kruisstraat', 41, 'overig', 'ground', 80, '2019-01-01') RETURNING id");
    ASSERT_TRUE(unit.Step());
    EXPECT_EQ(unit.Int(0), 41);
    auto audit = c.Prepare(
        "INSERT INTO audit_log (at, actor, via, entity_type, entity_id, operation) "
        "VALUES ('2026-01-01T00:00:00Z', 'systeem', 'cli', 'unit', '41', 'create') RETURNING id");
    ASSERT_TRUE(audit.Step());
    EXPECT_EQ(audit.Int(0), 3);
    // A table the source left empty starts again at 1 (the target's seeded sequence is not kept).
    auto scenario = c.Prepare(
        "INSERT INTO scenarios (name, date, target, created_by, created_at) "
        "VALUES ('Wonen', '2019-01-01', 'wonen', 'beheerder', '2019-01-01') RETURNING id");
    ASSERT_TRUE(scenario.Step());
    EXPECT_EQ(scenario.Int(0), 1);
  });
}

TEST_F(CopyTest, ATargetWithDataOfItsOwnIsRefusedAndKeptAsItWas) {
  Database& target = Target();
  target.With([](Connection& c) {
    c.Exec(
        "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES "
        "('eigen@stadshart.example', 'Eigen', 'gemeente', 'x', '2026-01-01', '2026-01-01')");
  });
  auto copied = CopyDatabase(*source_, target);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message.find("users (1 rij)"), std::string::npos) << copied.error().message;
  EXPECT_NE(copied.error().message.find("niets gekopieerd"), std::string::npos) << copied.error().message;
  EXPECT_EQ(Count(target, "users"), 1);
  EXPECT_EQ(Count(target, "units"), 0);
  EXPECT_EQ(Count(target, "zones"), 4);
}

TEST_F(CopyTest, ATargetWhoseSeededRowsWereChangedIsRefused) {
  Database& target = Target();
  target.With([](Connection& c) { c.Exec("UPDATE venues SET capacity = 500 WHERE name = 'Brink'"); });
  auto copied = CopyDatabase(*source_, target);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message.find("venues (gewijzigd)"), std::string::npos) << copied.error().message;
  EXPECT_EQ(Count(target, "units"), 0);
}

TEST_F(CopyTest, ADifferentSchemaVersionIsRefused) {
  source_->With([](Connection& c) {
    c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_later.sql', 'x')");
  });
  Database& target = Target();
  auto copied = CopyDatabase(*source_, target);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message.find("9999"), std::string::npos) << copied.error().message;
  EXPECT_EQ(Count(target, "units"), 0);
}

TEST_F(CopyTest, AValueOfAnotherTypeThanDeclaredIsRefused) {
  source_->With([](Connection& c) { c.Exec("UPDATE units SET lon = 'oost' WHERE id = 2"); });
  Database& target = Target();
  auto copied = CopyDatabase(*source_, target);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message.find("units, kolom lon"), std::string::npos) << copied.error().message;
  EXPECT_EQ(Count(target, "units"), 0);
}

// A target that does not store what it is given (here a trigger that alters every unit's owner) fails the
// verification: the whole copy is rolled back, including the emptying of the seeded tables.
TEST_F(CopyTest, ARowTheTargetAltersIsCaughtAndEverythingIsRolledBack) {
  Database& target = Target();
  target.With([](Connection& c) {
    if (c.is_postgres()) {
      c.Exec(
          "CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ "
          "BEGIN NEW.owner := NEW.owner || '!'; RETURN NEW; END $$; "
          "CREATE TRIGGER tamper BEFORE INSERT ON units FOR EACH ROW EXECUTE FUNCTION tamper()");
    } else {
      c.Exec(
          "CREATE TRIGGER tamper AFTER INSERT ON units "
          "BEGIN UPDATE units SET owner = owner || '!' WHERE id = NEW.id; END");
    }
  });
  auto copied = CopyDatabase(*source_, target);
  ASSERT_FALSE(copied.ok());
  const std::string& message = copied.error().message;
  EXPECT_NE(message.find("units (bron 3 rijen, doel 3 rijen, controlesom verschilt)"), std::string::npos) << message;
  EXPECT_EQ(message.find("occupancy"), std::string::npos) << "only the altered table is named: " << message;
  EXPECT_EQ(Count(target, "units"), 0);
  EXPECT_EQ(Count(target, "plans"), 0);
  target.With([](Connection& c) {
    auto zone = c.Prepare("SELECT name FROM zones WHERE code = 'overig'");
    ASSERT_TRUE(zone.Step());
    EXPECT_EQ(zone.Text(0), "Overig centrum") << "the target's seeded rows are back";
  });
}

TEST_F(CopyTest, APostgresSourceIsRefused) {
  if (!OnPostgres()) GTEST_SKIP() << kNoServerMessage;
  Database& pg = Target("pgsource");
  auto copied = CopyDatabase(pg, *source_);
  ASSERT_FALSE(copied.ok());
  EXPECT_NE(copied.error().message.find("SQLite"), std::string::npos) << copied.error().message;
}

}  // namespace
}  // namespace stadshart::storage
