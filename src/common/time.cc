#include "common/time.h"

#include <date/date.h>
#include <date/tz.h>

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
