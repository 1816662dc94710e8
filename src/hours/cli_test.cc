#include "hours/cli.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace stadshart::hours::cli {
namespace {

using nlohmann::json;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome RunCheck(std::string_view expression) {
  std::ostringstream out, err;
  Outcome r;
  r.code = Check(expression, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

Outcome RunIntervals(const IntervalsArgs& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  Outcome r;
  r.code = Intervals(args, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

IntervalsArgs Week(std::string expression) {
  IntervalsArgs args;
  args.expression = std::move(expression);
  args.from = "2025-06-02T00:00:00+02:00";
  args.to = "2025-06-09T00:00:00+02:00";
  return args;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(CliCheck, ValidExpressionPrintsTheNormalisedFormAndExitsZero) {
  Outcome r = RunCheck("Mo-Fr 09:00-18:00; PH off");
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "Mo-Fr 09:00-18:00; PH off\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliCheck, DutchInputIsNormalisedWithWarningsOnStderr) {
  Outcome r = RunCheck("ma-vr 9:00-18:00");
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "Mo-Fr 09:00-18:00\n");
  EXPECT_NE(r.err.find("stadshart hours check: waarschuwing op positie 0: 'ma' is gelezen als 'Mo'\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("waarschuwing op positie 3: 'vr' is gelezen als 'Fr'"), std::string::npos) << r.err;
}

TEST(CliCheck, InvalidExpressionExitsTwoWithPositionMessageAndCaret) {
  Outcome r = RunCheck("Mo-Fr 09:00-");
  EXPECT_EQ(r.code, kExitInvalid);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "stadshart hours check: fout op positie 12: verwacht: een tijd zoals 09:00 aan het eind\n"
            "  Mo-Fr 09:00-\n"
            "              ^\n");
}

TEST(CliCheck, CaretCountsCharactersNotBytes) {
  Outcome r = RunCheck("Mo–Fr 09:00-18:00 \"geöffnet\" xyz");
  EXPECT_EQ(r.code, kExitInvalid);
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], std::string(2 + 29, ' ') + "^");
}

TEST(CliIntervals, OneWeekAsJsonWithTheZonesOffset) {
  Outcome r = RunIntervals(Week("Mo 09:00-18:00; We 10:00-12:00 \"alleen ochtend\""));
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out,
            "{\"intervals\":[{\"from\":\"2025-06-02T09:00:00+02:00\",\"to\":\"2025-06-02T18:00:00+02:00\",\"unknown\":false,"
            "\"comment\":null},{\"from\":\"2025-06-04T10:00:00+02:00\",\"to\":\"2025-06-04T12:00:00+02:00\","
            "\"unknown\":true,\"comment\":\"alleen ochtend\"}]}\n");
}

TEST(CliIntervals, WinterTimeHasItsOwnOffsetAndOtherZonesWork) {
  IntervalsArgs args = Week("Mo 09:00-18:00");
  args.from = "2025-12-01T00:00:00Z";
  args.to = "2025-12-02T00:00:00Z";
  json j = json::parse(RunIntervals(args).out);
  EXPECT_EQ(j["intervals"][0]["from"], "2025-12-01T09:00:00+01:00");

  args.time_zone = "America/New_York";
  j = json::parse(RunIntervals(args).out);
  ASSERT_EQ(j["intervals"].size(), 1u);
  EXPECT_EQ(j["intervals"][0]["from"], "2025-12-01T09:00:00-05:00");
  EXPECT_EQ(j["intervals"][0]["to"], "2025-12-01T18:00:00-05:00");
}

TEST(CliIntervals, PublicHolidaysNeedCountryNl) {
  IntervalsArgs args = Week("Mo-Sa 10:00-18:00; PH off");
  args.from = "2025-06-09";  // Tweede Pinksterdag
  args.to = "2025-06-10";
  Outcome refused = RunIntervals(args);
  EXPECT_EQ(refused.code, kExitInvalid);
  EXPECT_EQ(json::parse(refused.out)["error"]["message"],
            "PH is used but no public holidays are known for this place (give --country nl for the Dutch default)");
  EXPECT_NE(refused.err.find("geef --country nl"), std::string::npos) << refused.err;

  args.country = "nl";
  Outcome ok = RunIntervals(args);
  EXPECT_EQ(ok.code, kExitOk) << ok.err;
  EXPECT_EQ(ok.out, "{\"intervals\":[]}\n");

  args.expression = "PH 12:00-16:00";
  EXPECT_EQ(json::parse(RunIntervals(args).out)["intervals"][0]["comment"], "Tweede Pinksterdag");
}

TEST(CliIntervals, SunTimesNeedLatitudeAndLongitudeTogether) {
  IntervalsArgs args = Week("sunrise-sunset");
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
  args.latitude = 52.09;
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
  args.longitude = 5.12;
  Outcome r = RunIntervals(args);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(json::parse(r.out)["intervals"].size(), 7u);
  args.latitude = 91;
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
}

TEST(CliIntervals, ProblemsGiveExitTwoAndAnErrorObject) {
  Outcome r = RunIntervals(Week("Mo 25:00-26:00"));
  EXPECT_EQ(r.code, kExitInvalid);
  json e = json::parse(r.out)["error"];
  EXPECT_EQ(e["position"], 3);
  EXPECT_EQ(e["message"], "a time range must start before 24:00");
  EXPECT_NE(r.err.find("fout op positie 3"), std::string::npos) << r.err;

  IntervalsArgs args = Week("Mo 09:00-18:00");
  args.from = "2 juni";
  r = RunIntervals(args);
  EXPECT_EQ(r.code, kExitInvalid);
  EXPECT_EQ(json::parse(r.out)["error"]["position"], 0);
  EXPECT_EQ(r.err, "stadshart hours intervals: '2 juni' is geen ISO 8601-tijd zoals 2025-06-02T09:00:00+02:00\n");

  args = Week("Mo 09:00-18:00");
  args.to = "2025-05-01";
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);  // to before from
  args.to = "2040-01-01";
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);  // longer than kMaxRangeDays
  args = Week("Mo 09:00-18:00");
  args.time_zone = "Europe/Utrecht";
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
  args = Week("Mo 09:00-18:00");
  args.country = "de";
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
  args = Week("");
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);  // no expression and no --batch
}

