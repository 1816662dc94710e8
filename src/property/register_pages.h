// Internal to the register's HTML pages (property_pages.cc: units and businesses; property_forms.cc: the edit and
// occupancy forms; vacancy_pages.cc: dashboard, map and street plan; scenario_pages.cc: "wat als"). The search,
// paging and street-plan helpers are pure and tested in register_pages_test.cc; the rest builds view models for
// the templates/register_*.mustache templates.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.h"
#include "common/time.h"
#include "http/message.h"
#include "http/router.h"
#include "property/property_repository.h"
#include "property/property_routes.h"
#include "property/register.h"

namespace stadshart::property::pages {

// --- Pure helpers -----------------------------------------------------------------------------------------------

// Street, number, letter, addition: the order of a street plan and of every list of units.
bool AddressLess(const Unit& a, const Unit& b);

struct UnitQuery {
  std::string text;    // part of the address or postcode, case-insensitive; empty: any
  std::string street;  // exact; empty: any
  std::string zone;    // zone code; empty: any
  std::string state;   // KindCode of the state on `day`, or "none" (no state then); empty: any
  Day day;
};
// The units matching every part of the query, in address order.
std::vector<const Unit*> SearchUnits(const Register& reg, const UnitQuery& query);

// Businesses whose name, KvK number or vestigingsnummer contains `text` (case-insensitive), with the function
// when given; by name.
std::vector<const Business*> SearchBusinesses(const Register& reg, std::string_view text,
                                              std::optional<Function> function);

struct Slice {
  int page = 1;    // 1-based, clamped into [1, pages]
  int pages = 1;   // at least 1
  size_t begin = 0, end = 0;  // [begin, end) of the whole list
};
Slice Paginate(size_t total, long long page, int per_page);

struct StreetRow {
  std::string street;
  std::vector<const Unit*> units;  // address order
};
// Per street (alphabetical) its units in address order; with `without_coordinates`, only units lacking them
// (the ones the map cannot show). Streets without any unit left are omitted.
std::vector<StreetRow> StreetPlan(const Register& reg, const std::string& zone, bool without_coordinates);

// Every street of the register, sorted, once.
std::vector<std::string> Streets(const Register& reg);

// "2019-03" -> 1 March 2019; nullopt otherwise.
std::optional<Day> ParseMonth(std::string_view text);
// "2019-03"
std::string FormatMonth(Day day);
// "mrt 2019"
std::string DutchMonth(Day day);

// --- View helpers (property_pages.cc) ---------------------------------------------------------------------------

std::string UnitUrl(std::int64_t id);
std::string BusinessUrl(std::int64_t id);

// The state code on `day` for CSS and filters: KindCode, or "none".
std::string StateCode(const OccupancyInterval* state);
// Dutch: KindLabel, or "geen gegevens".
std::string StateLabel(const OccupancyInterval* state);

// One unit as a list row / street-plan block: id, url, address, zone (name), floor, area, state code and label,
// business {name, url} or false.
nlohmann::json UnitRow(const Register& reg, const Unit& unit, Day day);

// <option>s of the zones, with `selected` marked.
nlohmann::json ZoneOptions(const Register& reg, std::string_view selected);
nlohmann::json StreetOptions(const Register& reg, std::string_view selected);
nlohmann::json StateOptions(std::string_view selected);
// The zone's Dutch name, or the code when it is unknown.
std::string ZoneName(const Register& reg, std::string_view code);

// "Geschiedenis": the audit entries of a unit or business, field by field.
nlohmann::json ChangesView(const Register& reg, const std::vector<audit::Entry>& entries);

// The `datum` query parameter, or today in Amsterdam; `error` gets a Dutch message when it was there but wrong.
Day DateParam(const http::Request& request, const Clock& clock, std::string& error);
std::optional<std::int64_t> IdParam(const http::Request& request);

http::Response NotFound(const http::Request& request, const std::string& what);
http::Response CsrfRefused(const http::Request& request);
// 403 from the per-object rule (MayChange): the role may, but not for this record.
http::Response NotYours(const http::Request& request, const std::string& what);

// --- Routes, per file -------------------------------------------------------------------------------------------

void AddUnitAndBusinessPages(http::Router& router, PropertyRepository& repo, const Clock& clock);
void AddRegisterForms(http::Router& router, PropertyRepository& repo, const Clock& clock);
void AddVacancyPages(http::Router& router, PropertyRepository& repo, const Clock& clock, const MapSettings& map);
void AddScenarioPages(http::Router& router, PropertyRepository& repo, const Clock& clock);

}  // namespace stadshart::property::pages
