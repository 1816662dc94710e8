// A synthetic register of national size, for benchmarks and load tests (`stadshart seed --synthetic`). Pure and
// deterministic: the same options give the same register. Everything in it is fictitious and marked so.
//
// Shape (docs/performance.md): units spread over the four standard zones, about 4 occupancy intervals per unit
// over the period (histories start up to three years before `start` and run to the present: the last interval
// is open), vacancy of roughly 10-20% on any day, businesses about 0.8 per unit, about 90% of units with WGS84
// coordinates inside the Netherlands.
#pragma once

#include <cstdint>

#include "property/register.h"

namespace stadshart::property {

struct SyntheticOptions {
  int units = 250'000;
  std::uint64_t seed = 2019;
  Day start = std::chrono::sys_days{std::chrono::year{2015} / std::chrono::January / 1};
  int years = 10;
};

// Units with ids 1..units and valid histories (CheckHistory), businesses with ids 1..round(0.8 * units), the four
// standard zones. Every field passes CheckUnit / CheckBusiness.
Register SyntheticRegister(const SyntheticOptions& options);

}  // namespace stadshart::property
