// Demo opening hours for the Assen demo register (fictitious, like its businesses): plausible and varied by
// outlet group and zone — shops Mo-Sa around 9:30-18:00, some with a koopavond (Th or Fr till 21:00), some with
// the koopzondag (first Sunday of the month 12:00-17:00), horeca late, culture closed on Mondays, services on
// weekdays, most shops closed on public holidays. Deterministic: the same business gives the same hours. Pure.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "property/register.h"
#include "shophours/shophours_repository.h"

namespace stadshart::shophours {

// `zone` is the code of the zone of the business's unit ("kernwinkelgebied", ...; may be empty).
std::string DemoOpeningHours(const property::Business& business, std::string_view zone);

// Stores DemoOpeningHours for every business of `reg` that has no hours yet (zone: of the unit it uses on `today`,
// else of the last unit it used), plus a demo exception (Kerstavond closing early) for one in ten retail shops.
// Returns how many businesses got hours.
Result<int> SeedDemoHours(ShopHoursRepository& repo, const property::Register& reg, property::Day today);

}  // namespace stadshart::shophours
