#include "shophours/shop_hours.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"
#include "common/time.h"
#include "hours/parse.h"

namespace stadshart::shophours {
namespace {

constexpr std::size_t kMaxExpression = 1000;
constexpr std::size_t kMaxReason = 100;

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// "2025 Dec 24"
std::string OsmDate(Day day) {
  std::chrono::year_month_day ymd{day};
  char out[24];
  std::snprintf(out, sizeof out, "%d %s %02u", static_cast<int>(ymd.year()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<unsigned>(ymd.day()));
  return out;
}

// Times only: one rule without selectors, state or comment.
bool TimesOnly(const hours::Schedule& schedule) {
  if (schedule.rules.size() != 1) return false;
  const hours::Rule& r = schedule.rules.front();
  return r.years.empty() && r.monthdays.empty() && r.weeks.empty() && r.days.empty() && !r.always &&
         !r.times.empty() && (!r.state || *r.state == hours::RuleState::kOpen) && !r.comment;
}

}  // namespace

std::string_view LiberationDayCode(LiberationDay value) {
  switch (value) {
    case LiberationDay::kNever: return "never";
    case LiberationDay::kLustrum: return "lustrum";
    case LiberationDay::kYearly: return "yearly";
  }
  return "lustrum";
}

std::optional<LiberationDay> ParseLiberationDay(std::string_view code) {
  for (LiberationDay v : {LiberationDay::kNever, LiberationDay::kLustrum, LiberationDay::kYearly}) {
    if (LiberationDayCode(v) == code) return v;
  }
  return std::nullopt;
}

std::string_view RegionCode(hours::SchoolRegion region) {
  switch (region) {
    case hours::SchoolRegion::kNoord: return "noord";
    case hours::SchoolRegion::kMidden: return "midden";
    case hours::SchoolRegion::kZuid: return "zuid";
  }
  return "noord";
}

std::optional<hours::SchoolRegion> ParseRegion(std::string_view code) {
  for (auto r : {hours::SchoolRegion::kNoord, hours::SchoolRegion::kMidden, hours::SchoolRegion::kZuid}) {
    if (RegionCode(r) == code) return r;
  }
  return std::nullopt;
}

std::variant<CheckedExpression, ExpressionProblem> CheckExpression(std::string_view input) {
  std::string trimmed = text::Trim(input);
  if (trimmed.empty()) {
    return ExpressionProblem{0, "Vul de openingstijden in, bijvoorbeeld Mo-Sa 09:30-18:00.",
                             "opening hours are empty"};
  }
  if (!text::IsValidUtf8(trimmed)) {
    return ExpressionProblem{0, "De tekst bevat ongeldige tekens.", "the text is not valid UTF-8"};
  }
  if (CodePoints(trimmed) > kMaxExpression) {
    return ExpressionProblem{kMaxExpression, "Openingstijden zijn hoogstens 1.000 tekens lang.",
                             "opening hours are at most 1,000 characters long"};
  }
  // Positions refer to the input as typed: count the leading whitespace Trim removed.
  std::size_t lead = CodePoints(input.substr(0, input.find_first_not_of(" \t\r\n")));
  auto parsed = hours::Parse(trimmed);
  if (!parsed.ok()) {
    const hours::Problem& p = parsed.problem();
    return ExpressionProblem{p.position + lead, p.message_nl, p.message};
  }
  CheckedExpression checked{parsed.value().normalised, parsed.value().warnings};
  for (hours::Warning& w : checked.warnings) w.position += lead;
  return checked;
}

FieldError ProblemField(const ExpressionProblem& problem, std::string field) {
  return {std::move(field), "Niet begrepen bij teken " + std::to_string(problem.position + 1) + ": " +
                                problem.message_nl + "."};
}

Result<HoursException> CheckException(Day day, bool closed, std::string_view hours_text, std::string_view reason,
                                       int index) {
  std::string prefix = "exceptions[" + std::to_string(index) + "].";
  std::vector<FieldError> errors;
  HoursException out{day, closed, "", text::Trim(reason)};
  if (out.reason.find('"') != std::string::npos || !text::IsValidUtf8(out.reason)) {
    errors.push_back({prefix + "reason", "De reden mag geen aanhalingsteken (\") bevatten."});
  } else if (CodePoints(out.reason) > kMaxReason) {
    errors.push_back({prefix + "reason", "De reden is hoogstens 100 tekens lang."});
  }
  if (!closed) {
    std::string typed = text::Trim(hours_text);
    if (typed.empty()) {
      errors.push_back({prefix + "hours", "Vul de afwijkende tijden in (bijvoorbeeld 10:00-16:00) of kies gesloten."});
    } else {
      auto checked = CheckExpression(typed);
      if (auto* problem = std::get_if<ExpressionProblem>(&checked)) {
        errors.push_back(ProblemField(*problem, prefix + "hours"));
      } else {
        auto parsed = hours::Parse(std::get<CheckedExpression>(checked).normalised);
        if (!parsed.ok() || !TimesOnly(parsed.value().schedule)) {
          errors.push_back({prefix + "hours", "Vul alleen tijden in, bijvoorbeeld 10:00-16:00 of 10:00-12:00,13:00-17:00."});
        } else {
          out.hours = parsed.value().normalised;
        }
      }
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<std::vector<HoursException>> CheckExceptions(std::vector<HoursException> exceptions) {
  std::sort(exceptions.begin(), exceptions.end(),
            [](const HoursException& a, const HoursException& b) { return a.day < b.day; });
  for (std::size_t i = 1; i < exceptions.size(); ++i) {
    if (exceptions[i].day == exceptions[i - 1].day) {
      return Error::Invalid({{"exceptions", "Er staan twee uitzonderingen op " + FormatIsoDay(exceptions[i].day) +
                                                "; geef per dag één uitzondering."}});
    }
  }
  if (exceptions.size() > 366) return Error::Invalid({{"exceptions", "Hoogstens 366 uitzonderingen per bedrijf."}});
  return exceptions;
}

std::vector<FieldError> CheckSchoolHoliday(const SchoolHoliday& holiday) {
  std::vector<FieldError> errors;
  std::string name = text::Trim(holiday.name);
  if (name.empty() || CodePoints(name) > 100 || !text::IsValidUtf8(name)) {
    errors.push_back({"name", "Geef de vakantie een naam van 1 tot 100 tekens, bijvoorbeeld Zomervakantie."});
  }
  if (holiday.last < holiday.first) {
    errors.push_back({"last", "De laatste dag ligt niet voor de eerste dag."});
  } else if (holiday.last - holiday.first > std::chrono::days{120}) {
    errors.push_back({"last", "Een schoolvakantie duurt hoogstens 120 dagen."});
  }
  return errors;
}

std::string EffectiveExpression(const BusinessHours& hours) {
  std::string out = hours.expression;
  for (const HoursException& e : hours.exceptions) {
    out += "; " + OsmDate(e.day) + (e.closed ? " off" : " " + e.hours + " open");
    if (!e.reason.empty()) out += " \"" + e.reason + "\"";
  }
  return out;
}

hours::EvaluationContext ContextFor(const Calendar& calendar) {
  const CentreSettings& s = calendar.settings;
  hours::DutchHolidayOptions options;
  options.good_friday = s.good_friday;
  options.liberation_day = s.liberation_day == LiberationDay::kNever    ? hours::DutchHolidayOptions::LiberationDay::kNever
                           : s.liberation_day == LiberationDay::kYearly ? hours::DutchHolidayOptions::LiberationDay::kEveryYear
                                                                        : hours::DutchHolidayOptions::LiberationDay::kEveryFiveYears;
  std::vector<hours::SchoolHolidayPeriod> periods;
  for (const SchoolHoliday& h : calendar.school_holidays) {
    periods.push_back({h.region, h.name, date::year_month_day{date::sys_days{h.first.time_since_epoch()}},
                       date::year_month_day{date::sys_days{h.last.time_since_epoch()}}});
  }
  hours::EvaluationContext context;
  context.time_zone = "Europe/Amsterdam";
  context.location = hours::Location{s.latitude, s.longitude};
  context.public_holidays = hours::DutchPublicHolidays(options);
  context.school_holidays = hours::SchoolHolidays(s.region, periods);
  return context;
}

hours::Result<hours::Evaluator> Compile(const BusinessHours& hours, const hours::EvaluationContext& context) {
  auto parsed = hours::Parse(EffectiveExpression(hours));
  if (!parsed.ok()) return parsed.problem();
  return hours::Evaluator::Create(std::move(parsed.value().schedule), context);
}

}  // namespace stadshart::shophours
