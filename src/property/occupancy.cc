#include "property/occupancy.h"

#include <algorithm>

namespace stadshart::property {
namespace {

constexpr std::pair<OccupancyKind, std::string_view> kKinds[] = {
    {OccupancyKind::kInUse, "in_use"},       {OccupancyKind::kVacant, "vacant"},
    {OccupancyKind::kVacantLet, "vacant_let"}, {OccupancyKind::kTemporary, "temporary"},
    {OccupancyKind::kHousing, "housing"},    {OccupancyKind::kTransformation, "transformation"},
};

}  // namespace

std::string_view KindLabel(OccupancyKind kind) {
  switch (kind) {
    case OccupancyKind::kInUse: return "in gebruik";
    case OccupancyKind::kVacant: return "leegstand";
    case OccupancyKind::kVacantLet: return "leeg, nieuwe huurder bekend";
    case OccupancyKind::kTemporary: return "tijdelijk gebruik";
    case OccupancyKind::kHousing: return "wonen";
    case OccupancyKind::kTransformation: return "transformatie";
  }
  return "";
}

namespace {

std::string Describe(const OccupancyInterval& interval) {
  std::string text = std::string(KindLabel(interval.kind)) + " vanaf " + DutchDay(interval.from);
  if (interval.to) text += " tot " + DutchDay(*interval.to);
  return text;
}

}  // namespace

std::string_view KindCode(OccupancyKind kind) {
  for (const auto& [k, code] : kKinds) {
    if (k == kind) return code;
  }
  return "vacant";
}

std::optional<OccupancyKind> ParseKind(std::string_view code) {
  for (const auto& [kind, c] : kKinds) {
    if (c == code) return kind;
  }
  return std::nullopt;
}

std::string_view FloorCode(Floor floor) { return floor == Floor::kGround ? "ground" : "upper"; }

std::optional<Floor> ParseFloor(std::string_view code) {
  if (code == "ground") return Floor::kGround;
  if (code == "upper") return Floor::kUpper;
  return std::nullopt;
}

std::string Unit::Address() const {
  std::string text = street + " " + std::to_string(number) + letter;
  if (!addition.empty()) text += "-" + addition;
  return text;
}

std::string DutchDay(Day day) {
  std::chrono::year_month_day ymd{day};
  return std::to_string(static_cast<unsigned>(ymd.day())) + "-" + std::to_string(static_cast<unsigned>(ymd.month())) +
         "-" + std::to_string(static_cast<int>(ymd.year()));
}

const OccupancyInterval* StateOn(const Unit& unit, Day day) {
  // Sorted by `from`: the candidate is the last interval starting on or before `day`.
  auto it = std::upper_bound(unit.occupancy.begin(), unit.occupancy.end(), day,
                             [](Day d, const OccupancyInterval& i) { return d < i.from; });
  if (it == unit.occupancy.begin()) return nullptr;
  --it;
  return it->Contains(day) ? &*it : nullptr;
}

Result<Done> CheckHistory(const std::vector<OccupancyInterval>& history) {
  for (size_t i = 0; i < history.size(); ++i) {
    const OccupancyInterval& current = history[i];
    if (current.to && *current.to <= current.from) {
      return Error::Invalid({{"to", "De einddatum van " + Describe(current) + " ligt niet na de begindatum."}});
    }
    if (current.kind == OccupancyKind::kTemporary) {
      if (current.temporary_end && *current.temporary_end <= current.from) {
        return Error::Invalid({{"temporary_end", "De afgesproken einddatum van " + Describe(current) +
                                                     " ligt niet na de begindatum."}});
      }
    }
    if (current.temporary_user.size() > 200 || current.temporary_manager.size() > 200) {
      return Error::Invalid({{"temporary_user", "Gebruiker en beheerder hebben hoogstens 200 tekens."}});
    }
    if (i > 0) {
      const OccupancyInterval& before = history[i - 1];
      if (before.from > current.from) {
        return Error::Invalid({{"from", "De periodes staan niet op volgorde: " + Describe(before) + " en " +
                                            Describe(current) + "."}});
      }
      if (!before.to || *before.to > current.from) {
        return Error::Invalid({{"from", "De periode " + Describe(current) + " overlapt met " + Describe(before) + "."}});
      }
    }
  }
  return Done{};
}

Result<std::vector<OccupancyInterval>> WithInterval(std::vector<OccupancyInterval> history, OccupancyInterval next) {
  auto at = std::upper_bound(history.begin(), history.end(), next.from,
                             [](Day d, const OccupancyInterval& i) { return d < i.from; });
  history.insert(at, std::move(next));
  auto checked = CheckHistory(history);
  if (!checked.ok()) return checked.error();
  return history;
}

}  // namespace stadshart::property
