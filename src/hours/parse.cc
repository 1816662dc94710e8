#include "hours/parse.h"

#include <optional>
#include <string>
#include <utility>

#include "hours/parser.h"
#include "hours/prettify.h"
#include "hours/tokens.h"

namespace stadshart::hours {
namespace parsing {

std::optional<Problem> Parser::Run(Schedule& out) {
  if (Peek().kind == Kind::kEnd) return Fail(Peek(), "an opening hours rule, e.g. Mo-Fr 09:00-18:00",
                                             "een regel met openingstijden, bijvoorbeeld Mo-Fr 09:00-18:00");
  Separator separator = Separator::kNormal;
  while (true) {
    Rule rule;
    rule.separator = separator;
    if (!ParseRule(rule)) return error_;
    out.rules.push_back(std::move(rule));
    const Token& t = Peek();
    if (t.kind == Kind::kEnd) break;
    if (IsPunct(t, ';') || IsPunct(t, ',')) {
      separator = IsPunct(t, ';') ? Separator::kNormal : Separator::kAdditional;
      Next();
      if (Peek().kind == Kind::kEnd) {
        Warn(t, "a separator at the end was ignored", "een scheidingsteken aan het eind is genegeerd");
        break;
      }
      continue;
    }
    if (t.kind == Kind::kFallback) {
      separator = Separator::kFallback;
      Next();
      continue;
    }
    return Unexpected(t);
  }
  return std::nullopt;
}

std::string Parser::Describe(const Token& t) const {
  if (t.kind == Kind::kEnd) return "";
  return lenient_.text.substr(t.pos, t.end - t.pos);
}

std::optional<Problem> Parser::Fail(const Token& t, const std::string& expected_en, const std::string& expected_nl) {
  std::string found = Describe(t);
  Problem p;
  p.position = Position(t);
  p.message = "expected " + expected_en + (found.empty() ? " at the end" : ", found '" + found + "'");
  p.message_nl = "verwacht: " + expected_nl + (found.empty() ? " aan het eind" : ", gevonden: '" + found + "'");
  error_ = p;
  return p;
}

std::optional<Problem> Parser::Invalid(const Token& t, const std::string& en, const std::string& nl) {
  error_ = Problem{Position(t), en, nl};
  return error_;
}

std::optional<Problem> Parser::Unexpected(const Token& t) {
  return Fail(t, "';', ',' or '||' between rules, or a selector, time, state or comment",
              "';', ',' of '||' tussen regels, of een selectie, tijd, toestand of opmerking");
}

void Parser::Warn(const Token& t, std::string en, std::string nl) {
  warnings.push_back({Position(t), std::move(en), std::move(nl)});
}

bool Parser::ParseRule(Rule& rule) {
  Part last = Part::kNone;
  while (true) {
    const Token& t = Peek();
    if (t.kind == Kind::kEnd || t.kind == Kind::kFallback || IsPunct(t, ';')) break;
    if (IsPunct(t, ',')) {
      if (last == Part::kTime || last == Part::kAlways || last == Part::kState || last == Part::kComment) break;
      if (last == Part::kNone) {
        Fail(t, "a rule", "een regel");
        return false;
      }
      Fail(Peek(1), "another selector of the same kind after ','", "na ',' nog een selectie van dezelfde soort");
      return false;
    }
    if (IsPunct(t, ':')) {
      if (last == Part::kNone || last == Part::kTime) {
        Unexpected(t);
        return false;
      }
      Next();
      continue;
    }
    bool ok = true;
    if (t.kind == Kind::kNumber && t.value == 24 && IsPunct(Peek(1), '/') && Peek(2).kind == Kind::kNumber &&
        Peek(2).value == 7) {
      Next(), Next(), Next();
      rule.always = true;
      last = Part::kAlways;
    } else if (IsYear(t) && !IsPunct(Peek(1), ':')) {
      const Token& after = Peek(1);
      ok = (MonthIndex(after) > 0 || IsWord(after, "easter")) ? ParseMonthdays(rule) : ParseYears(rule);
      last = Part::kSelector;
    } else if (t.kind == Kind::kNumber || IsPunct(t, '(') || IsSunWord(t)) {
      ok = ParseTimes(rule);
      last = Part::kTime;
    } else if (MonthIndex(t) > 0 || IsWord(t, "easter")) {
      ok = ParseMonthdays(rule);
      last = Part::kSelector;
    } else if (IsWord(t, "week")) {
      ok = ParseWeeks(rule);
      last = Part::kSelector;
    } else if (IsDayItem(t)) {
      ok = ParseDays(rule);
      last = Part::kSelector;
    } else if (IsWord(t, "open") || IsWord(t, "closed") || IsWord(t, "off") || IsWord(t, "unknown")) {
      if (rule.state) {
        Invalid(t, "a rule takes one state (open, closed, off or unknown)",
                "een regel heeft één toestand (open, closed, off of unknown)");
        return false;
      }
      rule.state = IsWord(t, "open") ? RuleState::kOpen : IsWord(t, "unknown") ? RuleState::kUnknown
                                                                               : RuleState::kClosed;
      Next();
      last = Part::kState;
    } else if (t.kind == Kind::kComment) {
      if (rule.comment) {
        Invalid(t, "a rule takes one comment", "een regel heeft één opmerking");
        return false;
      }
      rule.comment = t.text;
      Next();
      last = Part::kComment;
    } else {
      Unexpected(t);
      return false;
    }
    if (!ok) return false;
  }
  if (last == Part::kNone) {
    Fail(Peek(), "a rule", "een regel");
    return false;
  }
  return true;
}

}  // namespace parsing

Result<Parsed> Parse(std::string_view expression, const ParseOptions& options) {
  LenientText lenient = MakeStrict(expression);
  std::vector<parsing::Token> tokens;
  if (auto problem = parsing::Tokenize(lenient.text, tokens)) {
    problem->position = lenient.origin[std::min(problem->position, lenient.origin.size() - 1)];
    return *problem;
  }
  parsing::Parser parser(lenient, options, std::move(tokens));
  Parsed parsed;
  if (auto problem = parser.Run(parsed.schedule)) return *problem;
  // A "," rule after a "||" rule belongs to the fallback ("A || B, C" is "A || B || C"), as in opening_hours.js.
  std::vector<Rule>& rules = parsed.schedule.rules;
  for (std::size_t i = 1; i < rules.size(); ++i) {
    if (rules[i].separator == Separator::kAdditional && rules[i - 1].separator == Separator::kFallback) {
      rules[i].separator = Separator::kFallback;
    }
  }
  parsed.warnings = std::move(lenient.warnings);
  parsed.warnings.insert(parsed.warnings.end(), parser.warnings.begin(), parser.warnings.end());
  parsed.normalised = Prettify(parsed.schedule);
  return parsed;
}

}  // namespace stadshart::hours
