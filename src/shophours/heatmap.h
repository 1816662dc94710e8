// The partnership's analysis of opening hours (product.md §5, "openingstijden harmoniseren"): which share of the
// shops is open at each hour of the week, koopavond and koopzondag coverage, the core window that most shops
// already share and who would have to change to join it, and a Super Sunday scenario. Pure: grids in, figures out;
// the grids come from the engine's evaluators (GridOfDay) or, in tests, from anywhere.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "hours/evaluate.h"

namespace date {
class time_zone;
}

namespace stadshart::shophours {

using Day = std::chrono::sys_days;

enum class HourState : std::uint8_t { kClosed, kOpen, kUnknown };

// One local day in 24 wall-clock hours. An hour counts as open when the shop is open for at least half of it,
// as unknown when open or unknown for at least half of it; an hour that does not exist (the spring-forward hour)
// is closed.
using DayGrid = std::array<HourState, 24>;
// Monday to Sunday.
using WeekGrid = std::array<DayGrid, 7>;

DayGrid GridOfDay(const hours::Evaluator& evaluator, Day day, const date::time_zone* zone);
WeekGrid GridOfWeek(const hours::Evaluator& evaluator, Day monday, const date::time_zone* zone);

struct HeatCell {
  int open = 0;
  int unknown = 0;
  int shops = 0;
  // open / shops; 0 without shops.
  double Share() const { return shops == 0 ? 0.0 : static_cast<double>(open) / shops; }
};
using HeatRow = std::array<HeatCell, 24>;
using Heatmap = std::array<HeatRow, 7>;

// The count per hour of the week over the shops' grids.
Heatmap Aggregate(const std::vector<WeekGrid>& grids);
HeatRow AggregateDay(const std::vector<DayGrid>& grids);

// The core window of one weekday: the longest run of whole hours [from_hour, to_hour) during all of which at least
// `share` of the shops are open (each shop open throughout, not just the count per hour); ties go to the earliest.
struct CoreWindow {
  int weekday = 0;  // 0 = Monday
  bool found = false;
  int from_hour = 0;
  int to_hour = 0;
  int covering = 0;  // shops open throughout the window
  int shops = 0;
};
std::array<CoreWindow, 7> CoreWindows(const std::vector<WeekGrid>& grids, double share);

// What one shop lacks to cover a day's window: the hours of the window in which it is not open.
struct Shortfall {
  int weekday = 0;
  std::vector<std::pair<int, int>> missing;  // [from_hour, to_hour) runs inside the window
  bool closed_all_day = false;               // not open at any hour of that day
};
// Empty when the shop covers every window that was found.
std::vector<Shortfall> ShortfallsOf(const WeekGrid& grid, const std::array<CoreWindow, 7>& windows);
// "ma: ook open 09:00–10:00; za: ook open 17:00–18:00"; "zo: gesloten (venster 12:00–17:00)".
std::string ShortfallText(const std::vector<Shortfall>& shortfalls, const std::array<CoreWindow, 7>& windows);

// Koopavond: shops open during the hour 20:00-21:00 of each weekday (index 0 = Monday).
std::array<HeatCell, 7> EveningCoverage(const std::vector<WeekGrid>& grids);
// Koopzondag: whether a shop is open at least one hour between 12:00 and 17:00 of that day.
bool OpenOnSundayAfternoon(const DayGrid& grid);

// Super Sunday: every chosen shop opens [from_hour, to_hour) of one Sunday on top of its own hours.
struct SuperSundayResult {
  HeatRow before;
  HeatRow after;
  std::vector<std::size_t> joining;     // indexes of shops that would open hours they are now closed
  std::vector<std::size_t> already;     // indexes of shops already open throughout the window
};
SuperSundayResult SuperSunday(const std::vector<DayGrid>& sunday, const std::vector<bool>& chosen, int from_hour,
                              int to_hour);

// Spending or footfall per hour of the week (e.g. card transactions, counters), as imported.
struct Footfall {
  std::array<std::array<std::optional<double>, 24>, 7> values;
  int Count() const;
};
// "weekday;hour;value" as Dutch Excel writes it (csv::Reader): weekday "ma"/"maandag"/"1" (1 = Monday .. 7),
// hour 0-23 ("9", "09", "09:00"), value a Dutch number >= 0 ("1.234,5"). A first line that is not data is a
// header. Every bad line is reported ("Regel 3: ..."), at most 20; each weekday and hour at most once.
Result<Footfall> ParseFootfallCsv(std::string_view text);
// Pearson correlation between the open share and the footfall over the hours that have a value; nullopt with
// fewer than 3 such hours or no variation.
std::optional<double> Correlation(const Heatmap& heatmap, const Footfall& footfall);

}  // namespace stadshart::shophours
