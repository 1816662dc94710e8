#include "property/demo_register.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include "property/vacancy.h"

namespace stadshart::property {
namespace {

using std::chrono::days;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// splitmix64: small, fast and the same on every platform (std:: distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  int Between(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) { return items[Next() % N]; }

 private:
  std::uint64_t state_;
};

enum class ZoneKind { kCore, kHoreca, kApproach, kOther };

struct Street {
  const char* name;
  const char* zone;
  ZoneKind kind;
  int ground;  // ground-floor units
  int upper;   // upper-floor units (above some of the ground-floor ones)
  double lat0, lon0, lat1, lon1;  // the street's course, roughly (WGS84)
  const char* postcode;           // "9401 A" + a letter per ten numbers
  bool coordinates = true;        // false: units without coordinates (the street plan shows them)
};

// The centre's streets (product.md) with their zone. Courses are approximate: demo data, not survey data.
constexpr Street kStreets[] = {
    {"Koopmansplein", "kernwinkelgebied", ZoneKind::kCore, 30, 5, 52.99318, 6.56148, 52.99365, 6.56262, "9401 C"},
    {"Kruisstraat", "kernwinkelgebied", ZoneKind::kCore, 56, 10, 52.99195, 6.56020, 52.99380, 6.56105, "9401 K"},
    {"Marktstraat", "kernwinkelgebied", ZoneKind::kCore, 24, 5, 52.99270, 6.56180, 52.99300, 6.56330, "9401 J"},
    {"Gedempte Singel", "kernwinkelgebied", ZoneKind::kCore, 38, 5, 52.99390, 6.55980, 52.99455, 6.56250, "9401 B"},
    {"Nieuwe Huizen", "kernwinkelgebied", ZoneKind::kCore, 28, 6, 52.99360, 6.56270, 52.99420, 6.56420, "9401 D"},
    {"Kleine Marktstraat", "kernwinkelgebied", ZoneKind::kCore, 12, 2, 52.99250, 6.56230, 52.99268, 6.56300, "9401 H"},
    {"Singelpassage", "kernwinkelgebied", ZoneKind::kCore, 16, 0, 52.99372, 6.56070, 52.99395, 6.56130, "9401 E"},
    {"'t Forum", "kernwinkelgebied", ZoneKind::kCore, 20, 0, 52.99160, 6.55930, 52.99190, 6.55990, "9401 G", false},
    {"Triade", "kernwinkelgebied", ZoneKind::kCore, 12, 0, 52.99430, 6.56180, 52.99445, 6.56215, "9401 N", false},
    {"Cité", "kernwinkelgebied", ZoneKind::kCore, 14, 0, 52.99300, 6.56060, 52.99320, 6.56110, "9401 L"},
    {"Markt", "horecagebied", ZoneKind::kHoreca, 18, 4, 52.99245, 6.56330, 52.99262, 6.56430, "9401 G"},
    {"Brink", "horecagebied", ZoneKind::kHoreca, 22, 5, 52.99215, 6.56420, 52.99268, 6.56560, "9401 H"},
    {"Weiersloop", "horecagebied", ZoneKind::kHoreca, 8, 0, 52.99170, 6.56300, 52.99195, 6.56360, "9401 R"},
    {"Oudestraat", "aanloopstraten", ZoneKind::kApproach, 44, 6, 52.99268, 6.56440, 52.99400, 6.56560, "9401 E"},
    {"Weiersstraat", "aanloopstraten", ZoneKind::kApproach, 20, 3, 52.99195, 6.56210, 52.99120, 6.56350, "9401 R"},
    {"Ceresstraat", "aanloopstraten", ZoneKind::kApproach, 25, 4, 52.99140, 6.55980, 52.99040, 6.56120, "9401 E"},
    {"Oude Molenstraat", "aanloopstraten", ZoneKind::kApproach, 30, 4, 52.99210, 6.56580, 52.99130, 6.56800, "9401 T"},
    {"Rolderstraat", "aanloopstraten", ZoneKind::kApproach, 25, 4, 52.99180, 6.56480, 52.99020, 6.56620, "9401 N"},
    {"Groningerstraat", "aanloopstraten", ZoneKind::kApproach, 32, 4, 52.99420, 6.56580, 52.99600, 6.56760, "9401 B"},
    {"Ceresplein", "overig", ZoneKind::kOther, 8, 2, 52.99050, 6.56000, 52.99065, 6.56050, "9401 E", false},
};

struct Weighted {
  Function function;
  int weight;
};

// What kind of business settles in a zone; after 2019 the approach streets get fewer shops and more services,
// horeca and culture ("verkleuring").
std::vector<Weighted> Mix(ZoneKind kind, int year) {
  using F = Function;
  switch (kind) {
    case ZoneKind::kCore:
      return {{F::kFashion, 34}, {F::kDaily, 10}, {F::kLeisure, 12}, {F::kHome, 9}, {F::kOtherRetail, 12},
              {F::kHoreca, 13}, {F::kServices, 9}, {F::kCulture, 1}};
    case ZoneKind::kHoreca:
      return {{F::kHoreca, 62}, {F::kCulture, 10}, {F::kServices, 10}, {F::kFashion, 8}, {F::kDaily, 10}};
    case ZoneKind::kApproach:
      if (year < 2019) {
        return {{F::kFashion, 14}, {F::kDaily, 12}, {F::kLeisure, 10}, {F::kHome, 10}, {F::kOtherRetail, 14},
                {F::kServices, 24}, {F::kHoreca, 12}, {F::kCulture, 4}};
      }
      return {{F::kDaily, 6}, {F::kOtherRetail, 6}, {F::kLeisure, 4}, {F::kServices, 46}, {F::kHoreca, 24},
              {F::kCulture, 14}};
    case ZoneKind::kOther:
      return {{F::kServices, 60}, {F::kCulture, 20}, {F::kHoreca, 10}, {F::kOtherRetail, 10}};
  }
  return {};
}

const char* const kFashion[] = {"Modehuis", "Boutique", "Schoenenhuis", "Herenmode", "Damesmode", "Juwelier",
                                "Tassen & Zo", "Jeans"};
const char* const kDaily[] = {"Bakkerij", "Slagerij", "Kaashandel", "Groente & Fruit", "Drogisterij", "Bloemenhuis",
                              "Notenbar", "Viswinkel"};
const char* const kLeisure[] = {"Boekhandel", "Speelgoed", "Sportzaak", "Muziekhuis", "Hobbyhuis", "Fietsenzaak",
                                "Fotozaak"};
const char* const kHome[] = {"Woonwinkel", "Kookwinkel", "Interieur", "Verfhuis", "Lampenhuis", "Huishoudwinkel"};
const char* const kOtherRetail[] = {"Opticien", "Telefoonwinkel", "Dierenspeciaalzaak", "Cadeauwinkel", "Kringloop",
                                    "Computerzaak"};
const char* const kCulture[] = {"Galerie", "Atelier", "Theaterwerkplaats", "Muziekschool", "Dansstudio"};
const char* const kHoreca[] = {"Café", "Eetcafé", "Restaurant", "Lunchroom", "Koffiebar", "Brasserie", "IJssalon",
                               "Bistro", "Grand Café"};
const char* const kServices[] = {"Kapsalon", "Reisbureau", "Makelaardij", "Schoonheidssalon", "Administratiekantoor",
                                 "Uitzendbureau", "Fysiotherapie", "Nagelstudio", "Stomerij"};
const char* const kNames[] = {"De Vaart", "Het Anker", "Brinkzicht", "De Zwaan", "Van der Veen", "Bos", "Meijer",
                              "De Linde", "Drenthe", "Het Steegje", "De Hunebed", "Mulder", "Koster", "De Poort",
                              "Zonnig", "Het Wapen", "De Kroon", "Smit", "De Ster", "Jansen", "Bakker", "Vos",
                              "De Molen", "Aan de Singel", "Op de Hoek", "Lotus", "Anna", "Elzinga", "Hofstede",
                              "Van Assen", "Noorderlicht", "De Vlijt", "Kloosterveen", "Graswijk", "Het Vosje"};
const char* const kOwners[] = {"Vastgoed Drenthe BV (fictief)", "Brink Beleggingen BV (fictief)",
                               "Stichting Binnenstadpanden Assen (fictief)", "Noordelijk Winkelvastgoed NV (fictief)",
                               "Koopmans Vastgoed BV (fictief)", "Pensioenfonds Retail Noord (fictief)",
                               "Familie Hofstede Beheer BV (fictief)", "J. de Vries (fictief)", "A. Mulder (fictief)",
                               "Woonstichting Assen Centrum (fictief)"};
const char* const kTemporaryUsers[] = {"Pop-up atelier Kunstkring (fictief)", "Proeflokaal Drentse streekproducten (fictief)",
                                       "Studio jonge ondernemers (fictief)", "Expositie Drents Archief (fictief)",
                                       "Pop-up kerstwinkel (fictief)", "Repair Café (fictief)"};

// Fictitious BAG verblijfsobject ids: Assen's municipality code 0106, object type 01, then 9900 and a serial.
std::string BagId(std::int64_t serial) {
  std::string digits = std::to_string(serial % 1'000'000);
  return "0106019900" + std::string(6 - digits.size(), '0') + digits;
}

std::string Slug(const std::string& name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-' && c < 0x80) {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

const char* Sbi(Function f, Random& random) {
  switch (f) {
    case Function::kDaily: return random.Chance(0.5) ? "4724" : "4711";
    case Function::kFashion: return random.Chance(0.7) ? "4771" : "4772";
    case Function::kLeisure: return random.Chance(0.5) ? "4761" : "4764";
    case Function::kHome: return "4759";
    case Function::kOtherRetail: return random.Chance(0.5) ? "4778" : "4742";
    case Function::kCulture: return random.Chance(0.5) ? "9003" : "8552";
    case Function::kHoreca: return random.Chance(0.5) ? "5610" : "5630";
    case Function::kServices: return random.Chance(0.5) ? "9602" : "6831";
    case Function::kHousing: return "";
  }
  return "";
}

struct Simulation {
  Random random;
  Day today;
  double leave_factor;  // calibrates the climb of vacancy before 2018
  DemoRegister out;
  std::set<std::string> names;

  std::int64_t NewBusiness(ZoneKind kind, int in_year) {
    auto mix = Mix(kind, in_year);
    int total = 0;
    for (const Weighted& w : mix) total += w.weight;
    int pick = random.Between(1, total);
    Function function = mix.front().function;
    for (const Weighted& w : mix) {
      if ((pick -= w.weight) <= 0) {
        function = w.function;
        break;
      }
    }
    std::string name;
    for (int attempt = 0; name.empty() || names.count(name); ++attempt) {
      std::string prefix;
      switch (function) {
        case Function::kFashion: prefix = random.Pick(kFashion); break;
        case Function::kDaily: prefix = random.Pick(kDaily); break;
        case Function::kLeisure: prefix = random.Pick(kLeisure); break;
        case Function::kHome: prefix = random.Pick(kHome); break;
        case Function::kOtherRetail: prefix = random.Pick(kOtherRetail); break;
        case Function::kCulture: prefix = random.Pick(kCulture); break;
        case Function::kHoreca: prefix = random.Pick(kHoreca); break;
        default: prefix = random.Pick(kServices); break;
      }
      name = prefix + " " + random.Pick(kNames);
      if (attempt > 20) name += " " + std::to_string(attempt);
    }
    names.insert(name);
    Business b;
    b.id = static_cast<std::int64_t>(out.businesses.size()) + 1;
    b.name = name;
    b.kvk = "99" + std::to_string(100000 + b.id * 7 % 900000).substr(0, 6);
    char vestiging[16];
    std::snprintf(vestiging, sizeof vestiging, "99%010lld", static_cast<long long>(b.id * 7919 % 9999999999LL));
    b.vestiging = vestiging;
    b.sbi = Sbi(function, random);
    b.function = function;
    switch (function) {
      case Function::kHoreca: b.jobs = random.Between(2, 14); break;
      case Function::kCulture: b.jobs = random.Between(1, 8); break;
      case Function::kServices: b.jobs = random.Between(1, 9); break;
      default: b.jobs = random.Between(1, 7); break;
    }
    if (InfoOf(function).retail && random.Chance(0.55)) b.memberships.push_back("mkb_retail");
    if (InfoOf(function).retail && random.Chance(0.15)) b.memberships.push_back("gilde_bart");
    if (function == Function::kHoreca && random.Chance(0.7)) b.memberships.push_back("khn_assen");
    if (function == Function::kCulture && random.Chance(0.8)) b.memberships.push_back("cultureel_hart");
    if (random.Chance(0.3)) b.memberships.push_back("vvac");
    b.website = "https://" + Slug(name) + ".example";
    out.businesses.push_back(std::move(b));
    return out.businesses.back().id;
  }

  Day RandomDayIn(int y) {
    year_month_day ymd{year{y}, month{static_cast<unsigned>(random.Between(1, 12))},
                       std::chrono::day{static_cast<unsigned>(random.Between(1, 28))}};
    return Day{ymd};
  }

  static void Push(Unit& unit, OccupancyInterval interval) {
    if (!unit.occupancy.empty()) unit.occupancy.back().to = interval.from;
    unit.occupancy.push_back(std::move(interval));
  }

  // One ground-floor unit's history: a month-by-month walk from 2015 to today with rates by zone and period.
  void GroundHistory(Unit& unit, ZoneKind kind) {
    static constexpr double kLeave[] = {0.0066, 0.0052, 0.0110, 0.0085};  // per month, by ZoneKind
    static constexpr double kFill[] = {0.045, 0.050, 0.016, 0.018};
    static constexpr double kInitialVacancy[] = {0.10, 0.07, 0.20, 0.20};
    int k = static_cast<int>(kind);
    Day start = Day{year{2015} / 1 / 1};
    if (random.Chance(kInitialVacancy[k])) {
      Push(unit, {.from = RandomDayIn(random.Between(2011, 2014)), .kind = OccupancyKind::kVacant});
    } else {
      int since = random.Between(1998, 2014);
      Push(unit, {.from = RandomDayIn(since), .kind = OccupancyKind::kInUse,
                  .business_id = NewBusiness(kind, since)});
    }
    int months_vacant = 0;
    for (Day month_start = start; month_start <= today;) {
      year_month_day ymd{month_start};
      int y = static_cast<int>(ymd.year());
      Day day = month_start + days{random.Between(0, 27)};
      Day next_month = Day{(ymd.year() / ymd.month() + std::chrono::months{1}) / 1};
      if (day > today || day <= unit.occupancy.back().from) {
        month_start = next_month;
        continue;
      }
      OccupancyInterval& now = unit.occupancy.back();
      // Shops closed faster up to 2018 (calibrated), then less: the plan's years, a dip in 2020, recovery.
      double leave = kLeave[k] * leave_factor *
                     (y < 2018 ? 1.0 : y == 2018 ? 0.8 : y == 2019 ? 0.7 : y == 2020 ? 0.8 : y == 2021 ? 0.6 : 0.5);
      double fill = kFill[k] * (y < 2018 ? 0.75 : y < 2020 ? 0.8 : y == 2020 ? 0.55 : 1.0);
      switch (now.kind) {
        case OccupancyKind::kInUse:
          if (random.Chance(leave)) Push(unit, {.from = day, .kind = OccupancyKind::kVacant});
          months_vacant = 0;
          break;
        case OccupancyKind::kVacant: {
          ++months_vacant;
          bool outside_core = kind == ZoneKind::kApproach || kind == ZoneKind::kOther;
          if (y >= 2019 && outside_core && months_vacant > 12 && random.Chance(0.035)) {
            Push(unit, {.from = day, .kind = OccupancyKind::kTransformation});
          } else if (y >= 2018 && random.Chance(kind == ZoneKind::kCore ? 0.012 : 0.010)) {
            Day end = day + days{30 * random.Between(6, 18)};
            Push(unit, {.from = day, .kind = OccupancyKind::kTemporary, .temporary_user = random.Pick(kTemporaryUsers),
                        .temporary_manager = "Stichting Tijdelijk Beheer Assen (fictief)", .temporary_end = end});
          } else if (random.Chance(fill)) {
            if (random.Chance(0.6)) {
              Push(unit, {.from = day, .kind = OccupancyKind::kVacantLet});
            } else {
              Push(unit, {.from = day, .kind = OccupancyKind::kInUse, .business_id = NewBusiness(kind, y)});
            }
          }
          break;
        }
        case OccupancyKind::kVacantLet:
          if (day >= now.from + days{30 * random.Between(1, 3)}) {
            Push(unit, {.from = day, .kind = OccupancyKind::kInUse, .business_id = NewBusiness(kind, y)});
          }
          break;
        case OccupancyKind::kTemporary:
          if (now.temporary_end && day >= *now.temporary_end) {
            Day end = *now.temporary_end;
            if (random.Chance(0.5)) {
              Push(unit, {.from = end, .kind = OccupancyKind::kVacantLet});
            } else {
              Push(unit, {.from = end, .kind = OccupancyKind::kVacant});
            }
          }
          break;
        case OccupancyKind::kTransformation:
          if (day >= now.from + days{30 * random.Between(6, 14)}) {
            Push(unit, {.from = day, .kind = OccupancyKind::kHousing});
          }
          break;
        case OccupancyKind::kHousing: break;
      }
      month_start = next_month;
    }
    // A temporary use whose agreed end lies after today simply continues.
  }

  // An upper floor: storage or empty, a small office, or a dwelling; "wonen boven winkels" after 2019.
  void UpperHistory(Unit& unit) {
    double p = random.Uniform();
    if (p < 0.25) {
      Push(unit, {.from = RandomDayIn(random.Between(1995, 2014)), .kind = OccupancyKind::kHousing});
      return;
    }
    if (p < 0.65) {
      int since = random.Between(2005, 2014);
      Push(unit, {.from = RandomDayIn(since), .kind = OccupancyKind::kInUse,
                  .business_id = NewBusiness(ZoneKind::kOther, 2015)});
      if (random.Chance(0.2)) Push(unit, {.from = RandomDayIn(random.Between(2016, 2021)), .kind = OccupancyKind::kVacant});
    } else {
      Push(unit, {.from = RandomDayIn(random.Between(2008, 2014)), .kind = OccupancyKind::kVacant});
    }
    if (unit.occupancy.back().kind == OccupancyKind::kVacant && random.Chance(0.45)) {
      int y = std::max(2019, static_cast<int>(year_month_day{unit.occupancy.back().from}.year()) + 1);
      Day begin = RandomDayIn(y);
      if (begin + days{300} < today) {
        Push(unit, {.from = begin, .kind = OccupancyKind::kTransformation});
        Push(unit, {.from = begin + days{30 * random.Between(5, 10)}, .kind = OccupancyKind::kHousing});
      }
    }
  }

  void Run() {
    std::int64_t bag_serial = 1;
    for (const Street& street : kStreets) {
      ZoneKind kind = street.kind;
      int number = 1;
      std::vector<size_t> ground_positions;
      for (int i = 0; i < street.ground; ++i) {
        Unit unit;
        unit.id = static_cast<std::int64_t>(out.units.size()) + 1;
        unit.street = street.name;
        unit.number = number;
        // Now and then a split building: 12 and 12a.
        if (i > 0 && random.Chance(0.08)) {
          unit.number = out.units.back().number;
          unit.letter = "a";
        } else {
          number += random.Between(1, 2);
        }
        unit.postcode = std::string(street.postcode) + static_cast<char>('A' + std::min(25, unit.number / 10));
        unit.bag_id = BagId(bag_serial++);
        unit.zone = street.zone;
        unit.floor = Floor::kGround;
        switch (kind) {
          case ZoneKind::kCore:
            unit.floor_area_m2 = random.Chance(0.06) ? random.Between(600, 1500) : random.Between(70, 420);
            break;
          case ZoneKind::kHoreca: unit.floor_area_m2 = random.Between(60, 260); break;
          default: unit.floor_area_m2 = random.Between(35, 150); break;
        }
        if (street.coordinates && random.Chance(0.92)) {
          double t = street.ground > 1 ? static_cast<double>(i) / (street.ground - 1) : 0.5;
          double side = (unit.number % 2 == 0 ? 1 : -1) * 0.00004;
          unit.lat = std::round((street.lat0 + t * (street.lat1 - street.lat0) + side) * 1e6) / 1e6;
          unit.lon = std::round((street.lon0 + t * (street.lon1 - street.lon0) - side) * 1e6) / 1e6;
        }
        unit.owner = random.Pick(kOwners);
        if (std::string_view(street.name) == "Brink" && i == 0) {
          // Brink 1: the Drents Museum, in use throughout.
          Business museum{.id = static_cast<std::int64_t>(out.businesses.size()) + 1, .name = "Drents Museum",
                          .kvk = "99000001", .vestiging = "990000000001", .sbi = "9102", .function = Function::kCulture,
                          .jobs = 85, .memberships = {"cultureel_hart", "vvac"}, .website = "https://drents-museum.example"};
          out.businesses.push_back(museum);
          names.insert(museum.name);
          unit.floor_area_m2 = 0;
          unit.outlet = true;
          Push(unit, {.from = Day{year{1996} / 1 / 1}, .kind = OccupancyKind::kInUse, .business_id = museum.id});
        } else {
          GroundHistory(unit, kind);
        }
        ground_positions.push_back(out.units.size());
        out.units.push_back(std::move(unit));
      }
      for (int j = 0; j < street.upper && !ground_positions.empty(); ++j) {
        const Unit& below = out.units[ground_positions[static_cast<size_t>(j) * ground_positions.size() /
                                                       static_cast<size_t>(street.upper)]];
        Unit unit = below;
        unit.id = static_cast<std::int64_t>(out.units.size()) + 1;
        unit.occupancy.clear();
        unit.addition = "1";
        unit.bag_id = BagId(bag_serial++);
        unit.floor = Floor::kUpper;
        unit.outlet = false;  // not a verkooppunt
        unit.floor_area_m2 = random.Between(40, 140);
        UpperHistory(unit);
        out.units.push_back(std::move(unit));
      }
    }
  }
};

DemoRegister Simulate(Day today, double leave_factor) {
  Simulation simulation{Random(20180101), today, leave_factor, {}, {}};
  simulation.Run();
  return std::move(simulation.out);
}

}  // namespace

DemoRegister AssenDemoRegister(Day today) {
  // The history is a random walk; the rate at which shops closed before 2018 is chosen so that vacancy on
  // 1 January 2018 comes out nearest the plan's 21.9% (by count): a search over a grid of rates, each a
  // deterministic simulation.
  const Day reference = Day{year{2018} / 1 / 1};
  DemoRegister best;
  double best_gap = 1.0, best_factor = 1.0;
  auto consider = [&](double factor) {
    DemoRegister candidate = Simulate(today, factor);
    double gap = std::abs(VacancyOn(candidate.units, reference).RateCount() - 0.219);
    if (gap < best_gap) {
      best_gap = gap;
      best_factor = factor;
      best = std::move(candidate);
    }
  };
  // A coarse grid, then a fine one around the best (the walk is random, so the rate is not monotonic).
  for (int step = 0; step <= 40 && best_gap >= 0.001; ++step) consider(0.8 + 0.05 * step);
  double centre = best_factor;
  for (int step = -10; step <= 10 && best_gap >= 0.001; ++step) consider(centre + 0.005 * step);
  return best;
}

}  // namespace stadshart::property
