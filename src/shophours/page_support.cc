#include "shophours/page_support.h"

#include <cmath>

#include "common/text.h"
#include "common/time.h"
#include "web/page.h"

namespace stadshart::shophours::pages {

std::optional<std::int64_t> IdParam(const http::Request& request) {
  long long id = 0;
  if (!text::ParseInt(request.Param("id"), id) || id <= 0) return std::nullopt;
  return id;
}

http::Response NotFound(const http::Request& request, const std::string& what) {
  return web::MessagePage(request, 404, "Niet gevonden", what + " bestaat niet (meer).");
}

http::Response CsrfRefused(const http::Request& request) {
  return web::MessagePage(request, 403, "Formulier verlopen",
                          "Dit formulier kon niet worden gecontroleerd (beveiligingscode ontbreekt of klopt niet). "
                          "Er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.");
}

std::string HoursUrl(std::int64_t business_id) { return "/bedrijven/" + std::to_string(business_id) + "/openingstijden"; }

std::string WhenText(const std::string& utc) {
  auto instant = ParseUtc(utc);
  return instant ? AmsterdamDateTime(*instant) : utc;
}

std::string LongDate(Day day) {
  static const char* const kMonths[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                        "augustus", "september", "oktober", "november", "december"};
  std::chrono::year_month_day ymd{day};
  return LongWeekday(WeekdayIndex(day)) + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " + std::to_string(static_cast<int>(ymd.year()));
}

nlohmann::json WeekRows(const std::vector<DayLine>& week, Day today) {
  nlohmann::json rows = nlohmann::json::array();
  for (const DayLine& d : week) {
    rows.push_back({{"day", d.weekday}, {"date", LongDate(d.day)}, {"hours", d.text},
                    {"comment", d.comment.empty() ? nlohmann::json(false) : nlohmann::json(d.comment)},
                    {"today", d.day == today}, {"closed", !d.open}});
  }
  return rows;
}

nlohmann::json ZoneOptions(const property::Register& reg, const std::string& selected) {
  nlohmann::json options = nlohmann::json::array();
  for (const property::Zone& z : reg.zones) {
    options.push_back({{"value", z.code}, {"label", z.name}, {"selected", z.code == selected}});
  }
  return options;
}

nlohmann::json GroupOptions(const std::string& selected) {
  nlohmann::json options = nlohmann::json::array();
  options.push_back({{"value", ""}, {"label", "Alle winkels (detailhandel)"}, {"selected", selected.empty()}});
  options.push_back({{"value", "alle"}, {"label", "Alle branches"}, {"selected", selected == "alle"}});
  for (const property::FunctionInfo& info : property::Functions()) {
    if (info.function == property::Function::kHousing) continue;
    options.push_back({{"value", info.code}, {"label", info.label}, {"selected", info.code == selected}});
  }
  return options;
}

std::string Percent(double fraction) { return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%"; }

}  // namespace stadshart::shophours::pages
