// The opening hours of the centre's businesses as the platform keeps them: per business its OSM opening_hours
// expression and dated exceptions (holiday closures), the centre's calendar settings (which contested days count
// as public holidays, the school-holiday region, where the centre lies) and the school holidays as dated data the
// partnership edits. The checks that turn a person's input into what is stored, and the evaluator that follows
// from a record. Pure: values in, values out; the engine in src/hours does the reading and the evaluating.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "hours/evaluate.h"
#include "hours/holidays.h"
#include "hours/lenient.h"

namespace stadshart::shophours {

using Day = std::chrono::sys_days;

// One day on which a business keeps other hours than usual: closed, or open at `hours` ("10:00-16:00").
struct HoursException {
  Day day;
  bool closed = true;
  std::string hours;   // normalised time spans when not closed, e.g. "10:00-16:00" or "10:00-12:00,13:00-17:00"
  std::string reason;  // shown as the comment of that day, e.g. "Kerstavond"; no double quotes

  bool operator==(const HoursException&) const = default;
};

struct BusinessHours {
  std::int64_t business_id = 0;
  std::string expression;  // normalised opening_hours, e.g. "Mo-Sa 09:30-18:00; PH off"
  std::vector<HoursException> exceptions;  // by day, at most one per day
  std::int64_t version = 0;  // 0: no hours stored yet
  std::string updated_at;    // UTC instant
};

enum class LiberationDay { kNever, kLustrum, kYearly };
std::string_view LiberationDayCode(LiberationDay value);  // "never", "lustrum", "yearly"
std::optional<LiberationDay> ParseLiberationDay(std::string_view code);

std::string_view RegionCode(hours::SchoolRegion region);  // "noord", "midden", "zuid"
std::optional<hours::SchoolRegion> ParseRegion(std::string_view code);

// The centre's calendar: one row per deployment.
struct CentreSettings {
  bool good_friday = false;                            // Goede Vrijdag counts as PH
  LiberationDay liberation_day = LiberationDay::kLustrum;  // Bevrijdingsdag counts as PH: never, 2025/2030/..., yearly
  hours::SchoolRegion region = hours::SchoolRegion::kNoord;  // whose school holidays SH means
  double latitude = 52.9929;                           // for sunrise and sunset (Assen, Koopmansplein)
  double longitude = 6.5626;
  std::int64_t version = 1;
};

struct SchoolHoliday {
  std::int64_t id = 0;  // 0 until stored
  hours::SchoolRegion region = hours::SchoolRegion::kNoord;
  std::string name;  // "Zomervakantie"
  Day first;         // inclusive
  Day last;          // inclusive
};

// The calendar every business of the centre is evaluated with.
struct Calendar {
  CentreSettings settings;
  std::vector<SchoolHoliday> school_holidays;  // all regions; the settings pick one
};

// --- Checks: a person's input into what is stored ------------------------------------------------------------

// An accepted expression: the normalised form to store and show, and what the lenient reader repaired.
struct CheckedExpression {
  std::string normalised;
  std::vector<hours::Warning> warnings;
};

// A refused expression: where (code point from 0) and what, in Dutch (pages, API message) and English.
struct ExpressionProblem {
  std::size_t position = 0;
  std::string message_nl;
  std::string message_en;
};

// Reads what a person typed ("ma-vr 9:00-18:00" is accepted with warnings and normalised). Refuses empty input,
// more than 1,000 characters, and expressions that cannot be evaluated here (points in time, unknown time zone).
std::variant<CheckedExpression, ExpressionProblem> CheckExpression(std::string_view input);

// The field error of a problem for forms and the API: "Op positie 12: verwacht ..." (Dutch).
FieldError ProblemField(const ExpressionProblem& problem, std::string field = "opening_hours");

// An exception as typed: the hours ("12-17", "12:00-17:00", "10:00-12:00,13:00-17:00") are read like an
// expression but must be times only; the reason has at most 100 characters and no double quote. Field errors
// name "exceptions[i].hours" and "exceptions[i].reason" with `index`.
Result<HoursException> CheckException(Day day, bool closed, std::string_view hours, std::string_view reason,
                                       int index = 0);

// Exceptions sorted by day; two on one day are refused.
Result<std::vector<HoursException>> CheckExceptions(std::vector<HoursException> exceptions);

// A school holiday as typed: a name (1-100 characters) and first <= last, at most 120 days apart.
std::vector<FieldError> CheckSchoolHoliday(const SchoolHoliday& holiday);

// --- Evaluation -------------------------------------------------------------------------------------------------

// The expression with the exceptions appended as dated rules that override it:
//   "Mo-Sa 09:30-18:00; 2025 Dec 24 09:30-16:00 open \"Kerstavond\"; 2025 Dec 31 off \"Oudejaarsdag\"".
std::string EffectiveExpression(const BusinessHours& hours);

// The engine's context for the centre: Europe/Amsterdam, the centre's location, the Dutch public holidays with
// the centre's choices, the school holidays of its region.
hours::EvaluationContext ContextFor(const Calendar& calendar);

// The evaluator of a business's hours (with its exceptions) in the centre's calendar; a Problem when the stored
// text no longer parses (it was checked when stored, so that means the engine changed).
hours::Result<hours::Evaluator> Compile(const BusinessHours& hours, const hours::EvaluationContext& context);

}  // namespace stadshart::shophours
