#include "shophours/heatmap.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "common/csv.h"
#include "common/text.h"
#include "shophours/week_view.h"

namespace stadshart::shophours {
namespace {

std::string Hour(int h) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:00", h);
  return out;
}

bool Open(HourState s) { return s == HourState::kOpen; }

std::optional<int> ParseWeekday(std::string_view cell) {
  std::string t = text::Trim(cell);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  long long n = 0;
  if (text::ParseInt(t, n)) return n >= 1 && n <= 7 ? std::optional<int>(static_cast<int>(n) - 1) : std::nullopt;
  for (int i = 0; i < 7; ++i) {
    if (t == ShortWeekday(i) || t == LongWeekday(i)) return i;
  }
  return std::nullopt;
}

std::optional<int> ParseHour(std::string_view cell) {
  std::string t = text::Trim(cell);
  if (t.size() == 5 && t.substr(2) == ":00") t = t.substr(0, 2);
  long long n = 0;
  if (!text::ParseInt(t, n) || n < 0 || n > 23) return std::nullopt;
  return static_cast<int>(n);
}

}  // namespace

DayGrid GridOfDay(const hours::Evaluator& evaluator, Day day, const date::time_zone* zone) {
  DayGrid grid{};
  auto pieces = evaluator.DayPieces(date::sys_days{day.time_since_epoch()});
  for (int h = 0; h < 24; ++h) {
    Instant a = LocalInstant(day, h * 60, zone);
    Instant b = LocalInstant(day, (h + 1) * 60, zone);
    if (b <= a) continue;
    std::chrono::seconds open{0}, unknown{0};
    for (const auto& p : pieces) {
      Instant from = std::max(a, p.from), to = std::min(b, p.to);
      if (from >= to) continue;
      if (p.state.state == hours::RuleState::kOpen) open += to - from;
      if (p.state.state == hours::RuleState::kUnknown) unknown += to - from;
    }
    if (open * 2 >= b - a) grid[h] = HourState::kOpen;
    else if ((open + unknown) * 2 >= b - a) grid[h] = HourState::kUnknown;
  }
  return grid;
}

WeekGrid GridOfWeek(const hours::Evaluator& evaluator, Day monday, const date::time_zone* zone) {
  WeekGrid week{};
  for (int d = 0; d < 7; ++d) week[d] = GridOfDay(evaluator, monday + std::chrono::days{d}, zone);
  return week;
}

HeatRow AggregateDay(const std::vector<DayGrid>& grids) {
  HeatRow row{};
  for (const DayGrid& g : grids) {
    for (int h = 0; h < 24; ++h) {
      row[h].shops++;
      if (g[h] == HourState::kOpen) row[h].open++;
      if (g[h] == HourState::kUnknown) row[h].unknown++;
    }
  }
  return row;
}

Heatmap Aggregate(const std::vector<WeekGrid>& grids) {
  Heatmap map{};
  for (const WeekGrid& w : grids) {
    for (int d = 0; d < 7; ++d) {
      for (int h = 0; h < 24; ++h) {
        HeatCell& cell = map[d][h];
        cell.shops++;
        if (w[d][h] == HourState::kOpen) cell.open++;
        if (w[d][h] == HourState::kUnknown) cell.unknown++;
      }
    }
  }
  return map;
}

std::array<CoreWindow, 7> CoreWindows(const std::vector<WeekGrid>& grids, double share) {
  std::array<CoreWindow, 7> windows{};
  int shops = static_cast<int>(grids.size());
  // At least this many shops must be open throughout (at least one, so an empty selection finds nothing).
  int needed = std::max(1, static_cast<int>(std::ceil(share * shops - 1e-9)));
  for (int d = 0; d < 7; ++d) {
    CoreWindow& best = windows[d];
    best.weekday = d;
    best.shops = shops;
    for (int from = 0; from < 24; ++from) {
      // Shops open throughout [from, to): shrinks as `to` grows.
      std::vector<bool> still(grids.size(), true);
      int covering = shops;
      for (int to = from + 1; to <= 24; ++to) {
        for (std::size_t s = 0; s < grids.size(); ++s) {
          if (still[s] && !Open(grids[s][d][to - 1])) {
            still[s] = false;
            --covering;
          }
        }
        if (covering < needed) break;
        if (!best.found || to - from > best.to_hour - best.from_hour) {
          best.found = true;
          best.from_hour = from;
          best.to_hour = to;
          best.covering = covering;
        }
      }
    }
  }
  return windows;
}

