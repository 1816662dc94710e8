// The canonical text of a Schedule: English abbreviations, two-digit hours and days, one space between selectors,
// "; ", ", " and " || " between rules. Parsing the result gives the same Schedule (a round trip the tests check).
#pragma once

#include <string>

#include "hours/schedule.h"

namespace stadshart::hours {

std::string Prettify(const Schedule& schedule);

}  // namespace stadshart::hours
