// ISO weeks ("week 01-53/2"), weekdays ("Mo-Fr", "Su[1]", "Sa[-1] +3 days") and holidays ("PH", "SH +1 day").
#include "hours/parser.h"

namespace stadshart::hours::parsing {

bool Parser::ParseWeeks(Rule& rule) {
  Next();  // "week"
  std::vector<WeekRange> list;
  while (true) {
    const Token& from = Peek();
    if (from.kind != Kind::kNumber || from.value < 1 || from.value > 53) {
      return !Fail(from, "a week number from 01 to 53", "een weeknummer van 01 tot en met 53");
    }
    Next();
    WeekRange w{from.value, from.value, 1};
    if (IsPunct(Peek(), '-')) {
      Next();
      const Token& to = Peek();
      if (to.kind != Kind::kNumber || to.value < 1 || to.value > 53) {
        return !Fail(to, "a week number from 01 to 53", "een weeknummer van 01 tot en met 53");
      }
      Next();
      if (to.value < from.value) {
        return !Invalid(to, "the end week comes before the start week", "de eindweek ligt voor de beginweek");
      }
      w.to = to.value;
      if (IsPunct(Peek(), '/')) {
        Next();
        const Token& step = Peek();
        // 2 to 26 (half of 53), whatever the length of the range, as opening_hours.js accepts
        if (step.kind != Kind::kNumber || step.value < 2 || step.value > 26) {
          return !Fail(step, "a step from 2 to 26 weeks", "een stap van 2 tot en met 26 weken");
        }
        w.step = Next().value;
      }
    }
    list.push_back(w);
    if (IsPunct(Peek(), ',') && (IsWord(Peek(1), "week") || (Peek(1).kind == Kind::kNumber && !IsYear(Peek(1)) &&
                                                             !TimeAt(1)))) {
      Next();
      if (IsWord(Peek(), "week")) Next();
      continue;
    }
    break;
  }
  rule.weeks.push_back(std::move(list));
  return true;
}

bool Parser::ParseNth(std::vector<int>& nth) {
  Next();  // '['
  while (true) {
    int sign = 1;
    if (IsPunct(Peek(), '-')) sign = (Next(), -1);
    const Token& a = Peek();
    if (a.kind != Kind::kNumber || a.value < 1 || a.value > 5) {
      return !Fail(a, "a number from 1 to 5 (or -1 to -5)", "een getal van 1 tot en met 5 (of -1 tot en met -5)");
    }
    Next();
    int from = sign * a.value;
    int to = from;
    if (IsPunct(Peek(), '-') && sign > 0) {
      Next();
      const Token& b = Peek();
      if (b.kind != Kind::kNumber || b.value < a.value || b.value > 5) {
        return !Fail(b, "a number from the start up to 5", "een getal vanaf het begin tot en met 5");
      }
      Next();
      to = b.value;
    }
    for (int n = from; n <= to; ++n) nth.push_back(n);
    if (IsPunct(Peek(), ',')) {
      Next();
      continue;
    }
    if (!IsPunct(Peek(), ']')) return !Fail(Peek(), "',' or ']'", "',' of ']'");
    Next();
    return true;
  }
}

bool Parser::ParseDays(Rule& rule) {
  DayFilter filter;
  while (true) {
    const Token& t = Peek();
    if (IsHoliday(t)) {
      Next();
      Holiday h;
      h.kind = IsWord(t, "ph") ? HolidayKind::kPublic : HolidayKind::kSchool;
      if (!ParseOffset(h.day_offset, false)) return false;
      filter.holidays.push_back(h);
    } else if (WeekdayIndex(t) >= 0) {
      Next();
      WeekdayRange w;
      w.from = w.to = WeekdayIndex(t);
      if (IsPunct(Peek(), '-') && !IsDayItem(Peek(1)) && Peek(1).kind != Kind::kNumber) {
        return !Fail(Peek(1), "a weekday after '-'", "een weekdag na '-'");
      }
      if (IsPunct(Peek(), '-') && WeekdayIndex(Peek(1)) >= 0) {
        Next();
        w.to = WeekdayIndex(Next());
      }
      if (IsPunct(Peek(), '[')) {
        if (!ParseNth(w.nth)) return false;
        if (!ParseOffset(w.day_offset, false)) return false;
      }
      filter.weekdays.push_back(w);
    } else {
      return !Fail(t, "a weekday (Mo-Su), PH or SH", "een weekdag (Mo-Su), PH of SH");
    }
    if (IsPunct(Peek(), ',') && IsDayItem(Peek(1))) {
      Next();
      continue;
    }
    break;
  }
  rule.days.push_back(std::move(filter));
  return true;
}

}  // namespace stadshart::hours::parsing
