// The Assen demo register: the real streets of the centre (product.md, "Assen facts"), fictitious businesses
// and owners, and an occupancy history from 2015 to a given day that a binnenstadmanager would recognise —
// vacancy climbing to about one unit in five around 2018 (21.9% on 1 January 2018, the plan's figure), retail
// leaving the approach streets, vacant approach-street units transformed to housing and temporary use after
// 2019, dwellings added above shops. Deterministic: the same day gives the same register. Pure.
#pragma once

#include <vector>

#include "property/occupancy.h"
#include "property/records.h"

namespace stadshart::property {

struct DemoRegister {
  // Ids are positions + 1 in these vectors, as they get them in an empty database; occupancy refers to
  // businesses by those ids.
  std::vector<Business> businesses;
  std::vector<Unit> units;
};

// `today`: the end of the simulated history (the demo is seeded "as of" that day).
DemoRegister AssenDemoRegister(Day today);

}  // namespace stadshart::property
