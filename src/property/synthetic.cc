#include "property/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace stadshart::property {
namespace {

using std::chrono::days;

constexpr const char* kStreets[] = {
    "Kerkstraat", "Hoofdstraat", "Marktstraat", "Molenstraat", "Stationsstraat", "Dorpsstraat", "Nieuwstraat",
    "Kruisstraat", "Oudestraat", "Brink", "Markt", "Torenstraat", "Schoolstraat", "Wilhelminastraat",
    "Julianastraat", "Beatrixstraat", "Prins Hendrikstraat", "Raadhuisstraat", "Langestraat", "Korte Kerkstraat",
    "Burgstraat", "Havenstraat", "Poststraat", "Gasthuisstraat", "Noordersingel", "Zuidersingel", "Oosterstraat",
    "Westerstraat", "Steenstraat", "Koestraat", "Vismarkt", "Botermarkt", "Grote Markt", "Kleine Markt",
    "Lange Nieuwstraat", "Oranjestraat", "Kanaalstraat", "Singel", "Veemarkt", "Wal",
};
constexpr int kStreetCount = static_cast<int>(std::size(kStreets));
constexpr int kUnitsPerStreet = 25;

constexpr const char* kManagers[] = {"Stichting Tijdelijk Beheer (fictief)", "Leegstandbeheer Noord (fictief)",
                                     "Ad Hoc Beheer (fictief)", "Gemeente (fictief)"};

struct ZoneShare {
  const char* code;
  const char* name;
  double share;
};
constexpr ZoneShare kZones[] = {
    {"kernwinkelgebied", "Kernwinkelgebied", 0.30},
    {"aanloopstraten", "Aanloopstraten", 0.35},
    {"horecagebied", "Horecaconcentratiegebied", 0.10},
    {"overig", "Overig centrum", 0.25},
};

struct FunctionShare {
  Function function;
  const char* sbi;
  const char* noun;
  double share;
};
constexpr FunctionShare kBusinessFunctions[] = {
    {Function::kDaily, "4711", "Supermarkt", 0.12},      {Function::kFashion, "4771", "Modezaak", 0.22},
    {Function::kLeisure, "4761", "Boekhandel", 0.08},    {Function::kHome, "4759", "Woonwinkel", 0.08},
    {Function::kOtherRetail, "4778", "Winkel", 0.10},    {Function::kCulture, "9004", "Theater", 0.04},
    {Function::kHoreca, "5610", "Eetcafé", 0.20},        {Function::kServices, "9602", "Kapsalon", 0.16},
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : random_(seed) {}

  double Uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }
  template <typename T, size_t N>
  const T& Weighted(const T (&items)[N]) {
    double x = Uniform();
    for (const T& item : items) {
      if ((x -= item.share) < 0) return item;
    }
    return items[N - 1];
  }

 private:
  std::mt19937_64 random_;
};

// How long an interval of each kind lasts, in days.
int Length(Generator& g, OccupancyKind kind) {
  switch (kind) {
    case OccupancyKind::kInUse: return g.Between(2 * 365, 8 * 365);
    case OccupancyKind::kVacant: return g.Uniform() < 0.65 ? g.Between(60, 365) : g.Between(365, 3 * 365);
    case OccupancyKind::kVacantLet: return g.Between(30, 180);
    case OccupancyKind::kTemporary: return g.Between(90, 540);
    case OccupancyKind::kTransformation: return g.Between(180, 540);
    case OccupancyKind::kHousing: return 0;  // open: housing stays
  }
  return 365;
}

OccupancyKind Next(Generator& g, OccupancyKind previous) {
  double x = g.Uniform();
  switch (previous) {
    case OccupancyKind::kInUse:
      return x < 0.72 ? OccupancyKind::kVacant : x < 0.94 ? OccupancyKind::kVacantLet : OccupancyKind::kTransformation;
    case OccupancyKind::kVacant:
      return x < 0.6 ? OccupancyKind::kInUse : x < 0.8 ? OccupancyKind::kVacantLet
                                           : x < 0.97 ? OccupancyKind::kTemporary
                                                      : OccupancyKind::kTransformation;
    case OccupancyKind::kVacantLet: return OccupancyKind::kInUse;
    case OccupancyKind::kTemporary: return x < 0.5 ? OccupancyKind::kVacant : OccupancyKind::kInUse;
    case OccupancyKind::kTransformation: return OccupancyKind::kHousing;
    case OccupancyKind::kHousing: return OccupancyKind::kHousing;
  }
  return OccupancyKind::kInUse;
}

