// Parsing an opening_hours expression (OSM wiki "Key:opening_hours/specification") into a Schedule.
//
//   Parse("Mo-Fr 09:00-18:00; Sa 10:00-17:00")            -> Schedule with two rules
//   Parse("ma-vr 9:00-18:00")                             -> accepted, with warnings; normalised "Mo-Fr 09:00-18:00"
//   Parse("Mo-Fr 09:00-")                                 -> Problem{12, "expected a time ...", "..."}
//
// Accepted: rules joined by ";", "," and "||"; "24/7"; years ("2025", "2020-2030/2", "2030+"), months, dates and
// date ranges with day offsets and "easter"; ISO weeks with steps; weekdays, weekday ranges and lists, the nth
// weekday of the month ("Su[1]", "Su[-1]", "Sa[-1] +3 days"); "PH" and "SH" with day offsets; times, times past
// midnight up to 48:00, ranges wrapping midnight, open ends ("17:00+"); sunrise, sunset, dawn, dusk with offsets
// ("(sunset-01:00)"); the states open, closed/off, unknown; comments in double quotes. Before the strict grammar,
// MakeStrict (lenient.h) repairs common free-form input and each repair becomes a warning.
//
// Pure: no I/O, no global state; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hours/lenient.h"
#include "hours/result.h"
#include "hours/schedule.h"

namespace stadshart::hours {

// Which time selectors a tag takes: opening_hours takes ranges; collection_times takes points ("Mo 12:00,15:00",
// "10:00-16:00/90"); service_times takes both.
enum class TimeMode { kRanges, kPoints, kRangesAndPoints };

struct ParseOptions {
  TimeMode mode = TimeMode::kRanges;
};

struct Parsed {
  Schedule schedule;
  std::vector<Warning> warnings;  // repairs and questionable forms, in input order
  std::string normalised;         // Prettify(schedule): the form to suggest and to store
};

Result<Parsed> Parse(std::string_view expression, const ParseOptions& options = {});

}  // namespace stadshart::hours
