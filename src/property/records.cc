#include "property/records.h"

#include <algorithm>
#include <cmath>

#include "common/text.h"

namespace stadshart::property {
namespace {

constexpr FunctionInfo kFunctions[] = {
    {Function::kDaily, "dagelijks", 11, "Dagelijks", true},
    {Function::kFashion, "mode_luxe", 22, "Mode & Luxe", true},
    {Function::kLeisure, "vrije_tijd", 35, "Vrije Tijd", true},
    {Function::kHome, "in_om_huis", 37, "In/Om Huis", true},
    {Function::kOtherRetail, "detailhandel_overig", 38, "Detailhandel Overig", true},
    {Function::kCulture, "cultuur", 58, "Cultuur & Ontspanning", false},
    {Function::kHoreca, "horeca", 59, "Horeca", false},
    {Function::kServices, "diensten", 65, "Diensten", false},
    {Function::kHousing, "wonen", 0, "Wonen", false},
};

constexpr Association kAssociations[] = {
    {"mkb_retail", "MKB Retail"},
    {"gilde_bart", "Gilde Bart"},
    {"khn_assen", "Koninklijke Horeca Nederland afd. Assen"},
    {"cultureel_hart", "Cultureel Hart Assen"},
    {"vvac", "VVAC"},
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<FieldError> Digits(std::string_view value, size_t length, const char* field, const char* what) {
  if (value.size() == length && AllDigits(value)) return std::nullopt;
  return FieldError{field, std::string(what) + " bestaat uit precies " + std::to_string(length) + " cijfers."};
}

}  // namespace

std::span<const FunctionInfo> Functions() { return kFunctions; }

const FunctionInfo& InfoOf(Function function) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.function == function) return info;
  }
  return kFunctions[0];
}

std::optional<Function> ParseFunction(std::string_view code) {
  long long group = -1;
  bool numeric = text::ParseInt(code, group);
  for (const FunctionInfo& info : kFunctions) {
    if (info.code == code || (numeric && group > 0 && info.locatus_group == group)) return info.function;
  }
  return std::nullopt;
}

std::span<const Association> Associations() { return kAssociations; }

bool Zone::Intends(Function function) const {
  return std::find(intended.begin(), intended.end(), function) != intended.end();
}

std::optional<FieldError> CheckBagId(std::string_view bag_id) {
  if (bag_id.size() != 16 || !AllDigits(bag_id)) {
    return FieldError{"bag_id", "Een BAG-verblijfsobject-id bestaat uit precies 16 cijfers (bijv. 0106010000012345)."};
  }
  if (bag_id.substr(4, 2) != "01") {
    return FieldError{"bag_id",
                      "Dit is geen verblijfsobject-id: het 5e en 6e cijfer (objecttype) zijn bij een verblijfsobject 01."};
  }
  return std::nullopt;
}

std::optional<FieldError> CheckKvk(std::string_view kvk) { return Digits(kvk, 8, "kvk", "Een KvK-nummer"); }

std::optional<FieldError> CheckVestiging(std::string_view vestiging) {
  return Digits(vestiging, 12, "vestiging", "Een vestigingsnummer");
}

std::optional<FieldError> CheckSbi(std::string_view sbi) {
  if (sbi.empty() || (sbi.size() >= 2 && sbi.size() <= 5 && AllDigits(sbi))) return std::nullopt;
  return FieldError{"sbi", "Een SBI-code bestaat uit 2 tot 5 cijfers (bijv. 4771)."};
}

