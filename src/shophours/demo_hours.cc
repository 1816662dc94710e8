#include "shophours/demo_hours.h"

#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace stadshart::shophours {
namespace {

using property::Function;

// splitmix64 of the business id: the same on every platform.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Dice {
 public:
  explicit Dice(std::int64_t id) : state_(Mix(static_cast<std::uint64_t>(id) * 7919u + 17u)) {}
  // 0 .. n-1
  int Roll(int n) {
    state_ = Mix(state_);
    return static_cast<int>(state_ % static_cast<std::uint64_t>(n));
  }
  bool Chance(int percent) { return Roll(100) < percent; }

 private:
  std::uint64_t state_;
};

std::string Retail(Dice& dice, bool core, bool daily) {
  static const char* const kBase[] = {
      "Mo-Sa 09:30-18:00", "Mo 13:00-18:00; Tu-Fr 09:30-18:00; Sa 09:30-17:00", "Mo-Fr 09:30-18:00; Sa 09:30-17:00",
      "Mo 12:00-18:00; Tu-Sa 10:00-18:00", "Tu-Fr 10:00-17:30; Sa 10:00-17:00"};
  static const char* const kDaily[] = {"Mo-Fr 08:30-18:00; Sa 08:00-17:00", "Mo-Sa 08:00-18:00",
                                       "Tu-Fr 08:30-18:00; Sa 08:00-16:00", "Mo-Sa 09:00-18:00"};
  std::string hours = daily ? kDaily[dice.Roll(4)] : kBase[dice.Roll(5)];
  // Koopavond: Thursday for most, Friday for some; more often in the core.
  if (dice.Chance(core ? 55 : 25)) hours += dice.Chance(75) ? "; Th 09:30-21:00" : "; Fr 09:30-21:00";
  // Koopzondag: the first Sunday of the month, mostly in the core; a few every Sunday.
  if (!daily && dice.Chance(core ? 45 : 15)) hours += dice.Chance(85) ? "; Su[1] 12:00-17:00" : "; Su 12:00-17:00";
  if (dice.Chance(85)) hours += "; PH off";
  return hours;
}

std::string Horeca(Dice& dice) {
  static const char* const kHoreca[] = {
      "Mo-Th 10:00-24:00; Fr-Sa 10:00-02:00; Su 12:00-24:00",  // café
      "Tu-Su 17:00-22:00; Mo off",                              // restaurant
      "Mo-Sa 09:00-17:00; Su 11:00-17:00",                      // lunchroom
      "Mo-Su 08:30-18:00",                                      // koffiebar
      "We-Su 16:00-23:00",                                      // bistro
      "Th-Sa 21:00-04:00",                                      // late bar
      "Apr-Sep Mo-Su 12:00-22:00; Oct-Mar Sa-Su 12:00-18:00",   // ijssalon
      "Mo-Su 10:00-23:00; PH 12:00-23:00",                      // grand café
  };
  return kHoreca[dice.Roll(8)];
}

std::string Culture(Dice& dice) {
  static const char* const kCulture[] = {"Tu-Su 11:00-17:00; Mo off", "We-Sa 11:00-17:00; Su[1] 12:00-17:00",
                                         "Mo-Fr 14:00-21:00; SH off", "Th-Su 12:00-17:00; Su \"op afspraak\""};
  return kCulture[dice.Roll(4)];
}

std::string Services(Dice& dice) {
  static const char* const kServices[] = {"Mo-Fr 09:00-17:30; PH off", "Tu-Fr 09:00-17:30; Th 09:00-21:00; Sa 08:30-16:00",
                                          "Mo-Fr 08:30-17:00", "Mo-Fr 09:00-17:30; Sa 10:00-16:00; PH off",
                                          "Mo-Fr 09:00-12:30,13:30-17:00; PH off"};
  return kServices[dice.Roll(5)];
}

}  // namespace

std::string DemoOpeningHours(const property::Business& business, std::string_view zone) {
  Dice dice(business.id);
  bool core = zone == property::kCoreZone;
  switch (business.function) {
    case Function::kDaily: return Retail(dice, core, true);
    case Function::kFashion:
    case Function::kLeisure:
    case Function::kHome:
    case Function::kOtherRetail: return Retail(dice, core, false);
    case Function::kHoreca: return Horeca(dice);
    case Function::kCulture: return Culture(dice);
    case Function::kServices:
    case Function::kHousing: return Services(dice);
  }
  return "Mo-Fr 09:00-17:00";
}

Result<int> SeedDemoHours(ShopHoursRepository& repo, const property::Register& reg, property::Day today) {
  std::unordered_map<std::int64_t, std::string> zone_of;
  for (const property::Unit& unit : reg.units) {
    for (const property::OccupancyInterval& i : unit.occupancy) {
      if (i.kind != property::OccupancyKind::kInUse || !i.business_id) continue;
      // Later intervals overwrite earlier ones; the one covering today wins.
      if (!zone_of.count(*i.business_id) || i.Contains(today)) zone_of[*i.business_id] = unit.zone;
    }
  }
  std::chrono::year_month_day ymd{today};
  property::Day christmas_eve = std::chrono::sys_days{ymd.year() / std::chrono::December / 24};
  int seeded = 0;
  for (const property::Business& b : reg.businesses) {
    if (repo.Get(b.id).version != 0) continue;
    std::string hours = DemoOpeningHours(b, zone_of[b.id]);
    std::vector<HoursException> exceptions;
    if (property::InfoOf(b.function).retail && b.id % 10 == 3) {
      exceptions.push_back({christmas_eve, false, "09:30-16:00", "Kerstavond"});
    }
    auto saved = repo.Save(b.id, hours, exceptions, 0, audit::Actor::System());
    if (!saved.ok()) return saved.error();
    ++seeded;
  }
  return seeded;
}

}  // namespace stadshart::shophours
