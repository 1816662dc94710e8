#include "monitor/kpi.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace stadshart::monitor {
namespace {

bool IsPercentage(std::string_view unit) { return unit == "%"; }
bool IsRating(std::string_view unit) { return unit == "waarderingscijfer" || unit == "rapportcijfer"; }
bool IsRank(std::string_view unit) { return unit == "positie"; }

}  // namespace

std::string_view DirectionCode(Direction d) { return d == Direction::kHigher ? "higher" : "lower"; }

std::string_view ComparatorCode(Comparator c) {
  switch (c) {
    case Comparator::kAtLeast: return "at_least";
    case Comparator::kAtMost: return "at_most";
    case Comparator::kBelow: return "below";
    case Comparator::kAbove: return "above";
  }
  return "at_least";
}

std::optional<Comparator> ParseComparator(std::string_view code) {
  for (Comparator c : {Comparator::kAtLeast, Comparator::kAtMost, Comparator::kBelow, Comparator::kAbove}) {
    if (ComparatorCode(c) == code) return c;
  }
  return std::nullopt;
}

std::string_view ComparatorLabel(Comparator c) {
  switch (c) {
    case Comparator::kAtLeast: return "ten minste";
    case Comparator::kAtMost: return "ten hoogste";
    case Comparator::kBelow: return "onder";
    case Comparator::kAbove: return "boven";
  }
  return "";
}

std::string_view DerivedCode(Derived d) {
  switch (d) {
    case Derived::kNone: return "";
    case Derived::kVacancyCount: return "vacancy_count";
    case Derived::kVacancyFloorArea: return "vacancy_floor_area";
    case Derived::kBusinesses: return "businesses";
    case Derived::kJobs: return "jobs";
  }
  return "";
}

std::optional<Derived> ParseDerived(std::string_view code) {
  for (Derived d : {Derived::kNone, Derived::kVacancyCount, Derived::kVacancyFloorArea, Derived::kBusinesses,
                    Derived::kJobs}) {
    if (DerivedCode(d) == code) return d;
  }
  return std::nullopt;
}

std::string_view SeriesCode(Series s) { return s == Series::kMeasured ? "measured" : "national"; }

std::optional<Series> ParseSeries(std::string_view code) {
  if (code == "measured") return Series::kMeasured;
  if (code == "national") return Series::kNational;
  return std::nullopt;
}

