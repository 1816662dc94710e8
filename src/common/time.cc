#include "common/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>
#include <sstream>

namespace stadshart {
namespace {

const date::time_zone* Amsterdam() {
  static const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
  return zone;
}

}  // namespace

Instant SystemClock::Now() const { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string FormatUtc(Instant instant) { return date::format("%Y-%m-%dT%H:%M:%SZ", instant); }

std::optional<Instant> ParseUtc(std::string_view text) {
  std::istringstream in{std::string(text)};
  Instant instant;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", instant);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return instant;
}

std::string AmsterdamDate(Instant instant) {
  return date::format("%Y-%m-%d", date::make_zoned(Amsterdam(), instant));
}

std::string AmsterdamDateTime(Instant instant) {
  return date::format("%d-%m-%Y %H:%M", date::make_zoned(Amsterdam(), instant));
}

std::optional<std::chrono::sys_days> ParseIsoDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  int part = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 4 || i == 7) {
      ++part;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    parts[part] = parts[part] * 10 + (s[i] - '0');
  }
  std::chrono::year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                  std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (parts[0] < 1000 || !ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string FormatIsoDay(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

std::chrono::sys_days AmsterdamToday(Instant now) { return *ParseIsoDay(AmsterdamDate(now)); }

std::string DutchDate(std::string_view iso_date) {
  static constexpr const char* kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                            "juli",    "augustus", "september", "oktober", "november", "december"};
  std::istringstream in{std::string(iso_date)};
  date::year_month_day ymd;
  in >> date::parse("%Y-%m-%d", ymd);
  if (in.fail() || !ymd.ok()) return std::string(iso_date);
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + kMonths[static_cast<unsigned>(ymd.month()) - 1] +
         " " + std::to_string(static_cast<int>(ymd.year()));
}

}  // namespace stadshart