Business MakeBusiness(Generator& g, std::int64_t id) {
  const FunctionShare& f = g.Weighted(kBusinessFunctions);
  Business b;
  b.id = id;
  b.name = std::string(f.noun) + " " + std::to_string(id) + " (fictief)";
  char number[24];
  std::snprintf(number, sizeof number, "%08lld", static_cast<long long>(10'000'000 + id % 89'999'999));
  b.kvk = number;
  std::snprintf(number, sizeof number, "%012lld", static_cast<long long>(id % 1'000'000'000'000));
  b.vestiging = number;
  b.sbi = f.sbi;
  b.function = f.function;
  b.jobs = g.Between(1, 20);
  if (g.Uniform() < 0.3) b.memberships.push_back(f.function == Function::kHoreca ? "khn_assen" : "mkb_retail");
  if (g.Uniform() < 0.2) b.website = "https://winkel-" + std::to_string(id) + ".example";
  return b;
}

}  // namespace

Register SyntheticRegister(const SyntheticOptions& options) {
  Generator g(options.seed);
  Register reg;
  for (const ZoneShare& z : kZones) reg.zones.push_back({z.code, z.name, {}, 1});

  const std::int64_t business_count =
      std::max<std::int64_t>(options.units > 0 ? 1 : 0, std::llround(0.8 * options.units));
  reg.businesses.reserve(static_cast<size_t>(business_count));
  for (std::int64_t id = 1; id <= business_count; ++id) reg.businesses.push_back(MakeBusiness(g, id));
  std::int64_t next_business = 0;

  const Day end = Day{std::chrono::year_month_day{options.start} + std::chrono::years{options.years}};
  reg.units.reserve(static_cast<size_t>(options.units));
  for (int i = 0; i < options.units; ++i) {
    Unit u;
    u.id = i + 1;
    int street = i / kUnitsPerStreet;
    int town = street / kStreetCount;
    u.street = kStreets[street % kStreetCount];
    u.number = (i % kUnitsPerStreet) * 2 + 1;
    if (g.Uniform() < 0.05) u.letter = "a";
    char text[24];
    std::snprintf(text, sizeof text, "%04d %c%c", 1000 + town % 9000, 'A' + street % 26, 'A' + (i / 7) % 26);
    u.postcode = text;
    std::snprintf(text, sizeof text, "%04d01%010d", 1 + town % 999, i + 1);
    u.bag_id = text;
    u.zone = g.Weighted(kZones).code;
    u.floor = g.Uniform() < 0.15 ? Floor::kUpper : Floor::kGround;
    u.floor_area_m2 = u.floor == Floor::kGround ? g.Between(40, 400) : g.Between(30, 150);
    u.outlet = g.Uniform() >= 0.01;
    if (g.Uniform() < 0.9) {
      u.lat = std::round((50.8 + 2.6 * g.Uniform()) * 1e6) / 1e6;
      u.lon = std::round((3.5 + 3.6 * g.Uniform()) * 1e6) / 1e6;
    }
    if (g.Uniform() < 0.7) u.owner = "Vastgoed " + std::to_string(1 + i % 5000) + " BV (fictief)";

    // The first interval is already under way at `start` (a history in its steady state, not one that starts
    // with every unit let at once).
    double x = g.Uniform();
    OccupancyKind kind = x < 0.80 ? OccupancyKind::kInUse : x < 0.95 ? OccupancyKind::kVacant
                                                          : OccupancyKind::kTemporary;
    int first_length = Length(g, kind);
    Day from = options.start - days{g.Between(0, first_length - 1)};
    bool first = true;
    while (true) {
      OccupancyInterval interval;
      interval.from = from;
      interval.kind = kind;
      int length = first ? first_length : Length(g, kind);
      first = false;
      if (kind != OccupancyKind::kHousing && from + days{length} < end) interval.to = from + days{length};
      if (kind == OccupancyKind::kInUse) {
        interval.business_id = reg.businesses[static_cast<size_t>(next_business++ % business_count)].id;
      } else if (kind == OccupancyKind::kTemporary) {
        interval.temporary_user = "Pop-up " + std::to_string(i + 1) + " (fictief)";
        interval.temporary_manager = kManagers[i % std::size(kManagers)];
        interval.temporary_end = interval.to.value_or(from + days{365});
      }
      u.occupancy.push_back(std::move(interval));
      if (!u.occupancy.back().to) break;
      from = *u.occupancy.back().to;
      kind = Next(g, kind);
    }
    reg.units.push_back(std::move(u));
  }
  return reg;
}

}  // namespace stadshart::property
