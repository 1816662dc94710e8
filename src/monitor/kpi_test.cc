#include "monitor/kpi.h"

#include <gtest/gtest.h>

#include "monitor/monitor_json.h"
#include "monitor/report.h"
#include "property/vacancy.h"

namespace stadshart::monitor {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

Kpi Vacancy() {
  Kpi kpi;
  kpi.code = "vacancy_count";
  kpi.name = "Leegstand";
  kpi.unit = "%";
  kpi.direction = Direction::kLower;
  kpi.baseline = {21.9, D(2018, 1, 1), "Locatus"};
  kpi.target = {7.8, 2025, Comparator::kBelow};
  kpi.derived = Derived::kVacancyCount;
  return kpi;
}

KpiMeasurement M(Day date, double value, Series series = Series::kMeasured) {
  KpiMeasurement m;
  m.kpi = "vacancy_count";
  m.date = date;
  m.value = value;
  m.series = series;
  return m;
}

TEST(Kpi, DefinitionsAreChecked) {
  EXPECT_TRUE(CheckKpi(Vacancy()).empty());
  Kpi bad = Vacancy();
  bad.code = "Leeg stand";
  bad.target.comparator = Comparator::kAtLeast;  // lower is better, but "at least"?
  bad.target.year = 1999;
  std::vector<std::string> fields;
  for (const auto& e : CheckKpi(bad)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "target_year", "comparator"}));
  // Codes the pages use in their addresses are refused (/monitor/nieuw is the form, not a KPI).
  for (const char* reserved : {"nieuw", "rapport", "metingen"}) {
    Kpi k = Vacancy();
    k.code = reserved;
    ASSERT_EQ(CheckKpi(k).size(), 1u) << reserved;
    EXPECT_EQ(CheckKpi(k)[0].field, "code");
  }
}

TEST(Kpi, MeasurementsOutsideTheUnitsRangeOrInTheFutureAreRefused) {
  Kpi kpi = Vacancy();
  Day today = D(2020, 6, 1);
  EXPECT_TRUE(CheckMeasurement(kpi, M(D(2020, 1, 1), 12.5), today).empty());
  EXPECT_EQ(CheckMeasurement(kpi, M(D(2020, 1, 1), 250), today).front().field, "value");
  EXPECT_EQ(CheckMeasurement(kpi, M(D(2020, 6, 2), 12), today).front().field, "date");
  EXPECT_TRUE(CheckMeasurement(kpi, M(D(2020, 6, 1), 12), today).empty()) << "today itself is fine";
  kpi.unit = "waarderingscijfer";
  EXPECT_FALSE(CheckMeasurement(kpi, M(D(2020, 1, 1), 11), today).empty());
  kpi.unit = "positie";
  EXPECT_FALSE(CheckMeasurement(kpi, M(D(2020, 1, 1), 25.5), today).empty());
  EXPECT_TRUE(CheckMeasurement(kpi, M(D(2020, 1, 1), 25), today).empty());
  kpi.unit = "bedrijven";
  EXPECT_FALSE(CheckMeasurement(kpi, M(D(2020, 1, 1), -1), today).empty());
}

TEST(Kpi, FormatsValuesTheDutchWay) {
  EXPECT_EQ(FormatValue(21.9, "%"), "21,9%");
  EXPECT_EQ(FormatValue(3800, "arbeidsplaatsen"), "3.800 arbeidsplaatsen");
  EXPECT_EQ(FormatValue(1234567, "bedrijven"), "1.234.567 bedrijven");
  EXPECT_EQ(FormatValue(7.5, "waarderingscijfer"), "7,5");
  EXPECT_EQ(FormatValue(25, "positie"), "positie 25");
  EXPECT_EQ(FormatValue(-2.26, "%"), "-2,3%");
  EXPECT_EQ(FormatValue(5.96, "%"), "6%");  // rounded before deciding it is whole
  EXPECT_EQ(FormatValue(-0.04, "%"), "0%");  // never "-0"
}

TEST(Kpi, StatusHasLatestProgressAndVerdict) {
  Kpi kpi = Vacancy();
  // 21.9 -> 18.0 -> 14.1 -> 10.2: 3.9 points a year, the line reaches 6.3 at the end of 2025.
  std::vector<KpiMeasurement> series = {M(D(2019, 1, 1), 18.0), M(D(2018, 1, 1), 21.9), M(D(2021, 1, 1), 10.2),
                                        M(D(2020, 1, 1), 14.1), M(D(2020, 1, 1), 7.0, Series::kNational)};
  KpiStatus status = StatusOf(kpi, series);
  ASSERT_TRUE(status.latest);
  EXPECT_EQ(status.latest->date, D(2021, 1, 1));
  EXPECT_NEAR(*status.progress, (10.2 - 21.9) / (7.8 - 21.9), 1e-9);
  EXPECT_FALSE(status.met);
  EXPECT_EQ(status.projection.points, 4) << "the national series is not a measurement of this KPI";
  EXPECT_EQ(status.projection.verdict, Verdict::kOnTrack);
  EXPECT_EQ(ClampToUnit(-12, "%"), 0);
  EXPECT_EQ(ClampToUnit(0.5, "positie"), 1);
}