std::vector<Shortfall> ShortfallsOf(const WeekGrid& grid, const std::array<CoreWindow, 7>& windows) {
  std::vector<Shortfall> out;
  for (const CoreWindow& w : windows) {
    if (!w.found) continue;
    const DayGrid& day = grid[w.weekday];
    Shortfall s{w.weekday, {}, std::none_of(day.begin(), day.end(), Open)};
    for (int h = w.from_hour; h < w.to_hour; ++h) {
      if (Open(day[h])) continue;
      if (!s.missing.empty() && s.missing.back().second == h) s.missing.back().second = h + 1;
      else s.missing.push_back({h, h + 1});
    }
    if (!s.missing.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::string ShortfallText(const std::vector<Shortfall>& shortfalls, const std::array<CoreWindow, 7>& windows) {
  std::string out;
  for (const Shortfall& s : shortfalls) {
    if (!out.empty()) out += "; ";
    out += ShortWeekday(s.weekday) + ": ";
    if (s.closed_all_day) {
      const CoreWindow& w = windows[s.weekday];
      out += "gesloten (venster " + Hour(w.from_hour) + "–" + Hour(w.to_hour) + ")";
      continue;
    }
    out += "ook open ";
    for (std::size_t i = 0; i < s.missing.size(); ++i) {
      if (i > 0) out += i + 1 == s.missing.size() ? " en " : ", ";
      out += Hour(s.missing[i].first) + "–" + Hour(s.missing[i].second);
    }
  }
  return out;
}

std::array<HeatCell, 7> EveningCoverage(const std::vector<WeekGrid>& grids) {
  std::array<HeatCell, 7> out{};
  for (const WeekGrid& w : grids) {
    for (int d = 0; d < 7; ++d) {
      out[d].shops++;
      if (w[d][20] == HourState::kOpen) out[d].open++;
      if (w[d][20] == HourState::kUnknown) out[d].unknown++;
    }
  }
  return out;
}

bool OpenOnSundayAfternoon(const DayGrid& grid) {
  for (int h = 12; h < 17; ++h) {
    if (Open(grid[h])) return true;
  }
  return false;
}

SuperSundayResult SuperSunday(const std::vector<DayGrid>& sunday, const std::vector<bool>& chosen, int from_hour,
                              int to_hour) {
  SuperSundayResult result;
  result.before = AggregateDay(sunday);
  std::vector<DayGrid> after = sunday;
  from_hour = std::clamp(from_hour, 0, 24);
  to_hour = std::clamp(to_hour, from_hour, 24);
  for (std::size_t s = 0; s < after.size(); ++s) {
    if (s >= chosen.size() || !chosen[s]) continue;
    bool changes = false;
    for (int h = from_hour; h < to_hour; ++h) {
      if (!Open(after[s][h])) {
        after[s][h] = HourState::kOpen;
        changes = true;
      }
    }
    (changes ? result.joining : result.already).push_back(s);
  }
  result.after = AggregateDay(after);
  return result;
}

int Footfall::Count() const {
  int n = 0;
  for (const auto& day : values) {
    for (const auto& v : day) n += v.has_value();
  }
  return n;
}

Result<Footfall> ParseFootfallCsv(std::string_view text) {
  Footfall footfall;
  std::vector<FieldError> errors;
  csv::Reader reader(text);
  std::vector<std::string> fields;
  bool first = true;
  auto problem = [&](int line, const std::string& message) {
    if (errors.size() < 20) errors.push_back({"csv", "Regel " + std::to_string(line) + ": " + message});
  };
  while (reader.Next(fields)) {
    int line = reader.line();
    bool is_first = first;
    first = false;
    if (fields.size() != 3) {
      if (is_first) continue;
      problem(line, "verwacht drie velden: weekdag;uur;waarde.");
      continue;
    }
    auto weekday = ParseWeekday(fields[0]);
    auto hour = ParseHour(fields[1]);
    auto value = text::ParseDutchNumber(csv::Undefused(fields[2]));
    if (is_first && !weekday) continue;  // a header
    if (!weekday) { problem(line, "onbekende weekdag '" + fields[0] + "' (ma t/m zo, of 1 t/m 7)."); continue; }
    if (!hour) { problem(line, "het uur is een getal van 0 tot en met 23."); continue; }
    if (!value || *value < 0) { problem(line, "de waarde is een getal van 0 of meer, zoals 1.234,5."); continue; }
    auto& cell = footfall.values[*weekday][*hour];
    if (cell) { problem(line, ShortWeekday(*weekday) + " " + std::to_string(*hour) + " uur staat er al eerder in."); continue; }
    cell = *value;
  }
  if (reader.unterminated_quote()) errors.push_back({"csv", "Het bestand eindigt midden in een veld tussen aanhalingstekens."});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (footfall.Count() == 0) return Error::Invalid({{"csv", "Er staan geen gegevens in (weekdag;uur;waarde)."}});
  return footfall;
}

std::optional<double> Correlation(const Heatmap& heatmap, const Footfall& footfall) {
  std::vector<std::pair<double, double>> points;
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (footfall.values[d][h]) points.push_back({heatmap[d][h].Share(), *footfall.values[d][h]});
    }
  }
  if (points.size() < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (auto [x, y] : points) mx += x, my += y;
  mx /= static_cast<double>(points.size());
  my /= static_cast<double>(points.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (auto [x, y] : points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
    syy += (y - my) * (y - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace stadshart::shophours