TEST(CliIntervals, BatchWritesOneLinePerInputLineAndSurvivesMalformedLines) {
  IntervalsArgs args;
  args.batch = true;
  args.country = "nl";
  std::string input =
      "{\"expression\":\"Mo 09:00-18:00\",\"from\":\"2025-06-02T00:00:00+02:00\",\"to\":\"2025-06-03T00:00:00+02:00\"}\n"
      "{\"expression\":\"Mo 09:00-\",\"from\":\"2025-06-02\",\"to\":\"2025-06-03\"}\n"
      "this is not json\n"
      "\n"
      "[1,2]\n"
      "{\"expression\":42,\"from\":\"2025-06-02\",\"to\":\"2025-06-03\"}\n"
      "{\"expression\":\"PH off\",\"from\":\"2025-06-02\",\"to\":\"2025-06-03\"}\r\n"
      "{\"expression\":\"Mo 09:00-18:00\",\"from\":\"2025-06-02\",\"to\":\"gisteren\"}\n"
      "{\"expression\":\"Mo 09:00-18:00\",\"from\":\"2025-06-02\"";  // truncated, no newline
  Outcome r = RunIntervals(args, input);
  EXPECT_EQ(r.code, kExitOk);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 9u) << r.out;
  EXPECT_EQ(lines[0],
            "{\"intervals\":[{\"from\":\"2025-06-02T09:00:00+02:00\",\"to\":\"2025-06-02T18:00:00+02:00\","
            "\"unknown\":false,\"comment\":null}]}");
  EXPECT_EQ(lines[1], "{\"error\":{\"position\":9,\"message\":\"expected a time like 09:00 at the end\"}}");
  EXPECT_EQ(lines[2], "{\"error\":{\"position\":0,\"message\":\"malformed input line: not JSON\"}}");
  EXPECT_EQ(lines[3], "{\"error\":{\"position\":0,\"message\":\"malformed input line: not JSON\"}}");
  EXPECT_EQ(lines[4], "{\"error\":{\"position\":0,\"message\":\"malformed input line: not a JSON object\"}}");
  EXPECT_EQ(lines[5],
            "{\"error\":{\"position\":0,\"message\":\"malformed input line: \\\"expression\\\" must be a string\"}}");
  EXPECT_EQ(lines[6], "{\"intervals\":[]}");
  EXPECT_EQ(json::parse(lines[7])["error"]["position"], 0);
  EXPECT_EQ(lines[8], "{\"error\":{\"position\":0,\"message\":\"malformed input line: not JSON\"}}");
}

TEST(CliIntervals, BatchRefusesArgumentsMeantForOneExpressionAndBadOptionsBeforeReading) {
  IntervalsArgs args = Week("Mo 09:00-18:00");
  args.batch = true;
  EXPECT_EQ(RunIntervals(args).code, kExitInvalid);
  IntervalsArgs bad;
  bad.batch = true;
  bad.time_zone = "Mars/Olympus";
  Outcome r = RunIntervals(bad, "{}\n");
  EXPECT_EQ(r.code, kExitInvalid);
  EXPECT_EQ(r.out, "");
}

TEST(CliIntervals, InvalidUtf8InACommentIsReplacedNotFatal) {
  Outcome r = RunIntervals(Week("Mo 09:00-18:00 \"caf\xe9\""));
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("caf\xef\xbf\xbd"), std::string::npos) << r.out;
}

TEST(CliIso, OffsetsZuluLocalTimesAndFractions) {
  auto at = [](std::string_view text, const std::string& zone = "Europe/Amsterdam") {
    Result<Instant> r = ParseIsoInstant(text, zone);
    return r.ok() ? date::format("%FT%TZ", r.value()) : "ERROR";
  };
  EXPECT_EQ(at("2025-06-02T09:00:00+02:00"), "2025-06-02T07:00:00Z");
  EXPECT_EQ(at("2025-06-02T09:00:00-0330"), "2025-06-02T12:30:00Z");
  EXPECT_EQ(at("2025-06-01T22:00:00.000Z"), "2025-06-01T22:00:00Z");
  EXPECT_EQ(at("2025-06-02T09:00"), "2025-06-02T07:00:00Z");  // wall clock in the zone
  EXPECT_EQ(at("2025-12-02"), "2025-12-01T23:00:00Z");
  EXPECT_EQ(at("2025-03-30T02:30"), "2025-03-30T01:00:00Z");  // does not exist: the transition
  EXPECT_EQ(at("2025-06-02", "UTC"), "2025-06-02T00:00:00Z");
  for (const char* bad : {"", "2025-6-2", "2025-02-30", "2025-06-02T24:00", "2025-06-02T09", "2025-06-02T09:00+2",
                          "2025-06-02T09:00:00.Z", "2025-06-02T09:00Zx", "02-06-2025"}) {
    EXPECT_EQ(at(bad), "ERROR") << bad;
  }
}

}  // namespace
}  // namespace stadshart::hours::cli
