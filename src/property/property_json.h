// The register's JSON contract (issue #5, "API"): units with their occupancy, businesses, zones, vacancy figures
// and scenarios. Field names are a contract; reading refuses unknown fields so that a typo does not pass silently.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "common/result.h"
#include "property/register.h"

namespace stadshart::property {

// `with_owner`: the owner may be personal data (a private landlord); only staff and the owner see it.
nlohmann::json UnitToJson(const Unit& unit, bool with_owner);
nlohmann::json BusinessToJson(const Business& business);
nlohmann::json ZoneToJson(const Zone& zone);
nlohmann::json FiguresToJson(const VacancyFigures& figures);
nlohmann::json ScenarioToJson(const Scenario& scenario, const ScenarioResult& result);

// The fields present in `body` applied on `base` (a PATCH), or a new record (POST with base = {}). Occupancy is
// not read here: it changes through /occupancy.
Result<Unit> UnitFromJson(const nlohmann::json& body, Unit base);
Result<Business> BusinessFromJson(const nlohmann::json& body, Business base);
// {"intended": ["dagelijks", "horeca", ...]}
Result<std::vector<Function>> FunctionsFromJson(const nlohmann::json& body);
// {"name", "date", "target", "unit_ids": [...], "vacant_retail_outside_core": bool, "save": bool}
Result<Scenario> ScenarioFromJson(const nlohmann::json& body);

}  // namespace stadshart::property
