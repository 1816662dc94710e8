// The register as files: CSV of units, businesses and occupancy (for Dutch Excel, and to import back), and
// GeoJSON of units for the map. Pure: text in, values out. Columns and rules: docs/register.md.
//
// Export and import are each other's inverse: parsing the export of a register gives the batch that re-creates
// it (ToImportBatch), so importing an export changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "property/property_repository.h"
#include "property/register.h"

namespace stadshart::property {

// CSV for Dutch Excel (csv::Writer: BOM, ';', CRLF; comma decimals for coordinates, ISO days), one row per
// unit / business in id order. Headers are the API's field names (docs/register.md).
std::string UnitsCsv(const Register& reg);
std::string BusinessesCsv(const Register& reg);
// One row per interval, units in id order and each history in order; the unit by BAG id, the business of an
// in_use interval by vestigingsnummer.
std::string OccupancyCsv(const Register& reg);

// A GeoJSON FeatureCollection of the units that have coordinates, each a Point [lon, lat] with properties
// {id, address, street, zone, floor, state (Dutch label of the state on `day`, "onbekend" without one),
// kind (its code, or "none"), business (name or null), url ("/panden/{id}")}.
std::string UnitsGeoJson(const Register& reg, Day day);

// Parse a CSV of one kind into an import batch (only that kind's rows filled, each with its line number).
// Accepts UTF-8 with or without BOM, ';' or ',' (detected from the header), quoted fields, CRLF or LF, comma
// or point decimals, days as "2019-03-01" or Dutch Excel's "1-3-2019". Header names are matched without regard
// to case; a missing required column or an unknown column refuses the file. Every row is checked (records.h,
// except the zone, which the repository checks against its zones) and every problem of every row is reported,
// as kInvalid with one FieldError per problem: field = the column, message = "Regel N: ...".
Result<ImportBatch> ParseUnitsCsv(std::string_view text);
Result<ImportBatch> ParseBusinessesCsv(std::string_view text);
Result<ImportBatch> ParseOccupancyCsv(std::string_view text);

// The batch that re-creates `reg` (what parsing its three exports gives; line numbers are 0).
ImportBatch ToImportBatch(const Register& reg);

// "1-3-2019", "01-03-2019", "1/3/2019" or "2019-03-01"; nullopt for anything else.
std::optional<Day> ParseCsvDay(std::string_view text);

}  // namespace stadshart::property
