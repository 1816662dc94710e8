// The centre's active businesses with their opening hours, as the pages and the API evaluate them: each business
// that uses a unit on the day (with that unit's street and zone), its stored hours and their evaluator. Pure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hours/evaluate.h"
#include "property/register.h"
#include "shophours/shop_hours.h"
#include "shophours/week_view.h"

namespace stadshart::shophours {

struct Shop {
  const property::Business* business = nullptr;
  const property::Unit* unit = nullptr;  // the ground-floor unit it uses that day (else any), for street and zone
  BusinessHours hours;                   // version 0: none stored
  // Absent without hours (or when they no longer parse). Shared: shops with the same hours and calendar share one
  // compiled evaluator, kept between requests (see ActiveShops).
  std::shared_ptr<const hours::Evaluator> evaluator;

  std::string Street() const { return unit ? unit->street : ""; }
  std::string Zone() const { return unit ? unit->zone : ""; }
  bool Retail() const;
};

// Businesses in use of a unit on `day`, by name. `hours` in any order. Each business's hours are evaluated with the
// calendar's context. Compiling an evaluator costs 5-8 µs and most of a page's time when done for every shop on
// every request, so compiled evaluators are kept in a bounded process-wide cache keyed by expression and calendar
// (thread-safe; a changed calendar or expression is a new key).
std::vector<Shop> ActiveShops(const property::Register& reg, const std::vector<BusinessHours>& hours,
                              const Calendar& calendar, Day day);

// The state of each shop at an instant and its next change (looking 8 days ahead), in the order of `shops`. A
// shop without hours is unknown, without a next change.
struct OpenNowRow {
  const Shop* shop = nullptr;
  hours::State state{hours::RuleState::kUnknown, std::nullopt};
  std::optional<Instant> next;
  std::string next_text;  // "sluit om 18:00"; "openingstijden onbekend" without hours
};
std::vector<OpenNowRow> OpenAt(const std::vector<Shop>& shops, Instant at);

// The selection of the analysis: a zone code (empty: all), an outlet group code (empty: all retail groups;
// "alle": every group) and whether only shops with hours count.
struct Selection {
  std::string zone;
  std::string group;
};
bool Selected(const Shop& shop, const Selection& selection);

}  // namespace stadshart::shophours
