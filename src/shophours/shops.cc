#include "shophours/shops.h"

#include <algorithm>
#include <unordered_map>

namespace stadshart::shophours {

bool Shop::Retail() const { return business && property::InfoOf(business->function).retail; }

std::vector<Shop> ActiveShops(const property::Register& reg, const std::vector<BusinessHours>& hours,
                              const hours::EvaluationContext& context, Day day) {
  std::unordered_map<std::int64_t, const property::Unit*> unit_of;
  for (const property::Unit& unit : reg.units) {
    const property::OccupancyInterval* state = property::StateOn(unit, day);
    if (!state || state->kind != property::OccupancyKind::kInUse || !state->business_id) continue;
    auto [it, inserted] = unit_of.emplace(*state->business_id, &unit);
    if (!inserted && it->second->floor != property::Floor::kGround && unit.floor == property::Floor::kGround) {
      it->second = &unit;
    }
  }
  std::unordered_map<std::int64_t, const BusinessHours*> hours_of;
  for (const BusinessHours& h : hours) hours_of[h.business_id] = &h;
  std::vector<Shop> shops;
  for (const property::Business& b : reg.businesses) {
    auto unit = unit_of.find(b.id);
    if (unit == unit_of.end()) continue;
    Shop shop{&b, unit->second, BusinessHours{b.id, "", {}, 0, ""}, std::nullopt};
    if (auto h = hours_of.find(b.id); h != hours_of.end()) {
      shop.hours = *h->second;
      auto compiled = Compile(shop.hours, context);
      if (compiled.ok()) shop.evaluator.emplace(std::move(compiled).value());
    }
    shops.push_back(std::move(shop));
  }
  std::sort(shops.begin(), shops.end(), [](const Shop& a, const Shop& b) {
    return a.business->name != b.business->name ? a.business->name < b.business->name
                                                : a.business->id < b.business->id;
  });
  return shops;
}

std::vector<OpenNowRow> OpenAt(const std::vector<Shop>& shops, Instant at) {
  std::vector<OpenNowRow> rows;
  rows.reserve(shops.size());
  for (const Shop& shop : shops) {
    OpenNowRow row{&shop};
    if (!shop.evaluator) {
      row.next_text = "openingstijden onbekend";
    } else {
      row.state = shop.evaluator->StateAt(at);
      row.next = shop.evaluator->NextChange(at, at + std::chrono::days{8});
      row.next_text = NextChangeText(row.state.state, row.next, at, Amsterdam());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool Selected(const Shop& shop, const Selection& selection) {
  if (!selection.zone.empty() && shop.Zone() != selection.zone) return false;
  if (selection.group.empty()) return shop.Retail();
  if (selection.group == "alle") return true;
  return property::InfoOf(shop.business->function).code == selection.group;
}

}  // namespace stadshart::shophours
