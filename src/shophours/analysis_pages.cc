// The partnership's pages (hours.analysis): /openingstijden/analyse — heatmap of the share of shops open per hour
// of a week (SVG with the table of the same figures), filtered by zone and outlet group; koopavond and koopzondag
// coverage; the core window of the core shops and who would have to change to join it; imported footfall beside
// the heatmap — and /openingstijden/super-zondag, the Super Sunday scenario. All GET forms (nothing is stored).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "shophours/heatmap.h"
#include "shophours/heatmap_svg.h"
#include "shophours/page_support.h"
#include "shophours/shophours_routes.h"
#include "shophours/shops.h"
#include "web/page.h"

namespace stadshart::shophours {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace pages;

std::string HourLabel(int h) {
  char out[32];
  std::snprintf(out, sizeof out, "%02d:00–%02d:00", h, h + 1);
  return out;
}

std::vector<std::string> HourColumns() {
  std::vector<std::string> columns;
  for (int h = 0; h < 24; ++h) columns.push_back(std::to_string(h));
  return columns;
}

std::string Number(double value) {
  char out[32];
  if (std::fabs(value - std::round(value)) < 1e-9) std::snprintf(out, sizeof out, "%.0f", value);
  else std::snprintf(out, sizeof out, "%.1f", value);
  std::string s = out;
  for (char& c : s) if (c == '.') c = ',';
  return s;
}

int IntParam(const Request& request, std::string_view name, int fallback, int lo, int hi) {
  long long value = 0;
  auto text = request.Query(name);
  if (!text || !text::ParseInt(*text, value) || value < lo || value > hi) return fallback;
  return static_cast<int>(value);
}

// Rows of the table under a heatmap: per hour the seven days' figures.
json HeatTable(const Heatmap& map) {
  json rows = json::array();
  for (int h = 0; h < 24; ++h) {
    json cells = json::array();
    for (int d = 0; d < 7; ++d) {
      const HeatCell& c = map[d][h];
      cells.push_back({{"text", Percent(c.Share())}, {"count", c.open}, {"step", HeatStep(c.Share(), 1.0)},
                       {"unknown", c.unknown}});
    }
    rows.push_back({{"hour", HourLabel(h)}, {"cells", cells}});
  }
  return rows;
}

std::string HeatSummary(const Heatmap& map, int shops) {
  if (shops == 0) return "Geen winkels in deze selectie.";
  int best_d = 0, best_h = 0;
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h)
      if (map[d][h].Share() > map[best_d][best_h].Share()) best_d = d, best_h = h;
  std::string text = "Van " + std::to_string(shops) + " winkels zijn de meeste open op " + LongWeekday(best_d) + " " +
                     HourLabel(best_h) + " (" + Percent(map[best_d][best_h].Share()) + ").";
  double sunday = 0, evening = 0;
  for (int h = 0; h < 24; ++h) sunday = std::max(sunday, map[6][h].Share());
  for (int d = 0; d < 6; ++d) evening = std::max(evening, map[d][20].Share());
  text += " Op zondag hoogstens " + Percent(sunday) + ", na 20:00 uur op een werkdag hoogstens " + Percent(evening) + ".";
  return text;
}

