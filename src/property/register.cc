#include "property/register.h"

#include <algorithm>
#include <set>

namespace stadshart::property {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, std::int64_t id) {
  auto it = std::lower_bound(items.begin(), items.end(), id, [](const T& item, std::int64_t i) { return item.id < i; });
  return it != items.end() && it->id == id ? &*it : nullptr;
}

bool Selected(const Unit& unit, const VacancyFilter& filter) {
  return (!filter.zone || unit.zone == *filter.zone) && (!filter.street || unit.street == *filter.street);
}

bool AddressOrder(const Unit* a, const Unit* b) {
  return std::tie(a->zone, a->street, a->number, a->letter, a->addition) <
         std::tie(b->zone, b->street, b->number, b->letter, b->addition);
}

// The start of the unbroken vacancy the unit is in on `day` (for ordering: longest vacant first).
Day VacantSince(const Unit& unit, Day day) {
  const OccupancyInterval* state = StateOn(unit, day);
  Day start = state->from;
  for (auto it = unit.occupancy.rbegin(); it != unit.occupancy.rend(); ++it) {
    if (it->from < start && it->kind == OccupancyKind::kVacant && it->to == start) start = it->from;
  }
  return start;
}

// The function of the last business that used the unit before `day`, if any.
std::optional<Function> LastUseBefore(const Register& reg, const Unit& unit, Day day) {
  for (auto it = unit.occupancy.rbegin(); it != unit.occupancy.rend(); ++it) {
    if (it->from >= day || it->kind != OccupancyKind::kInUse || !it->business_id) continue;
    if (const Business* b = reg.FindBusiness(*it->business_id)) return b->function;
  }
  return std::nullopt;
}

}  // namespace

const Unit* Register::FindUnit(std::int64_t id) const { return FindById(units, id); }
const Business* Register::FindBusiness(std::int64_t id) const { return FindById(businesses, id); }
const Zone* Register::FindZone(std::string_view code) const {
  for (const Zone& zone : zones) {
    if (zone.code == code) return &zone;
  }
  return nullptr;
}

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return fold(a) == fold(b); });
  return it != haystack.end();
}

Result<std::vector<const Unit*>> FindUnits(const Register& reg, const UnitQuery& query) {
  std::optional<OccupancyKind> kind;
  bool no_state = query.state == "none";
  if (!query.state.empty() && !no_state) {
    kind = ParseKind(query.state);
    if (!kind) return Error::Invalid({{"state", "Onbekende toestand '" + query.state + "'."}});
  }
  std::vector<const Unit*> found;
  for (const Unit& unit : reg.units) {
    if (!Selected(unit, query.filter)) continue;
    if (!query.text.empty()) {
      std::string address = unit.Address() + " " + unit.postcode + " " + unit.bag_id;
      if (!ContainsFolded(address, query.text)) continue;
    }
    if ((kind || no_state) && query.state_on) {
      const OccupancyInterval* state = StateOn(unit, *query.state_on);
      if (no_state ? state != nullptr : (state == nullptr || state->kind != *kind)) continue;
    }
    found.push_back(&unit);
  }
  std::sort(found.begin(), found.end(), [](const Unit* a, const Unit* b) {
    return std::tie(a->street, a->number, a->letter, a->addition, a->floor) <
           std::tie(b->street, b->number, b->letter, b->addition, b->floor);
  });
  return found;
}

std::optional<Function> FunctionOn(const Register& reg, const Unit& unit, Day day) {
  const OccupancyInterval* state = StateOn(unit, day);
  if (state == nullptr) return std::nullopt;
  if (state->kind == OccupancyKind::kHousing) return Function::kHousing;
  if (state->kind != OccupancyKind::kInUse || !state->business_id) return std::nullopt;
  const Business* business = reg.FindBusiness(*state->business_id);
  if (business == nullptr) return std::nullopt;
  return business->function;
}

