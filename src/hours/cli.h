// The `stadshart hours` subcommands as functions over streams, so that they are tested without a process;
// src/main.cc only declares the options (CLI11) and calls these. Other tools rely on this contract:
//
//   stadshart hours check 'EXPR'
//     valid:   exit 0, the normalised expression and a newline on stdout; one line per warning on stderr
//              ("stadshart hours check: waarschuwing op positie 0: 'ma' is gelezen als 'Mo'").
//     invalid: exit 2, nothing on stdout; on stderr "stadshart hours check: fout op positie N: <Dutch message>",
//              then the expression and a caret under position N.
//
//   stadshart hours intervals --from ISO --to ISO [--tz ZONE] [--lat L --lon L] [--country nl] 'EXPR'
//     exit 0 and one line on stdout:
//       {"intervals":[{"from":"2025-06-02T09:00:00+02:00","to":"2025-06-02T18:00:00+02:00","unknown":false,
//                      "comment":null}]}
//     times in the zone's offset, intervals in order, adjacent ones with the same state and comment merged.
//     Any problem: exit 2, {"error":{"position":N,"message":"<English>"}} on stdout and a Dutch line on stderr.
//
//   stadshart hours intervals --batch [--tz ZONE] [--lat L --lon L] [--country nl]
//     reads JSON lines {"expression":"...","from":"ISO","to":"ISO"} from stdin and writes exactly one JSON line
//     per input line (blank lines included), flushed at once: {"intervals":[...]} or {"error":{...}}. A malformed
//     line gives an error line. Exit 0 when stdin was read to the end; exit 2 (before reading) when the options
//     themselves are invalid (unknown zone, --lat without --lon, ...).
//
// Positions count Unicode code points of the expression from 0; problems that are not in the expression (dates,
// options, PH without --country, a malformed line) have position 0. ISO instants: "2025-06-02",
// "2025-06-02T09:00", "2025-06-02T09:00:00", optionally with fractional seconds, then "Z", "+02:00" or "+0200";
// without an offset they are wall-clock times in --tz. A range may cover at most kMaxRangeDays days.
//
// --country nl gives PH the Dutch default (DutchPublicHolidays(), see docs/opening_hours.md); without it an
// expression using PH is refused. Sun times need --lat and --lon; SH is refused (no school-holiday data here).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "hours/evaluate.h"
#include "hours/result.h"

namespace stadshart::hours::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 2;
inline constexpr int kMaxRangeDays = 3660;  // about ten years

int Check(std::string_view expression, std::ostream& out, std::ostream& err);

struct IntervalsArgs {
  bool batch = false;
  std::string expression;  // with from and to: only without batch
  std::string from;
  std::string to;
  std::string time_zone = "Europe/Amsterdam";
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string country;  // "" (no public holidays) or "nl"
};

// `in` is read only with batch.
int Intervals(const IntervalsArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

// An ISO 8601 instant as described above; `time_zone` must be a known IANA zone (it is used only without offset).
Result<Instant> ParseIsoInstant(std::string_view text, const std::string& time_zone);

}  // namespace stadshart::hours::cli
