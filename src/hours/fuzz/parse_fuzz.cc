// libFuzzer target for the parser (scripts/fuzz-hours.sh builds it with clang and runs it for a bounded time).
// Any input: Parse must return (a Schedule or a Problem with a position inside the input), never crash; an
// accepted expression's normalised form must parse again to the same normalised form; and evaluating an
// accepted schedule for a week must finish. A crash found here becomes a case in parse_fuzz_regressions_test.cc
// (the target lives in fuzz/ so that the library's source glob leaves it out).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hours/evaluate.h"
#include "hours/parse.h"
#include "hours/utf8.h"

namespace {

using namespace stadshart::hours;

constexpr std::size_t kMaxInput = 512;

[[noreturn]] void Fail() { std::abort(); }

const EvaluationContext& Context() {
  static const EvaluationContext context = [] {
    EvaluationContext c;
    c.time_zone = "Europe/Amsterdam";
    c.location = Location{52.0907, 5.1214};
    c.public_holidays = DutchPublicHolidays();
    c.school_holidays = SchoolHolidays();
    return c;
  }();
  return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (TimeMode mode : {TimeMode::kRanges, TimeMode::kRangesAndPoints}) {
    Result<Parsed> parsed = Parse(input, ParseOptions{mode});
    if (!parsed.ok()) {
      if (parsed.problem().position > DecodeUtf8(input).size()) Fail();
      continue;
    }
    Result<Parsed> again = Parse(parsed.value().normalised, ParseOptions{mode});
    if (!again.ok() || again.value().normalised != parsed.value().normalised) Fail();
    Result<Evaluator> evaluator = Evaluator::Create(parsed.value().schedule, Context());
    if (!evaluator.ok()) continue;
    Instant from{std::chrono::seconds{1743372000}};  // 2025-03-31, after a daylight-saving change
    std::vector<Interval> week = evaluator.value().Intervals(from - std::chrono::days{3}, from + std::chrono::days{4});
    for (std::size_t i = 0; i < week.size(); ++i) {
      if (week[i].from >= week[i].to || (i > 0 && week[i].from < week[i - 1].to)) Fail();
    }
    evaluator.value().StateAt(from);
  }
  return 0;
}
