#include "hours/cli.h"

#include <date/date.h>
#include <date/tz.h>

#include <exception>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <utility>
#include <vector>

#include "hours/holidays.h"
#include "hours/parse.h"
#include "hours/utf8.h"

namespace stadshart::hours::cli {
namespace {

// Keys in the order of the contract ({"from","to","unknown","comment"}, {"position","message"}).
using json = nlohmann::ordered_json;

// Comments come from the input and may hold invalid UTF-8 (an argument is not checked); never throw on them.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json ErrorJson(const Problem& p) { return {{"error", {{"position", p.position}, {"message", p.message}}}}; }

// "fout op positie 12: verwacht: ..." and the expression with a caret under the position; without an expression
// (a problem in the options or dates) only the message.
void PrintProblem(std::ostream& err, std::string_view command, std::string_view expression, const Problem& p) {
  if (expression.empty()) {
    err << "stadshart hours " << command << ": " << p.message_nl << "\n";
    return;
  }
  err << "stadshart hours " << command << ": fout op positie " << p.position << ": " << p.message_nl << "\n";
  std::size_t length = DecodeUtf8(expression).size();
  err << "  " << expression << "\n  " << std::string(std::min(p.position, length), ' ') << "^\n";
}

void PrintWarnings(std::ostream& err, std::string_view command, const std::vector<Warning>& warnings) {
  for (const Warning& w : warnings) {
    err << "stadshart hours " << command << ": waarschuwing op positie " << w.position << ": " << w.message_nl << "\n";
  }
}

Problem NotIso(std::string_view text) {
  std::string t(text);
  return Problem{0, "'" + t + "' is not an ISO 8601 time such as 2025-06-02T09:00:00+02:00",
                 "'" + t + "' is geen ISO 8601-tijd zoals 2025-06-02T09:00:00+02:00"};
}

// The evaluation context the options describe, and its zone (for formatting).
struct Place {
  EvaluationContext context;
  const date::time_zone* zone = nullptr;
};

Result<Place> MakePlace(const IntervalsArgs& args) {
  Place place;
  try {
    place.zone = date::locate_zone(args.time_zone);
  } catch (const std::exception&) {
    return Problem{0, "unknown time zone '" + args.time_zone + "'", "onbekende tijdzone '" + args.time_zone + "'"};
  }
  place.context.time_zone = args.time_zone;
  if (args.latitude.has_value() != args.longitude.has_value()) {
    return Problem{0, "give both --lat and --lon, or neither", "geef --lat en --lon allebei, of geen van beide"};
  }
  if (args.latitude) {
    if (!(*args.latitude >= -90 && *args.latitude <= 90) || !(*args.longitude >= -180 && *args.longitude <= 180)) {
      return Problem{0, "--lat must lie in [-90, 90] and --lon in [-180, 180]",
                     "--lat moet tussen -90 en 90 liggen en --lon tussen -180 en 180"};
    }
    place.context.location = Location{*args.latitude, *args.longitude};
  }
  if (args.country == "nl") {
    place.context.public_holidays = DutchPublicHolidays();
  } else if (!args.country.empty()) {
    return Problem{0, "unknown --country '" + args.country + "' (known: nl)",
                   "onbekend land '" + args.country + "' bij --country (bekend: nl)"};
  }
  return place;
}

struct Evaluated {
  std::vector<Interval> intervals;
  std::vector<Warning> warnings;
};

// `in_expression` tells whether a Problem points into the expression (a parse error) or not.
Result<Evaluated> Evaluate(std::string_view expression, std::string_view from_text, std::string_view to_text,
                           const Place& place, bool& in_expression) {
  Result<Parsed> parsed = Parse(expression);
  in_expression = !parsed.ok();
  if (!parsed.ok()) return parsed.problem();
  Result<Instant> from = ParseIsoInstant(from_text, place.context.time_zone);
  if (!from.ok()) return from.problem();
  Result<Instant> to = ParseIsoInstant(to_text, place.context.time_zone);
  if (!to.ok()) return to.problem();
  if (to.value() < from.value()) {
    return Problem{0, "--to lies before --from", "--to ligt voor --from"};
  }
  if (to.value() - from.value() > date::days{kMaxRangeDays}) {
    return Problem{0, "the range is longer than " + std::to_string(kMaxRangeDays) + " days",
                   "de periode is langer dan " + std::to_string(kMaxRangeDays) + " dagen"};
  }
  Result<Evaluator> evaluator = Evaluator::Create(std::move(parsed.value().schedule), place.context);
  if (!evaluator.ok()) {
    Problem p = evaluator.problem();
    if (p.message.starts_with("PH is used")) {
      p.message += " (give --country nl for the Dutch default)";
      p.message_nl += " (geef --country nl voor de Nederlandse standaard)";
    }
    return p;
  }
  return Evaluated{evaluator.value().Intervals(from.value(), to.value()), std::move(parsed.value().warnings)};
}

json IntervalsJson(const std::vector<Interval>& intervals, const date::time_zone* zone) {
  json list = json::array();
  for (const Interval& i : intervals) {
    list.push_back({{"from", date::format("%FT%T%Ez", date::zoned_seconds{zone, i.from})},
                    {"to", date::format("%FT%T%Ez", date::zoned_seconds{zone, i.to})},
                    {"unknown", i.unknown},
                    {"comment", i.comment ? json(*i.comment) : json(nullptr)}});
  }
  return {{"intervals", std::move(list)}};
}

Problem MalformedLine(const std::string& why_en, const std::string& why_nl) {
  return Problem{0, "malformed input line: " + why_en, "onleesbare invoerregel: " + why_nl};
}

// One batch line to one output line.
json BatchLine(const std::string& line, const Place& place) {
  json request = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return ErrorJson(MalformedLine("not JSON", "geen JSON"));
  if (!request.is_object()) return ErrorJson(MalformedLine("not a JSON object", "geen JSON-object"));
  for (const char* field : {"expression", "from", "to"}) {
    if (!request.contains(field) || !request[field].is_string()) {
      return ErrorJson(MalformedLine(std::string("\"") + field + "\" must be a string",
                                     std::string("\"") + field + "\" moet een tekst zijn"));
    }
  }
  bool in_expression = false;
  Result<Evaluated> evaluated = Evaluate(request["expression"].get_ref<const std::string&>(),
                                         request["from"].get_ref<const std::string&>(),
                                         request["to"].get_ref<const std::string&>(), place, in_expression);
  if (!evaluated.ok()) return ErrorJson(evaluated.problem());
  return IntervalsJson(evaluated.value().intervals, place.zone);
}

}  // namespace

Result<Instant> ParseIsoInstant(std::string_view text, const std::string& time_zone) {
  std::size_t i = 0;
  auto digits = [&](int n, int& value) {
    if (i + static_cast<std::size_t>(n) > text.size()) return false;
    value = 0;
    for (int k = 0; k < n; ++k) {
      char c = text[i + static_cast<std::size_t>(k)];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    i += static_cast<std::size_t>(n);
    return true;
  };
  auto literal = [&](char c) {
    if (i >= text.size() || text[i] != c) return false;
    ++i;
    return true;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(4, year) || !literal('-') || !digits(2, month) || !literal('-') || !digits(2, day)) return NotIso(text);
  date::year_month_day ymd = date::year{year} / month / day;
  if (!ymd.ok()) return NotIso(text);
  if (literal('T') || literal('t') || literal(' ')) {
    if (!digits(2, hour) || !literal(':') || !digits(2, minute)) return NotIso(text);
    if (literal(':')) {
      if (!digits(2, second)) return NotIso(text);
      if (literal('.') || literal(',')) {
        std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;  // fractions are dropped
        if (i == start) return NotIso(text);
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return NotIso(text);
  }
  date::local_seconds local =
      date::local_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  if (i == text.size()) {
    try {
      return date::locate_zone(time_zone)->to_sys(local, date::choose::earliest);
    } catch (const std::exception&) {
      return Problem{0, "unknown time zone '" + time_zone + "'", "onbekende tijdzone '" + time_zone + "'"};
    }
  }
  std::chrono::minutes offset{0};
  if (!literal('Z') && !literal('z')) {
    int sign = literal('+') ? 1 : literal('-') ? -1 : 0;
    int offset_hours = 0, offset_minutes = 0;
    if (sign == 0 || !digits(2, offset_hours)) return NotIso(text);
    literal(':');
    if (!digits(2, offset_minutes) || offset_hours > 18 || offset_minutes > 59) return NotIso(text);
    offset = sign * (std::chrono::hours{offset_hours} + std::chrono::minutes{offset_minutes});
  }
  if (i != text.size()) return NotIso(text);
  return Instant{local.time_since_epoch() - offset};
}

int Check(std::string_view expression, std::ostream& out, std::ostream& err) {
  Result<Parsed> parsed = Parse(expression);
  if (!parsed.ok()) {
    PrintProblem(err, "check", expression, parsed.problem());
    return kExitInvalid;
  }
  out << parsed.value().normalised << "\n";
  PrintWarnings(err, "check", parsed.value().warnings);
  return kExitOk;
}

int Intervals(const IntervalsArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.batch && (!args.expression.empty() || !args.from.empty() || !args.to.empty())) {
    err << "stadshart hours intervals: met --batch komen expressie, --from en --to uit de invoer, niet uit de "
           "argumenten\n";
    return kExitInvalid;
  }
  if (!args.batch && (args.expression.empty() || args.from.empty() || args.to.empty())) {
    err << "stadshart hours intervals: geef een expressie, --from en --to (of --batch)\n";
    return kExitInvalid;
  }
  Result<Place> place = MakePlace(args);
  if (!place.ok()) {
    err << "stadshart hours intervals: " << place.problem().message_nl << "\n";
    if (!args.batch) out << Dump(ErrorJson(place.problem())) << "\n";
    return kExitInvalid;
  }
  if (args.batch) {
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out << Dump(BatchLine(line, place.value())) << "\n" << std::flush;
    }
    return kExitOk;
  }
  bool in_expression = false;
  Result<Evaluated> evaluated = Evaluate(args.expression, args.from, args.to, place.value(), in_expression);
  if (!evaluated.ok()) {
    out << Dump(ErrorJson(evaluated.problem())) << "\n";
    PrintProblem(err, "intervals", in_expression ? args.expression : "", evaluated.problem());
    return kExitInvalid;
  }
  out << Dump(IntervalsJson(evaluated.value().intervals, place.value().zone)) << "\n";
  PrintWarnings(err, "intervals", evaluated.value().warnings);
  return kExitOk;
}

}  // namespace stadshart::hours::cli