std::vector<Mismatch> Mismatches(const Register& reg, Day day) {
  std::vector<std::pair<Day, const Unit*>> vacant_core;
  std::vector<Mismatch> off_policy;
  for (const Unit& unit : reg.units) {
    const OccupancyInterval* state = StateOn(unit, day);
    if (state == nullptr) continue;
    if (unit.zone == kCoreZone && unit.outlet && unit.floor == Floor::kGround && state->kind == OccupancyKind::kVacant) {
      vacant_core.emplace_back(VacantSince(unit, day), &unit);
      continue;
    }
    std::optional<Function> function = FunctionOn(reg, unit, day);
    const Zone* zone = reg.FindZone(unit.zone);
    if (!function || zone == nullptr || zone->Intends(*function)) continue;
    // Dwellings on upper floors are what "wonen boven winkels" asks for, whatever the zone.
    if (*function == Function::kHousing && unit.floor == Floor::kUpper) continue;
    off_policy.push_back({&unit, Mismatch::Reason::kFunctionNotIntended, function});
  }
  std::sort(vacant_core.begin(), vacant_core.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : AddressOrder(a.second, b.second);
  });
  auto zone_position = [&](const Unit* unit) {
    const Zone* zone = reg.FindZone(unit->zone);
    return zone ? zone - reg.zones.data() : static_cast<std::ptrdiff_t>(reg.zones.size());
  };
  std::sort(off_policy.begin(), off_policy.end(), [&](const Mismatch& a, const Mismatch& b) {
    auto za = zone_position(a.unit), zb = zone_position(b.unit);
    return za != zb ? za < zb : AddressOrder(a.unit, b.unit);
  });
  std::vector<Mismatch> result;
  result.reserve(vacant_core.size() + off_policy.size());
  for (const auto& [since, unit] : vacant_core) result.push_back({unit, Mismatch::Reason::kVacantInCore, std::nullopt});
  result.insert(result.end(), off_policy.begin(), off_policy.end());
  return result;
}

std::vector<TemporaryUse> TemporaryPortfolio(const Register& reg, Day day) {
  std::vector<TemporaryUse> result;
  for (const Unit& unit : reg.units) {
    const OccupancyInterval* state = StateOn(unit, day);
    if (state == nullptr || state->kind != OccupancyKind::kTemporary) continue;
    std::optional<Day> end = state->temporary_end ? state->temporary_end : state->to;
    std::optional<int> left;
    if (end) left = static_cast<int>((*end - day).count());
    result.push_back({&unit, state, left});
  }
  std::stable_sort(result.begin(), result.end(), [](const TemporaryUse& a, const TemporaryUse& b) {
    if (a.days_left.has_value() != b.days_left.has_value()) return a.days_left.has_value();
    if (a.days_left && *a.days_left != *b.days_left) return *a.days_left < *b.days_left;
    return AddressOrder(a.unit, b.unit);
  });
  return result;
}

UpperFloorState UpperFloors(const Register& reg, Day day, const VacancyFilter& filter) {
  UpperFloorState state;
  for (const Unit& unit : reg.units) {
    if (unit.floor != Floor::kUpper || !Selected(unit, filter)) continue;
    ++state.units;
    const OccupancyInterval* s = StateOn(unit, day);
    if (s == nullptr) {
      ++state.other;
    } else if (s->kind == OccupancyKind::kHousing) {
      ++state.housing;
    } else if (s->kind == OccupancyKind::kInUse) {
      ++state.in_use;
    } else if (s->kind == OccupancyKind::kVacant) {
      ++state.vacant;
    } else {
      ++state.other;
    }
  }
  return state;
}

Activity ActivityOn(const Register& reg, Day day, const VacancyFilter& filter) {
  std::set<std::int64_t> present;
  for (const Unit& unit : reg.units) {
    if (!Selected(unit, filter)) continue;
    const OccupancyInterval* state = StateOn(unit, day);
    if (state != nullptr && state->kind == OccupancyKind::kInUse && state->business_id) present.insert(*state->business_id);
  }
  Activity activity{day};
  activity.businesses = static_cast<int>(present.size());
  for (std::int64_t id : present) {
    if (const Business* b = reg.FindBusiness(id)) activity.jobs += b->jobs;
  }
  return activity;
}

