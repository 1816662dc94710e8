// Opening hours as people read them, in Dutch and Europe/Amsterdam wall-clock time: a week ("Ma 09:30–18:00,
// Zo gesloten") and the next change ("sluit om 18:00", "opent morgen om 9:30"). Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hours/evaluate.h"

namespace date {
class time_zone;
}

namespace stadshart::shophours {

using Day = std::chrono::sys_days;
using Instant = std::chrono::sys_seconds;

// Europe/Amsterdam (looked up once).
const date::time_zone* Amsterdam();

// The Monday of the (ISO) week that holds `day`.
Day MondayOf(Day day);
// The local calendar day of an instant.
Day LocalDay(Instant instant, const date::time_zone* zone);
// The instant of a local wall-clock time (minutes after midnight, may be 24*60) on a local day; a time in the gap
// of a daylight-saving change moves forward to the first valid instant, a repeated time takes its first occurrence.
Instant LocalInstant(Day day, int minutes, const date::time_zone* zone);

// "ma", "di", ... (0 = Monday) and "maandag", ...
std::string ShortWeekday(int weekday);
std::string LongWeekday(int weekday);
// 0 = Monday.
int WeekdayIndex(Day day);

struct DayLine {
  Day day;
  std::string weekday;   // "Ma"
  std::string text;      // "09:30–18:00", "09:30–12:00, 13:00–17:00", "11:00–02:00", "hele dag", "gesloten"
  bool open = false;     // open (or unknown) at some time of the day
  std::string comment;   // comments of the day's open pieces joined by "; " (holiday names, reasons); may be empty
};

// The seven days from `monday`. A range that runs past midnight and ends before noon the next day is shown on
// the day it starts ("Vr 22:00–02:00"); unknown times carry " (onbekend)".
std::vector<DayLine> Week(const hours::Evaluator& evaluator, Day monday, const date::time_zone* zone);

// The next change in words, seen at `at`: "sluit om 18:00", "sluit morgen om 2:00", "opent om 13:00",
// "opent morgen om 9:30", "opent maandag om 9:30", "opent op 3 januari om 12:00", "blijft open",
// "de komende week niet open"; "onbekend tot 18:00" when the state is unknown.
std::string NextChangeText(hours::RuleState now, std::optional<Instant> next, Instant at, const date::time_zone* zone);

// "9:30", "18:00"
std::string ClockText(Instant instant, const date::time_zone* zone);

// An instant as the API and forms take it: "2025-03-30T01:30:00Z", with an offset ("...T03:30:00+02:00"), or a
// wall-clock time of `zone` without one ("2025-03-30T03:30", seconds optional); nullopt for anything else.
std::optional<Instant> ParseInstant(std::string_view text, const date::time_zone* zone);
// "2025-06-02T18:00:00+02:00": local time with its offset.
std::string IsoLocal(Instant instant, const date::time_zone* zone);

}  // namespace stadshart::shophours
