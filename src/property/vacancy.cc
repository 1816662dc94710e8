#include "property/vacancy.h"

#include <algorithm>

namespace stadshart::property {
namespace {

using std::chrono::year_month_day;
using std::chrono::years;

// `day` plus whole years; 29 February becomes 28 February in a year without it.
Day AddYears(Day day, int count) {
  year_month_day ymd{day};
  year_month_day moved = ymd + years{count};
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
  return Day{moved};
}

bool InStock(OccupancyKind kind) { return kind != OccupancyKind::kHousing && kind != OccupancyKind::kTransformation; }

bool Selected(const Unit& unit, const VacancyFilter& filter) {
  if (filter.zone && unit.zone != *filter.zone) return false;
  if (filter.street && unit.street != *filter.street) return false;
  return true;
}

}  // namespace

std::optional<VacancyDuration> DurationOn(const Unit& unit, Day day) {
  const OccupancyInterval* state = StateOn(unit, day);
  if (state == nullptr || state->kind != OccupancyKind::kVacant) return std::nullopt;
  // Walk back through directly adjoining vacant intervals (a history may split one vacancy, e.g. on a change
  // of owner).
  Day start = state->from;
  for (auto it = unit.occupancy.rbegin(); it != unit.occupancy.rend(); ++it) {
    if (it->from >= start) continue;
    if (it->kind == OccupancyKind::kVacant && it->to == start) {
      start = it->from;
    } else {
      break;
    }
  }
  if (day <= AddYears(start, 1)) return VacancyDuration::kUpTo1Year;
  if (day <= AddYears(start, 3)) return VacancyDuration::k1To3Years;
  return VacancyDuration::kOver3Years;
}

VacancyFigures VacancyOn(std::span<const Unit> units, Day day, const VacancyFilter& filter) {
  VacancyFigures figures;
  figures.day = day;
  for (const Unit& unit : units) {
    if (!unit.outlet || !Selected(unit, filter)) continue;
    const OccupancyInterval* state = StateOn(unit, day);
    if (state == nullptr || !InStock(state->kind)) continue;
    ++figures.outlets;
    figures.floor_area_m2 += unit.floor_area_m2;
    if (state->kind != OccupancyKind::kVacant) continue;
    ++figures.vacant;
    figures.vacant_floor_area_m2 += unit.floor_area_m2;
    switch (*DurationOn(unit, day)) {
      case VacancyDuration::kUpTo1Year: ++figures.up_to_1y; break;
      case VacancyDuration::k1To3Years: ++figures.from_1y_to_3y; break;
      case VacancyDuration::kOver3Years: ++figures.over_3y; break;
    }
  }
  return figures;
}

std::vector<VacancyFigures> MonthlyTrend(std::span<const Unit> units, Day from, Day to, const VacancyFilter& filter) {
  // One sweep over the intervals instead of VacancyOn per month: every interval adds its unit to the months
  // whose first day it covers, through difference arrays; a vacancy's duration class changes at fixed days
  // (start + 1 year, start + 3 years), so it splits into at most three ranges.
  year_month_day first{from};
  std::chrono::year_month start_month = first.year() / first.month();
  year_month_day last{to};
  std::chrono::year_month end_month = last.year() / last.month();
  if (end_month < start_month) return {};
  std::vector<Day> month_days;
  for (auto m = start_month; m <= end_month; m += std::chrono::months{1}) month_days.push_back(Day{m / 1});
  const auto n = static_cast<std::ptrdiff_t>(month_days.size());
  // Index of the first month whose first day is on or after `day`.
  auto first_on_or_after = [&](Day day) {
    return std::lower_bound(month_days.begin(), month_days.end(), day) - month_days.begin();
  };
  struct Deltas {
    std::int64_t outlets = 0, vacant = 0, area = 0, vacant_area = 0, d1 = 0, d2 = 0, d3 = 0;
  };
  std::vector<Deltas> delta(static_cast<size_t>(n) + 1);
  auto add = [&](std::ptrdiff_t lo, std::ptrdiff_t hi, auto member, std::int64_t value) {
    if (lo >= hi) return;
    delta[static_cast<size_t>(lo)].*member += value;
    delta[static_cast<size_t>(hi)].*member -= value;
  };
  for (const Unit& unit : units) {
    if (!unit.outlet || !Selected(unit, filter)) continue;
    std::optional<Day> spell_start;  // of the vacancy run the current interval belongs to
    std::optional<Day> previous_end;
    bool previous_vacant = false;
    for (const OccupancyInterval& interval : unit.occupancy) {
      bool vacant = interval.kind == OccupancyKind::kVacant;
      if (vacant) {
        if (!(previous_vacant && previous_end == interval.from)) spell_start = interval.from;
      }
      previous_vacant = vacant;
      previous_end = interval.to;
      if (!InStock(interval.kind)) continue;
      std::ptrdiff_t lo = first_on_or_after(interval.from);
      std::ptrdiff_t hi = interval.to ? first_on_or_after(*interval.to) : n;
      if (lo >= hi) continue;
      add(lo, hi, &Deltas::outlets, 1);
      add(lo, hi, &Deltas::area, unit.floor_area_m2);
      if (!vacant) continue;
      add(lo, hi, &Deltas::vacant, 1);
      add(lo, hi, &Deltas::vacant_area, unit.floor_area_m2);
      std::ptrdiff_t c1 = std::clamp(first_on_or_after(AddYears(*spell_start, 1) + std::chrono::days{1}), lo, hi);
      std::ptrdiff_t c3 = std::clamp(first_on_or_after(AddYears(*spell_start, 3) + std::chrono::days{1}), lo, hi);
      add(lo, c1, &Deltas::d1, 1);
      add(c1, c3, &Deltas::d2, 1);
      add(c3, hi, &Deltas::d3, 1);
    }
  }
  std::vector<VacancyFigures> trend(static_cast<size_t>(n));
  Deltas running;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const Deltas& d = delta[static_cast<size_t>(i)];
    running.outlets += d.outlets;
    running.vacant += d.vacant;
    running.area += d.area;
    running.vacant_area += d.vacant_area;
    running.d1 += d.d1;
    running.d2 += d.d2;
    running.d3 += d.d3;
    VacancyFigures& f = trend[static_cast<size_t>(i)];
    f.day = month_days[static_cast<size_t>(i)];
    f.outlets = static_cast<int>(running.outlets);
    f.vacant = static_cast<int>(running.vacant);
    f.floor_area_m2 = running.area;
    f.vacant_floor_area_m2 = running.vacant_area;
    f.up_to_1y = static_cast<int>(running.d1);
    f.from_1y_to_3y = static_cast<int>(running.d2);
    f.over_3y = static_cast<int>(running.d3);
  }
  return trend;
}

}  // namespace stadshart::property