std::vector<Activity> MonthlyActivity(const Register& reg, Day from, Day to, const VacancyFilter& filter) {
  using std::chrono::year_month_day;
  std::chrono::year_month start = year_month_day{from}.year() / year_month_day{from}.month();
  std::chrono::year_month end = year_month_day{to}.year() / year_month_day{to}.month();
  std::vector<Activity> result;
  for (auto m = start; m <= end; m += std::chrono::months{1}) result.push_back({Day{m / 1}});
  if (result.empty()) return result;
  // Per month the set of businesses in use somewhere (a business with two units counts once).
  std::vector<std::set<std::int64_t>> present(result.size());
  for (const Unit& unit : reg.units) {
    if (!Selected(unit, filter)) continue;
    for (const OccupancyInterval& interval : unit.occupancy) {
      if (interval.kind != OccupancyKind::kInUse || !interval.business_id) continue;
      auto lo = std::lower_bound(result.begin(), result.end(), interval.from,
                                 [](const Activity& a, Day d) { return a.day < d; });
      for (auto it = lo; it != result.end() && (!interval.to || it->day < *interval.to); ++it) {
        present[static_cast<size_t>(it - result.begin())].insert(*interval.business_id);
      }
    }
  }
  for (size_t i = 0; i < result.size(); ++i) {
    result[i].businesses = static_cast<int>(present[i].size());
    for (std::int64_t id : present[i]) {
      if (const Business* b = reg.FindBusiness(id)) result[i].jobs += b->jobs;
    }
  }
  return result;
}

Result<ScenarioResult> Evaluate(const Register& reg, const Scenario& scenario) {
  std::vector<FieldError> errors;
  if (scenario.name.empty() || scenario.name.size() > 200) {
    errors.push_back({"name", "Geef het scenario een naam van hoogstens 200 tekens."});
  }
  std::set<std::int64_t> chosen;
  for (std::int64_t id : scenario.unit_ids) {
    if (reg.FindUnit(id) == nullptr) {
      errors.push_back({"unit_ids", "Pand " + std::to_string(id) + " bestaat niet."});
    } else {
      chosen.insert(id);
    }
  }
  if (scenario.unit_ids.empty() && !scenario.vacant_retail_outside_core) {
    errors.push_back({"unit_ids", "Kies panden, of \"alle leegstaande winkelpanden buiten het kernwinkelgebied\"."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (scenario.vacant_retail_outside_core) {
    for (const Unit& unit : reg.units) {
      if (unit.zone == kCoreZone || !unit.outlet) continue;
      const OccupancyInterval* state = StateOn(unit, scenario.date);
      if (state == nullptr || state->kind != OccupancyKind::kVacant) continue;
      std::optional<Function> last = LastUseBefore(reg, unit, scenario.date);
      if (!last || InfoOf(*last).retail) chosen.insert(unit.id);
    }
  }

  // Copies of the changed units only; the rest of the register is read as it is.
  std::vector<Unit> changed;
  std::int64_t synthetic_business = -1;
  for (std::int64_t id : chosen) {
    Unit unit = *reg.FindUnit(id);
    std::vector<OccupancyInterval> kept;
    for (OccupancyInterval interval : unit.occupancy) {
      if (interval.from >= scenario.date) continue;
      if (!interval.to || *interval.to > scenario.date) interval.to = scenario.date;
      kept.push_back(interval);
    }
    OccupancyInterval next{.from = scenario.date};
    if (scenario.target == Function::kHousing) {
      next.kind = OccupancyKind::kHousing;
    } else {
      next.kind = OccupancyKind::kInUse;
      next.business_id = synthetic_business;
    }
    kept.push_back(next);
    unit.occupancy = std::move(kept);
    changed.push_back(std::move(unit));
  }
  std::vector<Unit> after;
  after.reserve(reg.units.size());
  auto next_changed = changed.begin();
  for (const Unit& unit : reg.units) {
    if (next_changed != changed.end() && next_changed->id == unit.id) {
      after.push_back(*next_changed++);
    } else {
      after.push_back(unit);
    }
  }

  ScenarioResult result;
  result.units.assign(chosen.begin(), chosen.end());
  result.zones.push_back({"", VacancyOn(reg.units, scenario.date), VacancyOn(after, scenario.date)});
  for (const Zone& zone : reg.zones) {
    VacancyFilter filter{.zone = zone.code};
    result.zones.push_back({zone.code, VacancyOn(reg.units, scenario.date, filter), VacancyOn(after, scenario.date, filter)});
  }
  return result;
}

}  // namespace stadshart::property
