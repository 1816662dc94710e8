// Time: UTC instants in storage and the API, Europe/Amsterdam wall-clock on pages. The clock is an interface so
// that tests can fix "now".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace stadshart {

using Instant = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }
  void Set(Instant now) { now_ = now; }

 private:
  Instant now_;
};

// "2019-03-31T01:30:00Z"
std::string FormatUtc(Instant instant);
// Parses the form FormatUtc writes; nullopt for anything else.
std::optional<Instant> ParseUtc(std::string_view text);

// The calendar date in Europe/Amsterdam at that instant, "YYYY-MM-DD".
std::string AmsterdamDate(Instant instant);
// Wall-clock in Europe/Amsterdam for pages: "31-03-2019 03:30".
std::string AmsterdamDateTime(Instant instant);
// Calendar days ("2019-03-31", proleptic Gregorian, years 1000-9999): the form days take in storage, CSV and
// the API. ParseIsoDay is strict (exactly YYYY-MM-DD, a real date); nullopt for anything else.
std::optional<std::chrono::sys_days> ParseIsoDay(std::string_view text);
std::string FormatIsoDay(std::chrono::sys_days day);
// Today's calendar date in Europe/Amsterdam.
std::chrono::sys_days AmsterdamToday(Instant now);

// "2019-03-31" -> "31 maart 2019"; the input unchanged when it is not a date.
std::string DutchDate(std::string_view iso_date);

}  // namespace stadshart