Response AnalysisPage(ShopHoursRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                      const Request& request) {
  Day today = AmsterdamToday(clock.Now());
  std::string week_text(request.Query("week").value_or(""));
  std::optional<Day> week_day = week_text.empty() ? std::optional<Day>(today) : ParseIsoDay(week_text);
  std::string week_error = week_day ? "" : "Kies een datum, zoals 2025-06-02.";
  Day monday = MondayOf(week_day.value_or(today));
  Selection selection{std::string(request.Query("zone").value_or("")), std::string(request.Query("groep").value_or(""))};
  int threshold = IntParam(request, "drempel", 80, 50, 100);

  auto snapshot = reg.Snapshot();
  if (!selection.zone.empty() && !snapshot->FindZone(selection.zone)) selection.zone.clear();
  Calendar calendar = repo.GetCalendar();
  auto shops = ActiveShops(*snapshot, repo.All(), calendar, monday);
  std::vector<WeekGrid> grids, core_grids;
  std::vector<const Shop*> core_shops;
  int without = 0;
  for (const Shop& s : shops) {
    bool selected = Selected(s, selection);
    if (selected && !s.evaluator) ++without;
    if (!s.evaluator) continue;
    if (selected) grids.push_back(GridOfWeek(*s.evaluator, monday, Amsterdam()));
    if (s.Zone() == property::kCoreZone && s.Retail()) {
      core_grids.push_back(GridOfWeek(*s.evaluator, monday, Amsterdam()));
      core_shops.push_back(&s);
    }
  }
  Heatmap map = Aggregate(grids);
  HeatmapChart chart{"heatmap", "Aandeel open winkels per uur, week van " + LongDate(monday), HeatSummary(map, static_cast<int>(grids.size())),
                     HourColumns(), {}, 1.0};
  for (int d = 0; d < 7; ++d) {
    HeatmapRow row{ShortWeekday(d), {}};
    for (int h = 0; h < 24; ++h) row.values.push_back(map[d][h].Share());
    chart.rows.push_back(std::move(row));
  }

  // Koopavond and koopzondag.
  auto evening = EveningCoverage(grids);
  json evenings = json::array();
  for (int d = 0; d < 6; ++d) {
    evenings.push_back({{"day", LongWeekday(d)}, {"open", evening[d].open}, {"share", Percent(evening[d].Share())}});
  }
  json sundays = json::array();
  for (int w = 0; w < 5; ++w) {
    Day sunday = monday + std::chrono::days{6 + 7 * w};
    int open = 0, count = 0;
    for (const Shop& s : shops) {
      if (!s.evaluator || !Selected(s, selection)) continue;
      ++count;
      open += OpenOnSundayAfternoon(GridOfDay(*s.evaluator, sunday, Amsterdam()));
    }
    sundays.push_back({{"date", LongDate(sunday)}, {"open", open},
                       {"share", Percent(count ? static_cast<double>(open) / count : 0.0)}});
  }

  // The core window of the core shops, and who would have to change.
  auto windows = CoreWindows(core_grids, threshold / 100.0);
  json window_rows = json::array();
  for (const CoreWindow& w : windows) {
    char span[32];
    std::snprintf(span, sizeof span, "%02d:00–%02d:00", w.from_hour, w.to_hour);
    window_rows.push_back({{"day", LongWeekday(w.weekday)}, {"found", w.found}, {"window", w.found ? span : "geen"},
                           {"covering", w.covering}, {"shops", w.shops}});
  }
  json changes = json::array();
  for (std::size_t i = 0; i < core_grids.size(); ++i) {
    auto shortfalls = ShortfallsOf(core_grids[i], windows);
    if (shortfalls.empty()) continue;
    changes.push_back({{"name", core_shops[i]->business->name}, {"url", HoursUrl(core_shops[i]->business->id)},
                       {"street", core_shops[i]->Street()}, {"what", ShortfallText(shortfalls, windows)}});
  }

  json view = {{"week", FormatIsoDay(monday)}, {"week_label", LongDate(monday)},
               {"week_error", week_error.empty() ? json(false) : json(week_error)},
               {"zone_options", ZoneOptions(*snapshot, selection.zone)}, {"group_options", GroupOptions(selection.group)},
               {"threshold", threshold}, {"shops", grids.size()}, {"without", without > 0 ? json(without) : json(false)},
               {"heatmap_svg", RenderHeatmapSvg(chart)}, {"heat_rows", HeatTable(map)},
               {"evenings", evenings}, {"sundays", sundays},
               {"core_shops", core_grids.size()}, {"windows", window_rows}, {"changes", changes},
               {"changes_count", changes.size()}, {"has_changes", !changes.empty()},
               {"can_manage", accounts::Can(request, "hours.manage")},
               {"super_sunday_url", "/openingstijden/super-zondag"}};

  // Footfall beside the heatmap.
  if (auto footfall = repo.GetFootfall()) {
    double max = 0;
    for (const auto& day : footfall->values.values)
      for (const auto& v : day) if (v) max = std::max(max, *v);
    HeatmapChart f{"bezoekers", footfall->label + " per uur", "", HourColumns(), {}, max};
    std::vector<std::tuple<double, int, int>> busiest;
    for (int d = 0; d < 7; ++d) {
      HeatmapRow row{ShortWeekday(d), {}};
      for (int h = 0; h < 24; ++h) {
        double v = footfall->values.values[d][h].value_or(0);
        row.values.push_back(v);
        if (footfall->values.values[d][h]) busiest.emplace_back(v, d, h);
      }
      f.rows.push_back(std::move(row));
    }
    std::sort(busiest.begin(), busiest.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    if (busiest.size() > 12) busiest.resize(12);
    json rows = json::array();
    for (const auto& [value, d, h] : busiest) {
      rows.push_back({{"when", LongWeekday(d) + " " + HourLabel(h)}, {"value", Number(value)},
                      {"open", Percent(map[d][h].Share())}, {"low", map[d][h].Share() < threshold / 100.0}});
    }
    auto r = Correlation(map, footfall->values);
    f.description = "Drukste uren: " + (busiest.empty() ? std::string("geen") : LongWeekday(std::get<1>(busiest[0])) + " " +
                                        HourLabel(std::get<2>(busiest[0])) + " (" + Number(std::get<0>(busiest[0])) + ")") + ".";
    view["footfall"] = {{"label", footfall->label}, {"imported_at", WhenText(footfall->imported_at)},
                        {"svg", RenderHeatmapSvg(f)}, {"busiest", rows},
                        {"correlation", r ? json(Number(std::round(*r * 100) / 100)) : json(false)}};
  }
  return web::RenderPage(request, {"Analyse openingstijden", "/openingstijden/analyse", {{"/", "Home"}}},
                         "shophours_analysis", view);
}

Response SuperSundayPage(ShopHoursRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                         const Request& request) {
  Day today = AmsterdamToday(clock.Now());
  Day next_sunday = today + std::chrono::days{(6 - WeekdayIndex(today) + 7) % 7 == 0 ? 7 : (6 - WeekdayIndex(today) + 7) % 7};
  std::string error;
  Day sunday = next_sunday;
  if (auto text = request.Query("zondag"); text && !text->empty()) {
    auto day = ParseIsoDay(*text);
    if (day && WeekdayIndex(*day) == 6) sunday = *day;
    else error = "Kies een zondag; nu is de eerstvolgende zondag gebruikt.";
  }
  int from = IntParam(request, "van", 12, 0, 23);
  int to = IntParam(request, "tot", 17, 1, 24);
  if (to <= from) {
    error = "Het eind ligt na het begin; nu is 12:00–17:00 gebruikt.";
    from = 12;
    to = 17;
  }
  Selection selection{std::string(request.Query("zone").value_or(std::string(property::kCoreZone))),
                      std::string(request.Query("groep").value_or(""))};
  auto snapshot = reg.Snapshot();
  if (!selection.zone.empty() && !snapshot->FindZone(selection.zone)) selection.zone.clear();
  auto shops = ActiveShops(*snapshot, repo.All(), repo.GetCalendar(), sunday);
  std::vector<DayGrid> grids;
  std::vector<const Shop*> chosen_shops;
  for (const Shop& s : shops) {
    if (!s.evaluator || !Selected(s, selection)) continue;
    grids.push_back(GridOfDay(*s.evaluator, sunday, Amsterdam()));
    chosen_shops.push_back(&s);
  }
  auto result = SuperSunday(grids, std::vector<bool>(grids.size(), true), from, to);
  HeatmapChart chart{"super-zondag", "Aandeel open winkels op " + LongDate(sunday) + ", nu en met Super Sunday", "",
                     HourColumns(), {{"nu", {}}, {"super", {}}}, 1.0};
  for (int h = 0; h < 24; ++h) {
    chart.rows[0].values.push_back(result.before[h].Share());
    chart.rows[1].values.push_back(result.after[h].Share());
  }
  int peak_before = 0, peak_after = 0;
  for (int h = 0; h < 24; ++h) {
    peak_before = std::max(peak_before, result.before[h].open);
    peak_after = std::max(peak_after, result.after[h].open);
  }
  chart.description = "Nu zijn op het drukste uur " + std::to_string(peak_before) + " van " + std::to_string(grids.size()) +
                      " winkels open, met Super Sunday " + std::to_string(peak_after) + ".";
  json hours = json::array();
  for (int h = 0; h < 24; ++h) {
    if (result.before[h].open == 0 && result.after[h].open == 0) continue;
    hours.push_back({{"hour", HourLabel(h)}, {"before", result.before[h].open}, {"before_share", Percent(result.before[h].Share())},
                     {"after", result.after[h].open}, {"after_share", Percent(result.after[h].Share())},
                     {"before_step", HeatStep(result.before[h].Share(), 1)}, {"after_step", HeatStep(result.after[h].Share(), 1)}});
  }
  auto list = [&](const std::vector<std::size_t>& indexes) {
    json rows = json::array();
    for (std::size_t i : indexes) {
      const Shop& s = *chosen_shops[i];
      auto week = Week(*s.evaluator, MondayOf(sunday), Amsterdam());
      rows.push_back({{"name", s.business->name}, {"url", HoursUrl(s.business->id)}, {"street", s.Street()},
                      {"group", property::InfoOf(s.business->function).label}, {"now", week[6].text}});
    }
    return rows;
  };
  char window[32];
  std::snprintf(window, sizeof window, "%02d:00–%02d:00", from, to);
  json view = {{"sunday", FormatIsoDay(sunday)}, {"sunday_label", LongDate(sunday)}, {"from", from}, {"to", to},
               {"window", window}, {"error", error.empty() ? json(false) : json(error)},
               {"zone_options", ZoneOptions(*snapshot, selection.zone)}, {"all_zones", selection.zone.empty()},
               {"group_options", GroupOptions(selection.group)}, {"shops", grids.size()},
               {"svg", RenderHeatmapSvg(chart)}, {"hours", hours}, {"joining", list(result.joining)},
               {"joining_count", result.joining.size()}, {"already", list(result.already)},
               {"already_count", result.already.size()}, {"has_joining", !result.joining.empty()},
               {"has_already", !result.already.empty()}};
  return web::RenderPage(request, {"Super Sunday", "/openingstijden/analyse",
                                   {{"/", "Home"}, {"/openingstijden/analyse", "Analyse openingstijden"}}},
                         "shophours_super_sunday", view);
}

}  // namespace

void AddAnalysisPages(http::Router& router, std::shared_ptr<ShopHoursRepository> repo, property::PropertyRepository& reg,
                      const Clock& clock) {
  http::RouteOptions analysis{.permission = "hours.analysis"};
  router.Add(Method::kGet, "/openingstijden/analyse",
             [repo, &reg, &clock](Request& r) { return AnalysisPage(*repo, reg, clock, r); }, analysis);
  router.Add(Method::kGet, "/openingstijden/super-zondag",
             [repo, &reg, &clock](Request& r) { return SuperSundayPage(*repo, reg, clock, r); }, analysis);
}

}  // namespace stadshart::shophours
