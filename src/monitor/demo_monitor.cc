#include "monitor/demo_monitor.h"

namespace stadshart::monitor {
namespace {

using namespace std::chrono;

Day D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

// The akkoord names no year for four of its goals; the monitor projects them to 2030, the horizon of the
// binnenstadvisie (editable per KPI).
constexpr int kHorizon = 2030;
constexpr const char* kFictional = "demo, fictief";

KpiMeasurement M(const char* kpi, Day date, double value, std::string source, Series series = Series::kMeasured) {
  KpiMeasurement m;
  m.kpi = kpi;
  m.series = series;
  m.date = date;
  m.value = value;
  m.source = std::move(source);
  return m;
}

}  // namespace

DemoMonitor AssenDemoMonitor() {
  DemoMonitor demo;
  const std::string horizon_note =
      " Het akkoord noemt geen jaar; de monitor rekent met 2030, de horizon van de binnenstadvisie.";
  demo.kpis = {
      {.code = "jobs", .name = "Werkgelegenheid in de binnenstad", .unit = "arbeidsplaatsen",
       .direction = Direction::kHigher, .baseline = {3800, D(2017, 4, 1), "LISA (binnenstadakkoord 2018)"},
       .target = {5000, kHorizon, Comparator::kAtLeast},
       .description = "Meer werkgelegenheid in de binnenstad: van 3.800 naar 5.000 arbeidsplaatsen." + horizon_note,
       .source = "LISA (banen van 12 uur of meer per week)", .frequency = "jaarlijks, peildatum 1 april",
       .derived = Derived::kJobs},
      {.code = "businesses", .name = "Bedrijven in de binnenstad", .unit = "bedrijven", .direction = Direction::kHigher,
       .baseline = {430, D(2017, 4, 1), "LISA (binnenstadakkoord 2018)"}, .target = {500, kHorizon, Comparator::kAtLeast},
       .description = "Meer bedrijven in de binnenstad: van 430 naar 500 bedrijven." + horizon_note,
       .source = "LISA (vestigingen)", .frequency = "jaarlijks, peildatum 1 april", .derived = Derived::kBusinesses},
      {.code = "vacancy_count", .name = "Leegstand in de binnenstad (verkooppunten)", .unit = "%",
       .direction = Direction::kLower, .baseline = {21.9, D(2018, 1, 1), "Locatus"},
       .target = {7.8, kHorizon, Comparator::kBelow},
       .description = "Terugdringen van de leegstand tot onder het landelijke niveau van binnensteden (7,8%)." +
                      horizon_note,
       .source = "Locatus", .frequency = "jaarlijks, peildatum 1 januari", .derived = Derived::kVacancyCount},
      {.code = "vacancy_floor_area", .name = "Leegstand in de binnenstad (winkelvloeroppervlak)", .unit = "%",
       .direction = Direction::kLower, .baseline = {}, .target = {7.8, kHorizon, Comparator::kBelow},
       .description = "Dezelfde doelstelling gemeten naar winkelvloeroppervlak (WVO); landelijk 7,8% op 1-1-2017.",
       .source = "Locatus", .frequency = "jaarlijks, peildatum 1 januari", .derived = Derived::kVacancyFloorArea},
      {.code = "rating", .name = "Waardering voor de binnenstad", .unit = "waarderingscijfer",
       .direction = Direction::kHigher, .baseline = {}, .target = {7.5, kHorizon, Comparator::kAtLeast},
       .description = "Hogere waardering voor de binnenstad: minimaal een 7,5." + horizon_note,
       .source = "Koopstromenonderzoek Oost-Nederland", .frequency = "elke 4 jaar (2015, 2019, 2023)"},
      {.code = "ranking", .name = "Positie onder binnensteden met regionale aantrekkingskracht", .unit = "positie",
       .direction = Direction::kLower, .baseline = {}, .target = {25, 2021, Comparator::kAtMost},
       .description = "Een notering van Assen in de top 25 van Nederlandse binnensteden met een regionale "
                      "aantrekkingskracht (2021).",
       .source = "Beste Binnenstad / Binnenstadsbarometer", .frequency = "elke 2 tot 3 jaar"},
  };
  demo.measurements = {
      // Baselines as the plan gives them (real figures).
      M("jobs", D(2017, 4, 1), 3800, "LISA (binnenstadakkoord 2018)"),
      M("businesses", D(2017, 4, 1), 430, "LISA (binnenstadakkoord 2018)"),
      M("vacancy_count", D(2018, 1, 1), 21.9, "Locatus (binnenstadakkoord 2018)"),
      // National references of city centres (Locatus, product.md).
      M("vacancy_count", D(2015, 1, 1), 7.5, "Locatus, landelijk binnensteden", Series::kNational),
      M("vacancy_count", D(2018, 1, 1), 7.8, "Locatus, landelijk binnensteden (akkoord)", Series::kNational),
      M("vacancy_count", D(2019, 1, 1), 6.7, "Locatus, landelijk binnensteden", Series::kNational),
      M("vacancy_count", D(2020, 1, 1), 7.3, "Locatus, landelijk binnensteden", Series::kNational),
      M("vacancy_floor_area", D(2017, 1, 1), 7.8, "Locatus, landelijk binnensteden", Series::kNational),
      // Later measurements: fictitious, for the demo.
      M("jobs", D(2018, 4, 1), 3850, kFictional), M("jobs", D(2019, 4, 1), 3930, kFictional),
      M("jobs", D(2020, 4, 1), 3870, kFictional), M("jobs", D(2021, 4, 1), 3960, kFictional),
      M("jobs", D(2022, 4, 1), 4040, kFictional), M("jobs", D(2023, 4, 1), 4110, kFictional),
      M("jobs", D(2024, 4, 1), 4170, kFictional), M("jobs", D(2025, 4, 1), 4230, kFictional),
      M("businesses", D(2019, 4, 1), 441, kFictional), M("businesses", D(2021, 4, 1), 452, kFictional),
      M("businesses", D(2023, 4, 1), 468, kFictional), M("businesses", D(2025, 4, 1), 481, kFictional),
      M("rating", D(2015, 10, 1), 7.1, kFictional), M("rating", D(2019, 10, 1), 7.2, kFictional),
      M("rating", D(2023, 10, 1), 7.4, kFictional),
      M("ranking", D(2019, 6, 1), 38, kFictional), M("ranking", D(2022, 6, 1), 31, kFictional),
  };
  demo.chapter_kpis = {
      {"A", {"vacancy_count", "vacancy_floor_area", "businesses", "jobs"}},
      {"B", {"rating"}},
      {"C", {"rating"}},
      {"D", {"rating", "ranking"}},
      {"E", {"rating", "businesses"}},
      {"F", {"ranking"}},
  };
  return demo;
}

}  // namespace stadshart::monitor
