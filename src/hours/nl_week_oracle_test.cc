// Compares the engine with opening_hours.js 3.15.0 on 20 typical Dutch shop expressions for the week of 2 June 2025
// (../shared/conformance/opening_hours/nl_week_oracle.json: Europe/Amsterdam, Utrecht). Every difference must be
// one of the known ones below, each explained in docs/opening_hours.md; a new or vanished difference fails.
#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "hours/cli.h"
#include "hours/evaluate.h"
#include "hours/holidays.h"
#include "hours/parse.h"

namespace stadshart::hours {
namespace {

using nlohmann::json;

// expression -> why we differ (docs/opening_hours.md, "Dutch shop week against opening_hours.js").
const std::map<std::string, std::string>& KnownDifferences() {
  static const std::map<std::string, std::string> known = {
      {"Tu-Sa 10:00-17:00; Su 12:00-17:00; Mo off; PH off", "Eerste Pinksterdag (Sun 8 June) is PH for us"},
      {"Mo-Fr 10:00-18:00; Sa 10:00-17:00; Su 12:00-17:00 \"koopzondag\"; PH off",
       "Eerste Pinksterdag (Sun 8 June) is PH for us"},
      {"Mo-Fr 08:00-20:00; Sa 08:00-18:00; Su 10:00-18:00; PH 10:00-16:00",
       "Eerste Pinksterdag (Sun 8 June) is PH for us"},
  };
  return known;
}

std::optional<json> LoadOracle() {
  const char* root = std::getenv("STADSHART_SOURCE_DIR");
  std::string path =
      std::string(root != nullptr ? root : ".") + "/../shared/conformance/opening_hours/nl_week_oracle.json";
  std::ifstream in(path);
  if (!in) return std::nullopt;
  return json::parse(in);
}

void Show(std::ostream& out, const std::vector<Interval>& intervals) {
  for (const Interval& i : intervals) {
    out << "[" << date::format("%a %d %H:%M", date::make_zoned("Europe/Amsterdam", i.from)) << " - "
        << date::format("%a %d %H:%M", date::make_zoned("Europe/Amsterdam", i.to)) << (i.unknown ? " unknown" : "");
    if (i.comment) out << " \"" << *i.comment << "\"";
    out << "]";
  }
}

struct Difference {
  std::string expression;
  std::string description;  // ours and theirs, for the failure message
};

// The expressions whose week differs from the oracle's, evaluated with the given Dutch holiday options.
std::vector<Difference> Differences(const json& oracle, const DutchHolidayOptions& holidays) {
  EvaluationContext context;
  context.time_zone = oracle["tz"];
  context.location = Location{std::stod(oracle["location"]["lat"].get<std::string>()),
                              std::stod(oracle["location"]["lon"].get<std::string>())};
  context.public_holidays = DutchPublicHolidays(holidays);
  auto instant = [](const json& text) { return cli::ParseIsoInstant(text.get<std::string>(), "UTC").value(); };
  Instant from = instant(oracle["from"]);
  Instant to = instant(oracle["to"]);
  std::vector<Difference> out;
  for (const json& c : oracle["cases"]) {
    std::string expression = c["expression"];
    Result<Parsed> parsed = Parse(expression);
    if (!parsed.ok()) {
      out.push_back({expression, "rejected: " + parsed.problem().message});
      continue;
    }
    Result<Evaluator> evaluator = Evaluator::Create(parsed.value().schedule, context);
    if (!evaluator.ok()) {
      out.push_back({expression, "rejected: " + evaluator.problem().message});
      continue;
    }
    std::vector<Interval> got = evaluator.value().Intervals(from, to);
    std::vector<Interval> expected;
    for (const json& e : c["intervals"]) {
      Interval i{instant(e["from"]), instant(e["to"]), e["unknown"].get<bool>(), std::nullopt};
      if (e.contains("comment") && e["comment"].is_string()) i.comment = e["comment"].get<std::string>();
      expected.push_back(i);
    }
    if (got == expected) continue;
    std::ostringstream description;
    description << "\n  ours: ";
    Show(description, got);
    description << "\n  js:   ";
    Show(description, expected);
    out.push_back({expression, description.str()});
  }
  return out;
}

TEST(NlWeekOracle, IntervalsEqualOpeningHoursJsExceptTheKnownDifferences) {
  std::optional<json> oracle = LoadOracle();
  if (!oracle) GTEST_SKIP() << "../shared/conformance/opening_hours/nl_week_oracle.json not found";
  std::vector<Difference> differences = Differences(*oracle, DutchHolidayOptions{});
  std::set<std::string> seen;
  for (const Difference& d : differences) {
    seen.insert(d.expression);
    EXPECT_TRUE(KnownDifferences().contains(d.expression)) << "new difference: " << d.expression << d.description;
  }
  for (const auto& [expression, why] : KnownDifferences()) {
    EXPECT_TRUE(seen.contains(expression)) << "now equal to opening_hours.js, remove from KnownDifferences: "
                                           << expression;
  }
  std::cout << "nl_week_oracle: " << (*oracle)["cases"].size() - differences.size() << "/"
            << (*oracle)["cases"].size() << " expressions give the same week as "
            << (*oracle)["lib"].get<std::string>() << "\n";
}

// The known differences all come from the Dutch PH default: without Whit Sunday as PH (as opening_hours.js), every
// expression gives the oracle's week.
TEST(NlWeekOracle, WithoutWhitSundayAsHolidayEveryExpressionMatches) {
  std::optional<json> oracle = LoadOracle();
  if (!oracle) GTEST_SKIP() << "../shared/conformance/opening_hours/nl_week_oracle.json not found";
  DutchHolidayOptions like_js;
  like_js.whit_sunday = false;
  for (const Difference& d : Differences(*oracle, like_js)) ADD_FAILURE() << d.expression << d.description;
}

}  // namespace
}  // namespace stadshart::hours
