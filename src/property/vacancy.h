// Vacancy (leegstand) by Locatus' definitions, for any day, from the occupancy histories. Pure.
//
// - The outlet stock on a day: units that are outlets (not ATMs or service points) with a state that day other
//   than housing or transformation (those have left the stock).
// - Vacant: state kVacant. A unit whose next tenant is known (kVacantLet) is in the stock but not vacant;
//   temporary use counts as in use.
// - By count: vacant / stock. By floor area: vacant WVO / WVO of the stock. Both are reported.
// - Duration of a vacancy: from the start of the unbroken run of kVacant intervals up to the day. Up to and
//   including 1 year: frictional; more than 1 and up to 3 years: long-term (langdurig); more: structural.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "property/occupancy.h"

namespace stadshart::property {

struct VacancyFilter {
  std::optional<std::string> zone;
  std::optional<std::string> street;
};

struct VacancyFigures {
  Day day;
  int outlets = 0;
  int vacant = 0;
  std::int64_t floor_area_m2 = 0;
  std::int64_t vacant_floor_area_m2 = 0;
  int up_to_1y = 0;
  int from_1y_to_3y = 0;
  int over_3y = 0;

  double RateCount() const { return outlets ? static_cast<double>(vacant) / outlets : 0.0; }
  double RateFloorArea() const {
    return floor_area_m2 ? static_cast<double>(vacant_floor_area_m2) / static_cast<double>(floor_area_m2) : 0.0;
  }
};

enum class VacancyDuration { kUpTo1Year, k1To3Years, kOver3Years };

// How long the unit has been vacant on `day`, by class; nullopt when it is not vacant then.
std::optional<VacancyDuration> DurationOn(const Unit& unit, Day day);

VacancyFigures VacancyOn(std::span<const Unit> units, Day day, const VacancyFilter& filter = {});

// VacancyOn for the first day of every month from `from`'s month through `to`'s month.
std::vector<VacancyFigures> MonthlyTrend(std::span<const Unit> units, Day from, Day to,
                                         const VacancyFilter& filter = {});

}  // namespace stadshart::property
