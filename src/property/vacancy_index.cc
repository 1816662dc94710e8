#include "property/vacancy_index.h"

#include <algorithm>
#include <limits>

namespace stadshart::property {
namespace {

using std::chrono::year_month_day;

constexpr std::int32_t kOpen = std::numeric_limits<std::int32_t>::max();

std::int32_t Number(Day day) { return static_cast<std::int32_t>(day.time_since_epoch().count()); }

// As in vacancy.cc: `day` plus whole years; 29 February becomes 28 February in a year without it.
Day AddYears(Day day, int count) {
  year_month_day moved = year_month_day{day} + std::chrono::years{count};
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
  return Day{moved};
}

bool InStock(OccupancyKind kind) { return kind != OccupancyKind::kHousing && kind != OccupancyKind::kTransformation; }

}  // namespace

VacancyIndex::VacancyIndex(std::span<const Unit> units) {
  // Outlets grouped by zone (zones in order of first appearance, units in their given order within a zone).
  std::vector<std::vector<const Unit*>> by_zone;
  size_t interval_count = 0;
  for (const Unit& unit : units) {
    if (!unit.outlet) continue;  // never in the stock
    auto [it, fresh] = zone_ids_.emplace(unit.zone, static_cast<std::uint32_t>(by_zone.size()));
    if (fresh) by_zone.emplace_back();
    by_zone[it->second].push_back(&unit);
    interval_count += unit.occupancy.size();
  }
  for (auto* column : {&from_, &to_, &year1_, &year3_}) column->reserve(interval_count);
  slot_.reserve(interval_count);
  vacant_.reserve(interval_count);
  zone_range_.resize(by_zone.size());
  for (std::uint32_t zone = 0; zone < by_zone.size(); ++zone) {
    zone_range_[zone].begin = static_cast<std::uint32_t>(from_.size());
    for (const Unit* unit : by_zone[zone]) {
      auto slot = static_cast<std::uint32_t>(zone_of_.size());
      zone_of_.push_back(zone);
      area_.push_back(unit->floor_area_m2);
      first_.push_back(static_cast<std::uint32_t>(from_.size()));
      street_slots_[unit->street].push_back(slot);
      // The start of the vacancy run each vacant interval belongs to, as in MonthlyTrend (vacancy.cc).
      Day spell_start{};
      std::optional<Day> previous_end;
      bool previous_vacant = false;
      for (const OccupancyInterval& interval : unit->occupancy) {
        bool vacant = interval.kind == OccupancyKind::kVacant;
        if (vacant && !(previous_vacant && previous_end == interval.from)) spell_start = interval.from;
        previous_vacant = vacant;
        previous_end = interval.to;
        if (!InStock(interval.kind)) continue;
        from_.push_back(Number(interval.from));
        to_.push_back(interval.to ? Number(*interval.to) : kOpen);
        slot_.push_back(slot);
        vacant_.push_back(vacant ? 1 : 0);
        year1_.push_back(vacant ? Number(AddYears(spell_start, 1)) + 1 : 0);
        year3_.push_back(vacant ? Number(AddYears(spell_start, 3)) + 1 : 0);
      }
    }
    zone_range_[zone].end = static_cast<std::uint32_t>(from_.size());
  }
  first_.push_back(static_cast<std::uint32_t>(from_.size()));
}

std::vector<VacancyIndex::Range> VacancyIndex::Select(const VacancyFilter& filter) const {
  std::optional<std::uint32_t> zone;
  if (filter.zone) {
    auto it = zone_ids_.find(*filter.zone);
    if (it == zone_ids_.end()) return {};
    zone = it->second;
  }
  if (!filter.street) {
    if (zone) return {zone_range_[*zone]};
    return {Range{0, static_cast<std::uint32_t>(from_.size())}};
  }
  auto it = street_slots_.find(*filter.street);
  if (it == street_slots_.end()) return {};
  std::vector<Range> ranges;
  for (std::uint32_t slot : it->second) {
    if (zone && zone_of_[slot] != *zone) continue;
    ranges.push_back({first_[slot], first_[slot + 1]});
  }
  return ranges;
}

VacancyFigures VacancyOn(const VacancyIndex& index, Day day, const VacancyFilter& filter) {
  const std::int32_t d = Number(day);
  std::int64_t outlets = 0, vacant = 0, area = 0, vacant_area = 0, up_to_1y = 0, over_3y = 0;
  for (VacancyIndex::Range range : index.Select(filter)) {
    // Without branches: every interval adds 0 or 1 (at most one interval of a unit covers the day).
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
      std::int64_t covers = (index.from_[i] <= d) & (d < index.to_[i]);
      std::int64_t is_vacant = covers & index.vacant_[i];
      std::int64_t unit_area = index.area_[index.slot_[i]];
      outlets += covers;
      area += covers * unit_area;
      vacant += is_vacant;
      vacant_area += is_vacant * unit_area;
      up_to_1y += is_vacant & (d < index.year1_[i]);
      over_3y += is_vacant & (d >= index.year3_[i]);
    }
  }
  VacancyFigures figures;
  figures.day = day;
  figures.outlets = static_cast<int>(outlets);
  figures.vacant = static_cast<int>(vacant);
  figures.floor_area_m2 = area;
  figures.vacant_floor_area_m2 = vacant_area;
  figures.up_to_1y = static_cast<int>(up_to_1y);
  figures.from_1y_to_3y = static_cast<int>(vacant - up_to_1y - over_3y);
  figures.over_3y = static_cast<int>(over_3y);
  return figures;
}

