// A compact, columnar copy of the occupancy histories for the vacancy figures of vacancy.h at national scale
// (docs/performance.md, "Register at national scale"). Pure.
//
// Only what the figures need is kept: for each interval of an outlet that is in the stock (in use, vacant, let,
// temporary), its days as 32-bit day numbers, its unit, whether it is vacant and, for a vacancy, the days on which
// its duration class changes (worked out once from the whole history, so adjoining vacant intervals count from
// the start of their run). Units are grouped by zone, so a zone's intervals are one contiguous range.
//
// The figures equal those of VacancyOn / MonthlyTrend on the units the index was built from, for histories that
// satisfy CheckHistory (sorted, non-overlapping): vacancy_index_test.cc compares them on random registers.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "property/vacancy.h"

namespace stadshart::property {

class VacancyIndex {
 public:
  // Copies what it needs: `units` need not outlive the index. About 21 bytes per interval and 12 per unit.
  explicit VacancyIndex(std::span<const Unit> units);

  size_t intervals() const { return from_.size(); }

 private:
  friend VacancyFigures VacancyOn(const VacancyIndex& index, Day day, const VacancyFilter& filter);
  friend std::vector<VacancyFigures> MonthlyTrend(const VacancyIndex& index, Day from, Day to,
                                                  const VacancyFilter& filter);
  struct Range {
    std::uint32_t begin = 0, end = 0;
  };
  // The interval ranges the filter selects (one range for the whole set or a zone; one per unit for a street).
  std::vector<Range> Select(const VacancyFilter& filter) const;

  // Per unit slot (outlets only, grouped by zone): its intervals are [first_[slot], first_[slot + 1]).
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> zone_of_;
  std::vector<std::int64_t> area_;
  std::unordered_map<std::string, std::uint32_t> zone_ids_;
  std::vector<Range> zone_range_;  // by zone id: its intervals
  std::unordered_map<std::string, std::vector<std::uint32_t>> street_slots_;  // ascending
  // Per interval (in the stock of an outlet), in slot order; days are days since 1970-01-01.
  std::vector<std::int32_t> from_;
  std::vector<std::int32_t> to_;      // exclusive; INT32_MAX when open
  std::vector<std::uint32_t> slot_;
  std::vector<std::uint8_t> vacant_;  // 1 for kVacant
  std::vector<std::int32_t> year1_;   // vacant: first day of more than 1 year vacant (start of the run + 1 y + 1 d)
  std::vector<std::int32_t> year3_;   // vacant: first day of more than 3 years vacant
};

// VacancyOn(units, day, filter) for the units the index was built from.
VacancyFigures VacancyOn(const VacancyIndex& index, Day day, const VacancyFilter& filter = {});

// MonthlyTrend(units, from, to, filter) for the units the index was built from.
std::vector<VacancyFigures> MonthlyTrend(const VacancyIndex& index, Day from, Day to,
                                         const VacancyFilter& filter = {});

}  // namespace stadshart::property
