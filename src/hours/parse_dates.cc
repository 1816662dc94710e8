// Years, months, dates and date ranges ("2020-2030/2", "Dec 24", "Jan 23-Feb 12", "easter -2 days", "Mar Su[-1]").
#include "hours/parser.h"

namespace stadshart::hours::parsing {

bool Parser::ParseYears(Rule& rule) {
  std::vector<YearRange> list;
  while (true) {
    const Token& from = Next();
    YearRange y{from.value, from.value, 1};
    if (IsPunct(Peek(), '-')) {
      Next();
      if (!IsYear(Peek())) return !Fail(Peek(), "a year after '-'", "een jaartal na '-'");
      const Token& to = Next();
      if (to.value <= from.value) {
        return !Invalid(to, "the end year must come after the start year", "het eindjaar moet na het beginjaar liggen");
      }
      y.to = to.value;
    }
    if (IsPunct(Peek(), '+')) {
      Next();
      y.to = kOpenYear;
    } else if (IsPunct(Peek(), '/')) {
      Next();
      if (Peek().kind != Kind::kNumber || Peek().value < 1) {
        return !Fail(Peek(), "a step of at least 1 year after '/'", "een stap van minstens 1 jaar na '/'");
      }
      y.step = Next().value;
      if (y.to == y.from) y.to = kOpenYear;
    }
    list.push_back(y);
    if (IsPunct(Peek(), ',') && IsYear(Peek(1))) {
      Next();
      continue;
    }
    break;
  }
  rule.years.push_back(std::move(list));
  return true;
}

bool Parser::ParseOffset(int& days, bool allow_space) {
  const Token& sign = Peek();
  if (!(IsPunct(sign, '+') || IsPunct(sign, '-'))) return true;
  const Token& number = Peek(1);
  if (number.kind != Kind::kNumber || (!allow_space && number.space_before)) return true;
  const Token& unit = Peek(2);
  if (!(IsWord(unit, "day") || IsWord(unit, "days"))) return true;
  Next(), Next(), Next();
  days = IsPunct(sign, '-') ? -number.value : number.value;
  if (days > 365 || days < -365) {
    return !Invalid(number, "a day offset must be at most 365 days", "een verschuiving is hoogstens 365 dagen");
  }
  return true;
}

// Looking at "Sa[1]" or "Sa[-1]" after a month: whether a date range dash or an offset follows the ']'.
bool Parser::NthDateContinues() const {
  std::size_t after = IsPunct(Peek(2), '-') ? 5 : 4;
  const Token& t = Peek(after);
  return IsPunct(t, '-') || IsPunct(t, '+');
}

// [year] month [day | weekday[n]] [offset] | [year] easter [offset]

bool Parser::ParseDate(DatePoint& p, bool& month_only, bool allow_day, bool range_start) {
  month_only = false;
  if (IsYear(Peek())) p.year = Next().value;
  const Token& t = Peek();
  if (IsWord(t, "easter")) {
    Next();
    p.kind = DatePoint::Kind::kEaster;
  } else if (MonthIndex(t) > 0) {
    p.month = MonthIndex(Next());
    const Token& d = Peek();
    if (allow_day && d.kind == Kind::kNumber && d.digits <= 2 && !TimeAt(0)) {
      Next();
      if (d.value < 1 || d.value > DaysInMonth(p.month)) {
        return !Invalid(d, "this day does not exist in that month", "deze dag bestaat niet in die maand");
      }
      p.kind = DatePoint::Kind::kDay;
      p.day = d.value;
      if (IsPunct(Peek(), '.') && !Peek().space_before) Next();
    } else if (allow_day && WeekdayIndex(d) >= 0 && IsPunct(Peek(1), '[') && range_start &&
               IsPunct(Peek(IsPunct(Peek(2), '-') ? 4 : 3), ',')) {
      // "Jun Mo[1,3]": refused, as by opening_hours.js ("Jun Mo[1],Mo[3]" is a month and two weekdays)
      return !Invalid(Peek(IsPunct(Peek(2), '-') ? 4 : 3), "only one nth weekday in brackets after a month",
                      "na een maand maar één n-de weekdag tussen haken");
    } else if (allow_day && WeekdayIndex(d) >= 0 && IsPunct(Peek(1), '[') &&
               (!range_start || NthDateContinues())) {
      p.kind = DatePoint::Kind::kNthWeekday;
      p.weekday = WeekdayIndex(Next());
      Next();
      bool negative = false;
      if (IsPunct(Peek(), '-')) negative = (Next(), true);
      const Token& n = Peek();
      if (n.kind != Kind::kNumber || n.value < 1 || n.value > 5) {
        return !Fail(n, "a number from 1 to 5 (or -1 to -5)", "een getal van 1 tot en met 5 (of -1 tot en met -5)");
      }
      Next();
      p.nth = negative ? -n.value : n.value;
      if (!IsPunct(Peek(), ']')) return !Fail(Peek(), "']'", "']'");
      Next();
    } else {
      month_only = true;
      return true;
    }
  } else {
    return !Fail(t, "a month (Jan-Dec) or easter", "een maand (Jan-Dec) of easter");
  }
  return ParseOffset(p.day_offset, true);
}

bool Parser::ParseMonthdayRange(MonthDayRange& r) {
  bool month_only = false;
  const Token& start = Peek();
  if (!ParseDate(r.from, month_only, true, true)) return false;
  r.to = r.from;
  if (month_only) {
    r.whole_months = true;
    if (IsPunct(Peek(), '-') && (MonthIndex(Peek(1)) > 0 || (IsYear(Peek(1)) && MonthIndex(Peek(2)) > 0))) {
      Next();
      bool to_month_only = false;
      r.to = DatePoint{};
      if (!ParseDate(r.to, to_month_only, false)) return false;
    }
    if (r.to.year == 0) r.to.year = r.from.year;
    return true;
  }
  if (IsPunct(Peek(), '-')) {
    const Token& dash = Next();
    const Token& t = Peek();
    if (t.kind == Kind::kNumber && t.digits <= 2) {
      if (r.from.kind != DatePoint::Kind::kDay) return !Fail(t, "a month or easter", "een maand of easter");
      Next();
      if (t.value < 1 || t.value > DaysInMonth(r.from.month)) {
        return !Invalid(t, "this day does not exist in that month", "deze dag bestaat niet in die maand");
      }
      if (t.value < r.from.day) {
        return !Invalid(t, "the end day comes before the start day", "de einddag ligt voor de begindag");
      }
      r.to.day = t.value;
      if (IsPunct(Peek(), '.') && !Peek().space_before) Next();
    } else {
      bool to_month_only = false;
      r.to = DatePoint{};
      if (!ParseDate(r.to, to_month_only, true)) return false;
      if (to_month_only) return !Fail(Peek(), "a day after the month", "een dag na de maand");
      if ((r.from.year == 0) != (r.to.year == 0)) {
        return !Invalid(dash, "give a year on both sides of the date range or on neither",
                        "geef aan beide kanten van de periode een jaar, of aan geen van beide");
      }
    }
  }
  if (IsPunct(Peek(), '/')) {
    Next();
    if (Peek().kind != Kind::kNumber || Peek().value < 1) {
      return !Fail(Peek(), "a step of at least 1 day after '/'", "een stap van minstens 1 dag na '/'");
    }
    r.step = Next().value;
  }
  (void)start;
  return true;
}

bool Parser::ParseMonthdays(Rule& rule) {
  std::vector<MonthDayRange> list;
  while (true) {
    MonthDayRange r;
    if (!ParseMonthdayRange(r)) return false;
    list.push_back(r);
    // "Dec 11,15-17,19-23/2": more days of the same month
    while (IsPunct(Peek(), ',') && Peek(1).kind == Kind::kNumber && Peek(1).digits <= 2 &&
           !TimeAt(1) && !list.back().whole_months &&
           list.back().to.kind == DatePoint::Kind::kDay && list.back().to.day_offset == 0) {
      Next();
      MonthDayRange more;
      more.from.year = more.to.year = list.back().to.year;
      more.from.month = more.to.month = list.back().to.month;
      const Token& d = Next();
      if (d.value < 1 || d.value > DaysInMonth(more.from.month)) {
        return !Invalid(d, "this day does not exist in that month", "deze dag bestaat niet in die maand");
      }
      more.from.day = more.to.day = d.value;
      if (IsPunct(Peek(), '-') && Peek(1).kind == Kind::kNumber) {
        Next();
        const Token& e = Next();
        if (e.value < d.value || e.value > DaysInMonth(more.from.month)) {
          return !Invalid(e, "this day does not exist in that month or comes before the start day",
                          "deze dag bestaat niet in die maand of ligt voor de begindag");
        }
        more.to.day = e.value;
      }
      if (IsPunct(Peek(), '/')) {
        Next();
        if (Peek().kind != Kind::kNumber || Peek().value < 1) {
          return !Fail(Peek(), "a step of at least 1 day", "een stap van minstens 1 dag");
        }
        more.step = Next().value;
      }
      list.push_back(more);
    }
    const Token& after = Peek(1);
    if (IsPunct(Peek(), ',') && (MonthIndex(after) > 0 || IsWord(after, "easter") ||
                                 (IsYear(after) && (MonthIndex(Peek(2)) > 0 || IsWord(Peek(2), "easter"))))) {
      Next();
      continue;
    }
    break;
  }
  rule.monthdays.push_back(std::move(list));
  return true;
}

}  // namespace stadshart::hours::parsing
