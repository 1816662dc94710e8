// Units (verkooppunten) and their occupancy history: the register from which the vacancy of any day follows.
// Pure: values in, values out. Dates are calendar days (std::chrono::sys_days); an interval is [from, to),
// `to` empty meaning "until further notice".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace stadshart::property {

using Day = std::chrono::sys_days;

enum class OccupancyKind {
  kInUse,           // in use by a business
  kVacant,          // empty and offered
  kVacantLet,       // empty, but the next tenant is known: not counted as vacant (Locatus)
  kTemporary,       // temporary use (tijdelijk beheer)
  kHousing,         // converted to housing: out of the outlet stock
  kTransformation,  // being converted to another function: out of the outlet stock
};

std::string_view KindCode(OccupancyKind kind);  // "in_use", "vacant", "vacant_let", ...
std::string_view KindLabel(OccupancyKind kind);  // Dutch: "in gebruik", "leegstand", ...
std::optional<OccupancyKind> ParseKind(std::string_view code);

struct OccupancyInterval {
  Day from;
  std::optional<Day> to;  // exclusive; empty: open
  OccupancyKind kind = OccupancyKind::kVacant;
  std::optional<std::int64_t> business_id;  // kInUse
  std::string temporary_user;               // kTemporary
  std::string temporary_manager;            // kTemporary
  std::optional<Day> temporary_end;         // kTemporary: agreed end

  bool Contains(Day day) const { return from <= day && (!to || day < *to); }
};

enum class Floor { kGround, kUpper };

std::string_view FloorCode(Floor floor);  // "ground", "upper"
std::optional<Floor> ParseFloor(std::string_view code);

struct Unit {
  std::int64_t id = 0;
  std::string street;
  int number = 0;          // house number
  std::string letter;      // huisletter, e.g. "a"
  std::string addition;    // huisnummertoevoeging, e.g. "1" or "bis"
  std::string postcode;    // "9401 AB"
  std::string bag_id;      // BAG verblijfsobject id, 16 digits
  std::string zone;        // zone code, e.g. "kernwinkelgebied"
  Floor floor = Floor::kGround;
  std::int64_t floor_area_m2 = 0;  // WVO
  bool outlet = true;              // false for ATMs and service points, which Locatus leaves out
  std::optional<double> lat;       // WGS84
  std::optional<double> lon;
  std::string owner;               // organisation or person; may be empty
  std::int64_t version = 1;        // optimistic concurrency
  std::vector<OccupancyInterval> occupancy;  // sorted by `from`, non-overlapping

  // "Kruisstraat 12a-1"
  std::string Address() const;
};

// The interval covering `day`, or null when the unit has none then (not yet or no longer registered).
const OccupancyInterval* StateOn(const Unit& unit, Day day);

// Checks a history: each interval ends after it starts, and none overlaps another; an open interval may only
// be the last; an agreed end of temporary use lies after its start. (Forms and the API also require the
// temporary user; imported history may lack it.) The error names both clashing intervals in Dutch ("... overlapt met leegstand vanaf 1-3-2019").
Result<Done> CheckHistory(const std::vector<OccupancyInterval>& history);

// The history with `next` added, sorted; refuses an overlap as CheckHistory does, changing nothing.
Result<std::vector<OccupancyInterval>> WithInterval(std::vector<OccupancyInterval> history, OccupancyInterval next);

// "1-3-2019"
std::string DutchDay(Day day);

}  // namespace stadshart::property
