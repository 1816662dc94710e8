// The opening hours' HTTP surface. Pages: /nu-open (public: what is open now or at a chosen time, by group and
// street), /bedrijven/{id}/openingstijden (the week and exceptions of a business; its ondernemer or a beheerder
// edits them there), /openingstijden/analyse and /openingstijden/super-zondag (hours.analysis: heatmap, core
// window, coverage, Super Sunday, footfall beside it), /openingstijden/instellingen (hours.manage: public-holiday
// choices, school holidays, footfall import). API under /api/v1: hours/check, open-now, businesses/{id}/hours,
// hours/heatmap. Handlers are thin: read, call the pure core (shop_hours.h, shops.h, heatmap.h), render.
#pragma once

#include <memory>

#include "common/time.h"
#include "http/router.h"
#include "property/property_repository.h"
#include "shophours/shophours_repository.h"

namespace stadshart::shophours {

// The router's handlers share `hours` (so it lives as long as the router); `reg` and `clock` must outlive the
// router.
void AddShopHoursRoutes(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                        property::PropertyRepository& reg, const Clock& clock);

// Internal to the route files.
void AddShopHoursApiRoutes(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                           property::PropertyRepository& reg, const Clock& clock);
void AddBusinessHoursPages(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                           property::PropertyRepository& reg, const Clock& clock);
void AddOpenNowPages(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                     property::PropertyRepository& reg, const Clock& clock);
void AddAnalysisPages(http::Router& router, std::shared_ptr<ShopHoursRepository> hours,
                      property::PropertyRepository& reg, const Clock& clock);
void AddSettingsPages(http::Router& router, std::shared_ptr<ShopHoursRepository> hours);

}  // namespace stadshart::shophours