std::vector<VacancyFigures> MonthlyTrend(const VacancyIndex& index, Day from, Day to, const VacancyFilter& filter) {
  // The sweep of MonthlyTrend (vacancy.cc) over the columns, with a table from day to month instead of a binary
  // search per interval boundary.
  year_month_day first{from};
  std::chrono::year_month start_month = first.year() / first.month();
  year_month_day last{to};
  std::chrono::year_month end_month = last.year() / last.month();
  if (end_month < start_month) return {};
  std::vector<Day> month_days;
  for (auto m = start_month; m <= end_month; m += std::chrono::months{1}) month_days.push_back(Day{m / 1});
  const auto n = static_cast<std::int32_t>(month_days.size());
  // month_of[day - base]: index of the first month whose first day is on or after `day`, for days in
  // [base, top]; days before give 0, days after give n.
  const std::int32_t base = Number(month_days.front());
  const std::int32_t top = Number(month_days.back());
  std::vector<std::int32_t> month_of(static_cast<size_t>(top - base) + 1);
  std::int32_t m = 0;
  for (std::int32_t t = 0; t <= top - base; ++t) {
    while (Number(month_days[static_cast<size_t>(m)]) < base + t) ++m;
    month_of[static_cast<size_t>(t)] = m;
  }
  auto month_on_or_after = [&](std::int32_t day) -> std::int32_t {
    if (day <= base) return 0;
    if (day > top) return n;
    return month_of[static_cast<size_t>(day - base)];
  };
  struct Deltas {
    std::int64_t outlets = 0, vacant = 0, area = 0, vacant_area = 0, d1 = 0, d2 = 0, d3 = 0;
  };
  std::vector<Deltas> delta(static_cast<size_t>(n) + 1);
  for (VacancyIndex::Range range : index.Select(filter)) {
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
      std::int32_t lo = month_on_or_after(index.from_[i]);
      std::int32_t hi = month_on_or_after(index.to_[i]);
      if (lo >= hi) continue;
      std::int64_t unit_area = index.area_[index.slot_[i]];
      Deltas& at_lo = delta[static_cast<size_t>(lo)];
      Deltas& at_hi = delta[static_cast<size_t>(hi)];
      ++at_lo.outlets;
      --at_hi.outlets;
      at_lo.area += unit_area;
      at_hi.area -= unit_area;
      if (!index.vacant_[i]) continue;
      ++at_lo.vacant;
      --at_hi.vacant;
      at_lo.vacant_area += unit_area;
      at_hi.vacant_area -= unit_area;
      std::int32_t c1 = std::clamp(month_on_or_after(index.year1_[i]), lo, hi);
      std::int32_t c3 = std::clamp(month_on_or_after(index.year3_[i]), lo, hi);
      // d1 over [lo, c1), d2 over [c1, c3), d3 over [c3, hi)
      ++at_lo.d1;
      --delta[static_cast<size_t>(c1)].d1;
      ++delta[static_cast<size_t>(c1)].d2;
      --delta[static_cast<size_t>(c3)].d2;
      ++delta[static_cast<size_t>(c3)].d3;
      --at_hi.d3;
    }
  }
  std::vector<VacancyFigures> trend(static_cast<size_t>(n));
  Deltas running;
  for (size_t i = 0; i < trend.size(); ++i) {
    const Deltas& d = delta[i];
    running.outlets += d.outlets;
    running.vacant += d.vacant;
    running.area += d.area;
    running.vacant_area += d.vacant_area;
    running.d1 += d.d1;
    running.d2 += d.d2;
    running.d3 += d.d3;
    VacancyFigures& f = trend[i];
    f.day = month_days[i];
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
