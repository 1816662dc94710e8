// /nu-open: which businesses are open now, or at a date and time chosen with a GET form (Europe/Amsterdam wall
// clock), by outlet group and then street, with the next change ("sluit om 18:00"). Open and unknown businesses by
// default; "ook gesloten" shows the rest with when they open. Works without JavaScript.
#include <map>
#include <nlohmann/json.hpp>

#include "common/text.h"
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

Response OpenNowPage(ShopHoursRepository& repo, property::PropertyRepository& reg, const Clock& clock,
                     const Request& request) {
  Instant at = clock.Now();
  std::string date_text(request.Query("datum").value_or(""));
  std::string time_text(request.Query("tijd").value_or(""));
  std::string error;
  bool chosen = !date_text.empty() || !time_text.empty();
  if (chosen) {
    if (date_text.empty()) date_text = FormatIsoDay(AmsterdamToday(clock.Now()));
    if (time_text.empty()) time_text = "12:00";
    auto parsed = ParseInstant(date_text + "T" + time_text, Amsterdam());
    if (parsed) {
      at = *parsed;
    } else {
      error = "Kies een datum en een tijd, zoals 2025-06-02 en 14:00.";
      chosen = false;
    }
  }
  std::string group(request.Query("groep").value_or(""));
  bool all = request.Query("toon").value_or("") == "alle";
  auto snapshot = reg.Snapshot();
  auto shops = ActiveShops(*snapshot, repo.All(), repo.GetCalendar(), LocalDay(at, Amsterdam()));
  auto rows = OpenAt(shops, at);
  // Outlet group (in Locatus order), then street, then name.
  std::map<int, std::vector<const OpenNowRow*>> by_group;
  int open = 0, unknown = 0, without = 0;
  for (const OpenNowRow& row : rows) {
    const auto& info = property::InfoOf(row.shop->business->function);
    if (!group.empty() && info.code != group) continue;
    bool is_open = row.state.state == hours::RuleState::kOpen;
    bool is_unknown = row.state.state == hours::RuleState::kUnknown && row.shop->evaluator;
    open += is_open;
    unknown += is_unknown;
    without += !row.shop->evaluator;
    if (!all && !is_open && !is_unknown) continue;
    by_group[info.locatus_group].push_back(&row);
  }
  json groups = json::array();
  int shown = 0;
  for (auto& [number, list] : by_group) {
    std::stable_sort(list.begin(), list.end(), [](const OpenNowRow* a, const OpenNowRow* b) {
      return a->shop->Street() < b->shop->Street();
    });
    json items = json::array();
    for (const OpenNowRow* row : list) {
      const char* state = row->state.state == hours::RuleState::kOpen     ? "open"
                          : !row->shop->evaluator                          ? "onbekend"
                          : row->state.state == hours::RuleState::kUnknown ? "onbekend"
                                                                           : "gesloten";
      items.push_back({{"name", row->shop->business->name},
                       {"url", HoursUrl(row->shop->business->id)},
                       {"street", row->shop->Street()},
                       {"state", state},
                       {"state_class", std::string("stadshart-state--") + state},
                       {"next", row->next_text},
                       {"comment", row->state.comment ? json(*row->state.comment) : json(false)}});
    }
    shown += static_cast<int>(items.size());
    const auto& info = property::InfoOf(list.front()->shop->business->function);
    groups.push_back({{"label", info.label}, {"id", "groep-" + std::string(info.code)}, {"count", items.size()},
                      {"rows", items}});
  }
  json group_options = json::array();
  group_options.push_back({{"value", ""}, {"label", "Alle branches"}, {"selected", group.empty()}});
  for (const property::FunctionInfo& info : property::Functions()) {
    if (info.function == property::Function::kHousing) continue;
    group_options.push_back({{"value", info.code}, {"label", info.label}, {"selected", info.code == group}});
  }
  Day day = LocalDay(at, Amsterdam());
  json view = {{"when", LongDate(day) + " om " + ClockText(at, Amsterdam())},
               {"chosen", chosen},
               {"date", FormatIsoDay(day)},
               {"time", ClockText(at, Amsterdam()).size() == 4 ? "0" + ClockText(at, Amsterdam()) : ClockText(at, Amsterdam())},
               {"error", error.empty() ? json(false) : json(error)},
               {"group_options", group_options},
               {"all", all},
               {"open", open},
               // Counts that hide their sentence at zero (numbers reach the template as text: "0" would show).
               {"unknown", unknown > 0 ? json(unknown) : json(false)},
               {"without", without > 0 ? json(without) : json(false)},
               {"groups", groups},
               {"any", shown > 0},
               {"api", "/api/v1/open-now?at=" + http::UrlEncode(IsoLocal(at, Amsterdam()))}};
  return web::RenderPage(request, {"Nu open", "/nu-open", {{"/", "Home"}}}, "shophours_open_now", view);
}

}  // namespace

void AddOpenNowPages(http::Router& router, std::shared_ptr<ShopHoursRepository> repo, property::PropertyRepository& reg,
                     const Clock& clock) {
  router.Add(Method::kGet, "/nu-open", [repo, &reg, &clock](Request& r) { return OpenNowPage(*repo, reg, clock, r); },
             {.permission = "public"});
}

}  // namespace stadshart::shophours
