// The register's other records: functions (Locatus' outlet groups, plus housing), zones with the functions
// intended for them, businesses; and the checks on the identifiers they carry (BAG, KvK). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "property/occupancy.h"

namespace stadshart::property {

// What a unit is used for. The outlet groups are Locatus' (GROEP); kHousing is not an outlet group but is what
// zone policy talks about when units "verkleuren" to dwellings.
enum class Function {
  kDaily,          // 11 Dagelijks
  kFashion,        // 22 Mode & Luxe
  kLeisure,        // 35 Vrije Tijd
  kHome,           // 37 In/Om Huis
  kOtherRetail,    // 38 Detailhandel Overig
  kCulture,        // 58 Cultuur & Ontspanning
  kHoreca,         // 59 Horeca
  kServices,       // 65 Diensten
  kHousing,        // wonen
};

struct FunctionInfo {
  Function function;
  std::string_view code;   // "dagelijks", ... (API, CSV)
  int locatus_group;       // 11, 22, ...; 0 for housing
  std::string_view label;  // Dutch, e.g. "Mode & Luxe"
  bool retail;
};
std::span<const FunctionInfo> Functions();
const FunctionInfo& InfoOf(Function function);
std::optional<Function> ParseFunction(std::string_view code);  // by code or by Locatus group number ("22")

// The five founding associations of Stichting Vaart in Assen, as membership codes.
struct Association {
  std::string_view code;  // "mkb_retail", ...
  std::string_view name;  // "MKB Retail"
};
std::span<const Association> Associations();

struct Zone {
  std::string code;  // "kernwinkelgebied", "aanloopstraten", "horecagebied", "overig"
  std::string name;  // Dutch
  std::vector<Function> intended;
  std::int64_t version = 1;

  bool Intends(Function function) const;
};

inline constexpr std::string_view kCoreZone = "kernwinkelgebied";

struct Business {
  std::int64_t id = 0;
  std::string name;
  std::string kvk;           // 8 digits
  std::string vestiging;     // vestigingsnummer, 12 digits
  std::string sbi;           // SBI code, 2 to 5 digits
  Function function = Function::kOtherRetail;  // outlet group (never kHousing)
  int jobs = 0;              // persons working 12+ hours a week (LISA)
  std::vector<std::string> memberships;  // association codes
  std::string website;
  std::int64_t version = 1;
};

// Identifier checks. Messages are Dutch and name the field.
std::optional<FieldError> CheckBagId(std::string_view bag_id);          // 16 digits, object type 01
std::optional<FieldError> CheckKvk(std::string_view kvk);               // 8 digits
std::optional<FieldError> CheckVestiging(std::string_view vestiging);   // 12 digits
std::optional<FieldError> CheckSbi(std::string_view sbi);               // 2 to 5 digits
std::optional<FieldError> CheckPostcode(std::string_view postcode);     // "9401 AB" (the space optional)

// Every field of a unit (not its history): street, number, BAG id, floor area, coordinates, zone among `zones`.
std::vector<FieldError> CheckUnit(const Unit& unit, std::span<const Zone> zones);
// Every field of a business.
std::vector<FieldError> CheckBusiness(const Business& business);
// "9401AB" and "9401 ab" become "9401 AB".
std::string NormalisePostcode(std::string_view postcode);

}  // namespace stadshart::property
