// Helpers shared by the opening-hours pages (internal to src/shophours).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/message.h"
#include "property/register.h"
#include "shophours/week_view.h"

namespace stadshart::shophours::pages {

std::optional<std::int64_t> IdParam(const http::Request& request);
http::Response NotFound(const http::Request& request, const std::string& what);
http::Response CsrfRefused(const http::Request& request);

std::string HoursUrl(std::int64_t business_id);
// A stored UTC instant as Amsterdam wall-clock ("02-06-2025 14:00"); the text itself when it is not one.
std::string WhenText(const std::string& utc);
// "maandag 2 juni 2025"
std::string LongDate(Day day);
// The week as table rows: day, date, hours, comment, today.
nlohmann::json WeekRows(const std::vector<DayLine>& week, Day today);
// <option>s of the zones and of the outlet groups ("" = winkels, "alle" = alle branches), with the chosen one marked.
nlohmann::json ZoneOptions(const property::Register& reg, const std::string& selected);
nlohmann::json GroupOptions(const std::string& selected);
// 0.803 -> "80%"
std::string Percent(double fraction);

}  // namespace stadshart::shophours::pages
