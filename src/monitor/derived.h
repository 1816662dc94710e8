// KPI figures that follow live from the register (issue #5): vacancy by count and by floor area (in %), the
// number of businesses in use of a unit and their jobs. Pure: the register snapshot in, values out.
#pragma once

#include <vector>

#include "monitor/kpi.h"
#include "property/register.h"

namespace stadshart::monitor {

// The value on `day`; nullopt for Derived::kNone.
std::optional<double> DerivedValue(const property::Register& reg, Derived derived, Day day);

// The value on the first day of every month from `from`'s month through `to`'s month (one sweep, not a
// DerivedValue per month).
std::vector<Measurement> DerivedSeries(const property::Register& reg, Derived derived, Day from, Day to);

// One point per year on 1 January (Locatus' reference date) from `from_year` while not after `to`.
std::vector<Measurement> YearlyDerived(const property::Register& reg, Derived derived, int from_year, Day to);

// How the figure is computed, for the KPI page (Dutch).
std::string_view DerivedMethod(Derived derived);

}  // namespace stadshart::monitor
