// The register's HTTP surface: pages under /panden, /bedrijven, /leegstand (dashboard, map, street plan),
// /scenarios; the JSON API under /api/v1 (units, businesses, vacancy, scenarios). Handlers are thin: read the
// snapshot or call the repository, render.
#pragma once

#include <string>

#include "common/time.h"
#include "http/router.h"
#include "property/property_repository.h"

namespace stadshart::property {

struct MapSettings {
  // Leaflet tile layer URL template, e.g. PDOK's BRT background map
  // "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png". Empty (the
  // default): no background tiles, only the units (nothing is fetched from elsewhere).
  std::string tile_url;
  std::string attribution;
};

// The repository and clock must outlive the router.
void AddRegisterApiRoutes(http::Router& router, PropertyRepository& repository, const Clock& clock);
void AddRegisterPageRoutes(http::Router& router, PropertyRepository& repository, const Clock& clock,
                           const MapSettings& map);

}  // namespace stadshart::property