TEST(Report, FallsBackToTheRegisterWhenMeasurementsAreTooFew) {
  // A register where one of two outlets is vacant from 2019 on, and a second from 2021.
  property::Register reg;
  auto unit = [](std::int64_t id, Day vacant_from) {
    property::Unit u;
    u.id = id;
    u.floor_area_m2 = 100;
    u.occupancy = {{.from = D(2010, 1, 1), .to = vacant_from, .kind = property::OccupancyKind::kInUse, .business_id = 1},
                   {.from = vacant_from, .kind = property::OccupancyKind::kVacant}};
    return u;
  };
  reg.units = {unit(1, D(2019, 6, 1)), unit(2, D(2021, 6, 1)),
               {.id = 3, .floor_area_m2 = 100, .occupancy = {{.from = D(2010, 1, 1), .kind = property::OccupancyKind::kInUse, .business_id = 1}}}};
  reg.businesses = {{.id = 1, .name = "Zaak", .jobs = 2}};
  Kpi kpi = Vacancy();
  std::vector<KpiMeasurement> measured = {M(D(2018, 1, 1), 21.9)};
  KpiReport report = BuildReport(kpi, measured, &reg, D(2023, 3, 1));
  EXPECT_EQ(report.basis, Basis::kDerived);
  EXPECT_EQ(report.status.latest->value, 21.9) << "the latest measurement stays what it is";
  ASSERT_TRUE(report.derived_today);
  EXPECT_NEAR(*report.derived_today, 200.0 / 3, 1e-9);
  // The derived monthly series equals the register's vacancy on every first of the month.
  ASSERT_FALSE(report.derived.empty());
  for (const Measurement& m : report.derived) {
    EXPECT_NEAR(m.value, 100 * property::VacancyOn(reg.units, m.date).RateCount(), 1e-9);
  }
  // Rising vacancy, a target below 7.8: off track; the line's projection stays within 0-100%.
  EXPECT_EQ(report.status.projection.verdict, Verdict::kOffTrack);
  EXPECT_LE(*report.status.projection.projected, 100.0);
  // Progress and "met" follow the basis: the register's 66.7% today, not the lone 21.9% measurement.
  EXPECT_TRUE(report.status.from_register);
  EXPECT_FALSE(report.status.met);
  ASSERT_TRUE(report.status.progress);
  EXPECT_NEAR(*report.status.progress, (200.0 / 3 - 21.9) / (7.8 - 21.9), 1e-9);

  // With enough measurements, those decide.
  measured.push_back(M(D(2019, 1, 1), 19));
  measured.push_back(M(D(2020, 1, 1), 16));
  KpiReport measured_report = BuildReport(kpi, measured, &reg, D(2023, 3, 1));
  EXPECT_EQ(measured_report.basis, Basis::kMeasured);
  EXPECT_FALSE(measured_report.status.from_register);
  EXPECT_NEAR(*measured_report.status.progress, (16 - 21.9) / (7.8 - 21.9), 1e-9);

  // Measurements before the baseline are outside the default window.
  measured.push_back(M(D(2012, 1, 1), 50));
  EXPECT_EQ(BuildReport(kpi, measured, &reg, D(2023, 3, 1)).status.projection.points, 3);
  EXPECT_EQ(BuildReport(kpi, measured, &reg, D(2023, 3, 1), D(2000, 1, 1)).status.projection.points, 4);
}

TEST(MeasurementsCsv, ReadsDutchExcelAndReportsEveryBadLine) {
  auto rows = ParseMeasurementsCsv(
      "\xEF\xBB\xBFkpi;series;date;value;source;note\r\n"
      "vacancy_count;measured;1-1-2019;18,4;Locatus;\r\n"
      "jobs;;2019-04-01;3.930;LISA;eerste schatting\r\n"
      "jobs;national;2019-04-01;3,5;CBS;\r\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows.value().size(), 3u);
  EXPECT_EQ(rows.value()[0].first, 2);
  EXPECT_EQ(rows.value()[0].second.value, 18.4);
  EXPECT_EQ(rows.value()[0].second.date, D(2019, 1, 1));
  EXPECT_EQ(rows.value()[1].second.value, 3930) << "3.930 is three thousand nine hundred and thirty";
  EXPECT_EQ(rows.value()[1].second.series, Series::kMeasured);
  EXPECT_EQ(rows.value()[1].second.note, "eerste schatting");
  EXPECT_EQ(rows.value()[2].second.series, Series::kNational);

  auto bad = ParseMeasurementsCsv(
      "kpi,date,value\n"
      "jobs,2019-13-01,10\n"
      "jobs,2019-04-01,veel\n"
      "jobs,2019-05-01,12\n"
      "jobs,2019-04-01,13\n");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> messages;
  for (const auto& e : bad.error().field_errors) messages.push_back(e.message.substr(0, 9));
  EXPECT_EQ(messages, (std::vector<std::string>{"Regel 2: ", "Regel 3: ", "Regel 5: "}));
  EXPECT_FALSE(ParseMeasurementsCsv("kpi;date\njobs;2019-01-01\n").ok()) << "value column missing";
}

}  // namespace
}  // namespace stadshart::monitor
