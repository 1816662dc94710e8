#include "shophours/shops.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "common/time.h"

namespace stadshart::shophours {
namespace {

// Everything of the calendar an evaluator depends on, as text.
std::string CalendarKey(const Calendar& calendar) {
  const CentreSettings& s = calendar.settings;
  std::string key = std::to_string(s.good_friday) + "|" + std::to_string(static_cast<int>(s.liberation_day)) + "|" +
                    std::to_string(static_cast<int>(s.region)) + "|" + std::to_string(s.latitude) + "|" +
                    std::to_string(s.longitude);
  for (const SchoolHoliday& h : calendar.school_holidays) {
    key += "|" + std::to_string(static_cast<int>(h.region)) + ":" + FormatIsoDay(h.first) + ":" + FormatIsoDay(h.last);
  }
  return key;
}

class EvaluatorCache {
 public:
  std::shared_ptr<const hours::Evaluator> Find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
  }
  void Store(const std::string& key, std::shared_ptr<const hours::Evaluator> evaluator) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();  // old calendars and expressions go at once
    entries_.emplace(key, std::move(evaluator));
  }

 private:
  static constexpr std::size_t kMaxEntries = 20'000;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const hours::Evaluator>> entries_;  // GUARDED_BY(mutex_)
};

EvaluatorCache& Evaluators() {
  static EvaluatorCache cache;
  return cache;
}

}  // namespace

bool Shop::Retail() const { return business && property::InfoOf(business->function).retail; }

std::vector<Shop> ActiveShops(const property::Register& reg, const std::vector<BusinessHours>& hours,
                              const Calendar& calendar, Day day) {
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
  const std::string calendar_key = CalendarKey(calendar);
  std::optional<hours::EvaluationContext> context;  // built on the first cache miss only
  std::vector<Shop> shops;
  for (const property::Business& b : reg.businesses) {
    auto unit = unit_of.find(b.id);
    if (unit == unit_of.end()) continue;
    Shop shop{&b, unit->second, BusinessHours{b.id, "", {}, 0, ""}, nullptr};
    if (auto h = hours_of.find(b.id); h != hours_of.end()) {
      shop.hours = *h->second;
      std::string key = EffectiveExpression(shop.hours) + '\x1f' + calendar_key;
      shop.evaluator = Evaluators().Find(key);
      if (!shop.evaluator) {
        if (!context) context = ContextFor(calendar);
        auto compiled = Compile(shop.hours, *context);
        if (compiled.ok()) {
          shop.evaluator = std::make_shared<const hours::Evaluator>(std::move(compiled).value());
          Evaluators().Store(key, shop.evaluator);
        }
      }
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
