#include "monitor/derived.h"

#include "property/vacancy.h"

namespace stadshart::monitor {
namespace {

double Percent(double share) { return share * 100.0; }

}  // namespace

std::optional<double> DerivedValue(const property::Register& reg, Derived derived, Day day) {
  switch (derived) {
    case Derived::kNone: return std::nullopt;
    case Derived::kVacancyCount: return Percent(property::VacancyOn(reg.units, day).RateCount());
    case Derived::kVacancyFloorArea: return Percent(property::VacancyOn(reg.units, day).RateFloorArea());
    case Derived::kBusinesses: return property::ActivityOn(reg, day).businesses;
    case Derived::kJobs: return property::ActivityOn(reg, day).jobs;
  }
  return std::nullopt;
}

std::vector<Measurement> DerivedSeries(const property::Register& reg, Derived derived, Day from, Day to) {
  std::vector<Measurement> out;
  switch (derived) {
    case Derived::kNone: break;
    case Derived::kVacancyCount:
    case Derived::kVacancyFloorArea:
      for (const property::VacancyFigures& f : property::MonthlyTrend(reg.units, from, to)) {
        out.push_back({f.day, Percent(derived == Derived::kVacancyCount ? f.RateCount() : f.RateFloorArea())});
      }
      break;
    case Derived::kBusinesses:
    case Derived::kJobs:
      for (const property::Activity& a : property::MonthlyActivity(reg, from, to)) {
        out.push_back({a.day, static_cast<double>(derived == Derived::kBusinesses ? a.businesses : a.jobs)});
      }
      break;
  }
  return out;
}

std::vector<Measurement> YearlyDerived(const property::Register& reg, Derived derived, int from_year, Day to) {
  std::vector<Measurement> out;
  for (const Measurement& m : DerivedSeries(reg, derived, Day{std::chrono::year{from_year} / 1 / 1}, to)) {
    if (std::chrono::year_month_day{m.date}.month() == std::chrono::January) out.push_back(m);
  }
  return out;
}

std::string_view DerivedMethod(Derived derived) {
  switch (derived) {
    case Derived::kNone: return "";
    case Derived::kVacancyCount:
      return "Leegstaande verkooppunten gedeeld door alle verkooppunten in het register op die dag (definitie van "
             "Locatus: woningen en panden in transformatie tellen niet mee, leeg met bekende nieuwe huurder telt niet "
             "als leeg).";
    case Derived::kVacancyFloorArea:
      return "Winkelvloeroppervlak (WVO) van leegstaande verkooppunten gedeeld door het WVO van alle verkooppunten in "
             "het register op die dag.";
    case Derived::kBusinesses:
      return "Het aantal verschillende bedrijven dat op die dag een pand in het register in gebruik heeft.";
    case Derived::kJobs:
      return "De werkzame personen (12 uur of meer per week) van de bedrijven die op die dag een pand in het register "
             "in gebruik hebben. Telt alleen bedrijven in het register, niet alle werkgelegenheid zoals LISA.";
  }
  return "";
}

}  // namespace stadshart::monitor