std::vector<FieldError> CheckKpi(const Kpi& kpi) {
  std::vector<FieldError> errors;
  bool code_ok = kpi.code.size() >= 2 && kpi.code.size() <= 40 &&
                 std::all_of(kpi.code.begin(), kpi.code.end(),
                             [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
  if (!code_ok) errors.push_back({"code", "Een code heeft 2 tot 40 kleine letters, cijfers of _ (bijv. passanten)."});
  // Words the monitor's pages use in their addresses (/monitor/nieuw, /monitor/rapport/2019, /monitor/metingen/1).
  for (std::string_view reserved : {"nieuw", "rapport", "metingen"}) {
    if (kpi.code == reserved) errors.push_back({"code", "De code '" + kpi.code + "' is gereserveerd; kies een andere."});
  }
  if (kpi.name.empty() || kpi.name.size() > 200) errors.push_back({"name", "Geef een naam van hoogstens 200 tekens."});
  if (kpi.unit.empty() || kpi.unit.size() > 40) errors.push_back({"unit", "Geef de eenheid (bijv. %, bedrijven)."});
  if (kpi.target.year < 2000 || kpi.target.year > 2100) {
    errors.push_back({"target_year", "Het doeljaar ligt tussen 2000 en 2100."});
  }
  if (!std::isfinite(kpi.target.value)) errors.push_back({"target_value", "Geef de streefwaarde als getal."});
  bool upward = kpi.target.comparator == Comparator::kAtLeast || kpi.target.comparator == Comparator::kAbove;
  if (upward != (kpi.direction == Direction::kHigher)) {
    errors.push_back({"comparator", "De vergelijking past niet bij de richting: bij 'hoger is beter' is het doel "
                                    "'ten minste' of 'boven', bij 'lager is beter' 'ten hoogste' of 'onder'."});
  }
  return errors;
}

std::vector<FieldError> CheckMeasurement(const Kpi& kpi, const KpiMeasurement& m, Day today) {
  std::vector<FieldError> errors;
  if (m.date > today) errors.push_back({"date", "De peildatum ligt in de toekomst."});
  if (!std::isfinite(m.value)) {
    errors.push_back({"value", "Geef de waarde als getal."});
  } else if (IsPercentage(kpi.unit) && (m.value < 0 || m.value > 100)) {
    errors.push_back({"value", "Een percentage ligt tussen 0 en 100 (geef 21,9 voor 21,9%)."});
  } else if (IsRating(kpi.unit) && (m.value < 1 || m.value > 10)) {
    errors.push_back({"value", "Een waarderingscijfer ligt tussen 1 en 10."});
  } else if (IsRank(kpi.unit) && (m.value < 1 || m.value != std::floor(m.value))) {
    errors.push_back({"value", "Een positie is een geheel getal vanaf 1."});
  } else if (!IsPercentage(kpi.unit) && !IsRating(kpi.unit) && !IsRank(kpi.unit) && m.value < 0) {
    errors.push_back({"value", "Een aantal is niet negatief."});
  }
  if (m.source.size() > 200) errors.push_back({"source", "De bron is langer dan 200 tekens."});
  if (m.note.size() > 2000) errors.push_back({"note", "De toelichting is langer dan 2000 tekens."});
  return errors;
}

KpiStatus StatusOf(const Kpi& kpi, const std::vector<KpiMeasurement>& measured, std::optional<Day> window_from) {
  KpiStatus status;
  std::vector<Measurement> points;
  for (const KpiMeasurement& m : measured) {
    if (m.series != Series::kMeasured) continue;
    points.push_back({m.date, m.value});
    if (!status.latest || m.date > status.latest->date) status.latest = m;
  }
  if (status.latest) {
    status.met = Meets(status.latest->value, kpi.target);
    if (kpi.baseline.value && *kpi.baseline.value != kpi.target.value) {
      status.progress = (status.latest->value - *kpi.baseline.value) / (kpi.target.value - *kpi.baseline.value);
    }
  }
  status.projection = Project(points, kpi.target, window_from);
  return status;
}

double ClampToUnit(double value, std::string_view unit) {
  if (IsPercentage(unit)) return std::clamp(value, 0.0, 100.0);
  if (IsRating(unit)) return std::clamp(value, 1.0, 10.0);
  if (IsRank(unit)) return std::max(value, 1.0);
  return std::max(value, 0.0);
}

std::string FormatValue(double value, std::string_view unit) {
  char buffer[64];
  // Round to the one decimal shown first, so 5.96 reads "6%" like 6 does, and -0.04 reads "0" (never "-0").
  value = std::round(value * 10.0) / 10.0;
  if (value == 0.0) value = 0.0;
  bool whole = std::abs(value - std::round(value)) < 1e-9;
  if (whole) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
  }
  std::string text = buffer;
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  // Thousands separator: a point, as in "3.800".
  size_t end = text.find(',');
  if (end == std::string::npos) end = text.size();
  size_t start = text[0] == '-' ? 1 : 0;
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(end) - 3; i > static_cast<std::ptrdiff_t>(start); i -= 3) {
    text.insert(static_cast<size_t>(i), ".");
  }
  if (unit == "%") return text + "%";
  if (unit.empty() || IsRating(unit)) return text;
  if (IsRank(unit)) return "positie " + text;
  return text + " " + std::string(unit);
}

std::string_view VerdictLabel(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOnTrack: return "op koers";
    case Verdict::kAtRisk: return "risico";
    case Verdict::kOffTrack: return "niet op koers";
    case Verdict::kInsufficientData: return "te weinig gegevens";
  }
  return "";
}

}  // namespace stadshart::monitor
