// The whole register as values (units with their histories, businesses, zones) and what follows from it beyond
// the vacancy figures: the function of a unit on a day, mismatches with zone policy (verkleuring), the
// temporary-use portfolio, living above shops, businesses and jobs over time, and "wat als" scenarios. Pure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "property/occupancy.h"
#include "property/records.h"
#include "property/vacancy.h"
#include "property/vacancy_index.h"

namespace stadshart::property {

struct Register {
  std::vector<Unit> units;  // by id
  std::vector<Business> businesses;  // by id
  std::vector<Zone> zones;  // in display order
  // The vacancy figures' index of `units`, when the snapshot built one (SqlitePropertyRepository::Snapshot);
  // null otherwise. Whoever changes `units` of a copy must reset it.
  std::shared_ptr<const VacancyIndex> vacancy_index;

  const Unit* FindUnit(std::int64_t id) const;
  const Business* FindBusiness(std::int64_t id) const;
  const Zone* FindZone(std::string_view code) const;
};

// Search in the register: a filter (zone, street), words in the address, postcode or BAG id (case-insensitive),
// and optionally the state on a day (a kind code such as "vacant", or "none" for no state then).
struct UnitQuery {
  VacancyFilter filter;
  std::string text;
  std::optional<Day> state_on;
  std::string state;
};
// In address order (street, number, letter, addition, ground floor first). kInvalid for an unknown state code.
Result<std::vector<const Unit*>> FindUnits(const Register& reg, const UnitQuery& query);

// Whether `haystack` contains `needle`, ignoring ASCII case.
bool ContainsFolded(std::string_view haystack, std::string_view needle);

// The function a unit has on `day`: its business's outlet group when in use, kHousing when converted; nullopt
// when vacant, let, in temporary use, being transformed, or without a state.
std::optional<Function> FunctionOn(const Register& reg, const Unit& unit, Day day);

struct Mismatch {
  const Unit* unit;
  enum class Reason { kVacantInCore, kFunctionNotIntended } reason;
  std::optional<Function> function;  // for kFunctionNotIntended
};
// Vacant units inside the core shopping area first (longest vacant first), then units whose function is not
// among their zone's intended functions (by zone, street, number).
std::vector<Mismatch> Mismatches(const Register& reg, Day day);

struct TemporaryUse {
  const Unit* unit;
  const OccupancyInterval* interval;
  std::optional<int> days_left;  // until the agreed end; negative when overdue
};
// Units in temporary use on `day`, the soonest agreed end first (no end date last).
std::vector<TemporaryUse> TemporaryPortfolio(const Register& reg, Day day);

struct UpperFloorState {
  int units = 0;
  int housing = 0;
  int in_use = 0;
  int vacant = 0;
  int other = 0;  // let, temporary, transformation, no state
};
// Upper-floor units on `day` ("wonen boven winkels").
UpperFloorState UpperFloors(const Register& reg, Day day, const VacancyFilter& filter = {});

struct Activity {
  Day day;
  int businesses = 0;  // distinct businesses in use of a unit that day
  int jobs = 0;        // their jobs
};
// Businesses and jobs on `day`.
Activity ActivityOn(const Register& reg, Day day, const VacancyFilter& filter = {});
// Businesses and jobs on the first day of every month from `from`'s month through `to`'s month.
std::vector<Activity> MonthlyActivity(const Register& reg, Day from, Day to, const VacancyFilter& filter = {});

// "Wat als": units to give a new function on a date, without touching the register.
struct Scenario {
  std::int64_t id = 0;  // 0 until saved
  std::string name;
  Day date;
  Function target = Function::kHousing;
  std::vector<std::int64_t> unit_ids;
  bool vacant_retail_outside_core = false;  // also every unit vacant on `date` outside the core whose last
                                            // use was retail (or that never had a use)
  std::string created_by;
  std::string created_at;
};

struct ScenarioZoneResult {
  std::string zone;  // "" for the whole centre
  VacancyFigures before;
  VacancyFigures after;
};
struct ScenarioResult {
  std::vector<std::int64_t> units;  // the units actually changed, by id
  std::vector<ScenarioZoneResult> zones;  // whole centre first, then each zone
};

// Checks the scenario (known units, a date) and evaluates it on its date: each chosen unit's history is cut at
// the date and continued as housing (kHousing target: out of the stock) or as in use with the target function.
Result<ScenarioResult> Evaluate(const Register& reg, const Scenario& scenario);

}  // namespace stadshart::property