std::string NormalisePostcode(std::string_view postcode) {
  std::string compact;
  for (char c : postcode) {
    if (c == ' ') continue;
    compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (compact.size() == 6) return compact.substr(0, 4) + " " + compact.substr(4);
  return compact;
}

std::optional<FieldError> CheckPostcode(std::string_view postcode) {
  if (postcode.empty()) return std::nullopt;
  std::string p = NormalisePostcode(postcode);
  bool ok = p.size() == 7 && p[0] >= '1' && p[0] <= '9' && AllDigits(std::string_view(p).substr(0, 4)) &&
            p[4] == ' ' && std::isupper(static_cast<unsigned char>(p[5])) &&
            std::isupper(static_cast<unsigned char>(p[6]));
  if (ok) return std::nullopt;
  return FieldError{"postcode", "Een postcode heeft vier cijfers en twee letters, bijv. 9401 AB."};
}

std::vector<FieldError> CheckUnit(const Unit& unit, std::span<const Zone> zones) {
  std::vector<FieldError> errors;
  if (text::Trim(unit.street).empty()) errors.push_back({"street", "Vul de straat in."});
  if (unit.street.size() > 200) errors.push_back({"street", "De straatnaam is langer dan 200 tekens."});
  if (unit.number <= 0 || unit.number > 99999) errors.push_back({"number", "Het huisnummer is een getal vanaf 1."});
  if (unit.letter.size() > 1 || (unit.letter.size() == 1 && !std::isalpha(static_cast<unsigned char>(unit.letter[0])))) {
    errors.push_back({"letter", "Een huisletter is één letter."});
  }
  if (unit.addition.size() > 4) errors.push_back({"addition", "Een toevoeging heeft hoogstens 4 tekens."});
  if (auto e = CheckPostcode(unit.postcode)) errors.push_back(*e);
  if (auto e = CheckBagId(unit.bag_id)) errors.push_back(*e);
  if (unit.floor_area_m2 < 0 || unit.floor_area_m2 > 1'000'000) {
    errors.push_back({"floor_area_m2", "Het winkelvloeroppervlak is een aantal m² vanaf 0."});
  }
  if (unit.lat.has_value() != unit.lon.has_value()) {
    errors.push_back({"lat", "Geef beide coördinaten (breedte en lengte) of geen van beide."});
  } else if (unit.lat && (!std::isfinite(*unit.lat) || !std::isfinite(*unit.lon) || *unit.lat < -90 || *unit.lat > 90 ||
                          *unit.lon < -180 || *unit.lon > 180)) {
    errors.push_back({"lat", "De coördinaten zijn geen WGS84-breedte en -lengte."});
  }
  bool known_zone = std::any_of(zones.begin(), zones.end(), [&](const Zone& z) { return z.code == unit.zone; });
  if (!known_zone) errors.push_back({"zone", "Onbekende zone '" + unit.zone + "'."});
  if (unit.owner.size() > 200) errors.push_back({"owner", "De eigenaar is langer dan 200 tekens."});
  return errors;
}

std::vector<FieldError> CheckBusiness(const Business& business) {
  std::vector<FieldError> errors;
  if (text::Trim(business.name).empty()) errors.push_back({"name", "Vul de naam van het bedrijf in."});
  if (business.name.size() > 200) errors.push_back({"name", "De naam is langer dan 200 tekens."});
  if (auto e = CheckKvk(business.kvk)) errors.push_back(*e);
  if (auto e = CheckVestiging(business.vestiging)) errors.push_back(*e);
  if (auto e = CheckSbi(business.sbi)) errors.push_back(*e);
  if (business.function == Function::kHousing) {
    errors.push_back({"function", "Een bedrijf heeft een branchegroep, geen woonfunctie."});
  }
  if (business.jobs < 0 || business.jobs > 100000) {
    errors.push_back({"jobs", "Het aantal werkzame personen is een getal vanaf 0."});
  }
  for (const std::string& code : business.memberships) {
    bool known = std::any_of(std::begin(kAssociations), std::end(kAssociations),
                             [&](const Association& a) { return a.code == code; });
    if (!known) errors.push_back({"memberships", "Onbekende vereniging '" + code + "'."});
  }
  if (!business.website.empty() && business.website.rfind("https://", 0) != 0 &&
      business.website.rfind("http://", 0) != 0) {
    errors.push_back({"website", "Een website begint met https:// of http://."});
  }
  return errors;
}

}  // namespace stadshart::property
