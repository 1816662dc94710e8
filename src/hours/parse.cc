#include "hours/parse.h"

#include <optional>
#include <string>
#include <utility>

#include "hours/prettify.h"

namespace stadshart::hours {
namespace {

enum class Kind { kNumber, kWord, kComment, kPunct, kFallback, kEnd };

struct Token {
  Kind kind = Kind::kEnd;
  std::size_t pos = 0;  // byte offset in the strict text
  std::size_t end = 0;
  int value = 0;        // kNumber
  int digits = 0;       // kNumber
  char punct = 0;       // kPunct
  std::string text;     // kWord: lower case; kComment: the text between the quotes
  bool space_before = false;
};

constexpr const char* kWeekdays[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

int WeekdayIndex(const Token& t) {
  if (t.kind != Kind::kWord) return -1;
  for (int i = 0; i < 7; ++i) {
    if (t.text == kWeekdays[i]) return i;
  }
  return -1;
}

int MonthIndex(const Token& t) {
  if (t.kind != Kind::kWord) return 0;
  for (int i = 0; i < 12; ++i) {
    if (t.text == kMonths[i]) return i + 1;
  }
  return 0;
}

bool IsWord(const Token& t, std::string_view w) { return t.kind == Kind::kWord && t.text == w; }
bool IsPunct(const Token& t, char c) { return t.kind == Kind::kPunct && t.punct == c; }
bool IsSunWord(const Token& t) {
  return IsWord(t, "sunrise") || IsWord(t, "sunset") || IsWord(t, "dawn") || IsWord(t, "dusk");
}
bool IsYear(const Token& t) { return t.kind == Kind::kNumber && t.digits == 4 && t.value >= 1900; }
bool IsHoliday(const Token& t) { return IsWord(t, "ph") || IsWord(t, "sh"); }
bool IsDayItem(const Token& t) { return WeekdayIndex(t) >= 0 || IsHoliday(t); }

int DaysInMonth(int month) {
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

std::optional<Problem> Tokenize(const std::string& s, std::vector<Token>& out) {
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.pos = i;
    t.space_before = space;
    space = false;
    if (c >= '0' && c <= '9') {
      t.kind = Kind::kNumber;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (t.digits < 9) t.value = t.value * 10 + (s[i] - '0');
        ++t.digits;
        ++i;
      }
    } else if (c == '"') {
      std::size_t close = s.find('"', i + 1);
      if (close == std::string::npos) {
        return Problem{i, "this comment has no closing '\"'", "deze opmerking heeft geen afsluitend '\"'"};
      }
      t.kind = Kind::kComment;
      t.text = s.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (c == '|' && i + 1 < s.size() && s[i + 1] == '|') {
      t.kind = Kind::kFallback;
      i += 2;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c & 0x80) != 0) {
      t.kind = Kind::kWord;
      while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' ||
                              (s[i] & 0x80) != 0)) {
        char ch = s[i];
        t.text.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
        ++i;
      }
    } else {
      t.kind = Kind::kPunct;
      t.punct = c;
      ++i;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  Token end;
  end.kind = Kind::kEnd;
  end.pos = end.end = s.size();
  end.space_before = space;
  out.push_back(end);
  return std::nullopt;
}

class Parser {
 public:
  Parser(const LenientText& lenient, const ParseOptions& options, std::vector<Token> tokens)
      : lenient_(lenient), options_(options), tokens_(std::move(tokens)) {}

  std::optional<Problem> Run(Schedule& out) {
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

  std::vector<Warning> warnings;

 private:
  enum class Part { kNone, kSelector, kTime, kAlways, kState, kComment };

  const Token& Peek(std::size_t ahead = 0) const {
    std::size_t k = std::min(k_ + ahead, tokens_.size() - 1);
    return tokens_[k];
  }
  const Token& Next() {
    const Token& t = tokens_[k_];
    if (k_ + 1 < tokens_.size()) ++k_;
    return t;
  }

  // "12:00" at Peek(ahead): a number, ':' and minutes written against it ("Nov 01: 10:00" is a day and a colon).
  bool TimeAt(std::size_t ahead) const {
    return Peek(ahead).kind == Kind::kNumber && IsPunct(Peek(ahead + 1), ':') &&
           Peek(ahead + 2).kind == Kind::kNumber && !Peek(ahead + 2).space_before;
  }

  std::size_t Position(const Token& t) const { return lenient_.origin[std::min(t.pos, lenient_.origin.size() - 1)]; }

  std::string Describe(const Token& t) const {
    if (t.kind == Kind::kEnd) return "";
    return lenient_.text.substr(t.pos, t.end - t.pos);
  }

  // Sets the error "expected X" at token t and returns it.
  std::optional<Problem> Fail(const Token& t, const std::string& expected_en, const std::string& expected_nl) {
    std::string found = Describe(t);
    Problem p;
    p.position = Position(t);
    p.message = "expected " + expected_en + (found.empty() ? " at the end" : ", found '" + found + "'");
    p.message_nl = "verwacht: " + expected_nl + (found.empty() ? " aan het eind" : ", gevonden: '" + found + "'");
    error_ = p;
    return p;
  }
  std::optional<Problem> Invalid(const Token& t, const std::string& en, const std::string& nl) {
    error_ = Problem{Position(t), en, nl};
    return error_;
  }
  std::optional<Problem> Unexpected(const Token& t) {
    return Fail(t, "';', ',' or '||' between rules, or a selector, time, state or comment",
                "';', ',' of '||' tussen regels, of een selectie, tijd, toestand of opmerking");
  }
  void Warn(const Token& t, std::string en, std::string nl) {
    warnings.push_back({Position(t), std::move(en), std::move(nl)});
  }

  bool ParseRule(Rule& rule) {
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

  // ---- years -----------------------------------------------------------------------------------------------------
  bool ParseYears(Rule& rule) {
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

  // ---- months and dates --------------------------------------------------------------------------------------------
  bool ParseOffset(int& days, bool allow_space) {
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

  // [year] month [day | weekday[n]] [offset] | [year] easter [offset]
  bool ParseDate(DatePoint& p, bool& month_only, bool allow_day) {
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
      } else if (allow_day && WeekdayIndex(d) >= 0 && IsPunct(Peek(1), '[')) {
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

  bool ParseMonthdayRange(MonthDayRange& r) {
    bool month_only = false;
    const Token& start = Peek();
    if (!ParseDate(r.from, month_only, true)) return false;
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

  bool ParseMonthdays(Rule& rule) {
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

  // ---- weeks -------------------------------------------------------------------------------------------------------
  bool ParseWeeks(Rule& rule) {
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
          if (step.kind != Kind::kNumber || step.value < 2 || step.value > w.to - w.from) {
            return !Fail(step, "a step from 2 up to the length of the week range",
                         "een stap van 2 tot en met de lengte van de weekreeks");
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

  // ---- weekdays and holidays ---------------------------------------------------------------------------------------
  bool ParseNth(std::vector<int>& nth) {
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

  bool ParseDays(Rule& rule) {
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

  // ---- times -------------------------------------------------------------------------------------------------------
  bool StartsTime(const Token& t, const Token& after) const {
    return (t.kind == Kind::kNumber && !(IsYear(t) && !IsPunct(after, ':'))) || IsPunct(t, '(') || IsSunWord(t);
  }

  bool ParseClock(int& minutes, bool& bare) {
    const Token& h = Peek();
    bare = false;
    if (h.kind != Kind::kNumber) return !Fail(h, "a time like 09:00", "een tijd zoals 09:00");
    Next();
    if (h.digits == 4 && !IsPunct(Peek(), ':')) {
      if (h.value % 100 > 59) return !Invalid(h, "minutes go from 00 to 59", "minuten lopen van 00 tot en met 59");
      minutes = h.value / 100 * 60 + h.value % 100;
      Warn(h, "a time without ':' was read as HH:MM", "een tijd zonder ':' is gelezen als UU:MM");
    } else if (h.digits > 2) {
      return !Fail(h, "a time like 09:00", "een tijd zoals 09:00");
    } else if (IsPunct(Peek(), ':')) {
      Next();
      const Token& m = Peek();
      if (m.kind != Kind::kNumber || m.digits != 2 || m.space_before) {
        return !Fail(m, "two digits for the minutes", "twee cijfers voor de minuten");
      }
      Next();
      if (m.value > 59) return !Invalid(m, "minutes go from 00 to 59", "minuten lopen van 00 tot en met 59");
      minutes = h.value * 60 + m.value;
      if (h.digits == 1) Warn(h, "write hours with two digits", "schrijf uren met twee cijfers");
    } else {
      bare = true;
      minutes = h.value * 60;
    }
    if (minutes > 48 * 60) return !Invalid(h, "times go up to 48:00", "tijden lopen tot en met 48:00");
    return true;
  }

  bool ParseTime(TimeOfDay& time, bool& bare) {
    const Token& t = Peek();
    bare = false;
    auto base_of = [](const Token& w) {
      return IsWord(w, "sunrise") ? TimeBase::kSunrise : IsWord(w, "sunset") ? TimeBase::kSunset
                                  : IsWord(w, "dawn")  ? TimeBase::kDawn    : TimeBase::kDusk;
    };
    if (IsSunWord(t)) {
      Next();
      time = {base_of(t), 0};
      return true;
    }
    if (IsPunct(t, '(')) {
      Next();
      const Token& w = Peek();
      if (!IsSunWord(w)) return !Fail(w, "sunrise, sunset, dawn or dusk", "sunrise, sunset, dawn of dusk");
      Next();
      const Token& sign = Peek();
      if (!IsPunct(sign, '+') && !IsPunct(sign, '-')) return !Fail(sign, "'+' or '-' and an offset like 01:00",
                                                                  "'+' of '-' en een verschuiving zoals 01:00");
      Next();
      int offset = 0;
      bool offset_bare = false;
      if (!ParseClock(offset, offset_bare)) return false;
      if (offset_bare) return !Fail(Peek(), "':' and minutes in the offset", "':' en minuten in de verschuiving");
      if (!IsPunct(Peek(), ')')) return !Fail(Peek(), "')'", "')'");
      Next();
      time = {base_of(w), IsPunct(sign, '-') ? -offset : offset};
      return true;
    }
    time.base = TimeBase::kClock;
    return ParseClock(time.minutes, bare);
  }

  bool ParseTimes(Rule& rule) {
    while (true) {
      const Token& start = Peek();
      TimeSpan span;
      bool from_bare = false;
      if (!ParseTime(span.from, from_bare)) return false;
      if (span.from.base == TimeBase::kClock && span.from.minutes >= 24 * 60) {
        return !Invalid(start, "a time range must start before 24:00", "een tijdvak moet voor 24:00 beginnen");
      }
      if (IsPunct(Peek(), '-')) {
        Next();
        TimeOfDay to;
        bool to_bare = false;
        if (!ParseTime(to, to_bare)) return false;
        if (from_bare && to_bare) {
          Warn(start, "hours without minutes were read as HH:00", "uren zonder minuten zijn gelezen als UU:00");
        } else if (from_bare || to_bare) {
          return !Fail(from_bare ? start : Peek(), "a time like 09:00", "een tijd zoals 09:00");
        }
        span.to = to;
        if (IsPunct(Peek(), '+')) {
          Next();
          span.open_end = true;
          if (to.base == TimeBase::kClock && to.minutes >= 48 * 60) {
            return !Invalid(start, "an open end needs a closing time before 48:00",
                            "een open einde vraagt een sluittijd voor 48:00");
          }
        }
        if (IsPunct(Peek(), '/')) {
          const Token& slash = Next();
          if (options_.mode == TimeMode::kRanges) {
            return !Invalid(slash, "a period ('/') is only allowed for points in time",
                            "een interval ('/') kan alleen bij tijdstippen");
          }
          bool bare = false;
          int period = 0;
          const Token& p = Peek();
          if (p.kind == Kind::kNumber && !IsPunct(Peek(1), ':')) {
            Next();
            period = p.value;
          } else if (!ParseClock(period, bare)) {
            return false;
          }
          if (period < 1) return !Invalid(p, "the period must be at least one minute", "het interval is minstens een minuut");
          span.period = period;
        } else if (options_.mode == TimeMode::kPoints) {
          return !Invalid(start, "expected points in time (like 12:00) for this tag, not a range",
                          "voor deze sleutel worden tijdstippen (zoals 12:00) verwacht, geen tijdvak");
        }
      } else if (IsPunct(Peek(), '+')) {
        if (from_bare) return !Fail(Peek(), "':' and minutes", "':' en minuten");
        Next();
        span.open_end = true;
      } else {
        if (from_bare || options_.mode == TimeMode::kRanges) {
          return !Fail(Peek(), "'-' and a closing time", "'-' en een sluittijd");
        }
      }
      rule.times.push_back(span);
      if (IsPunct(Peek(), ',') && StartsTime(Peek(1), Peek(2))) {
        Next();
        continue;
      }
      return true;
    }
  }

  const LenientText& lenient_;
  const ParseOptions& options_;
  std::vector<Token> tokens_;
  std::size_t k_ = 0;
  std::optional<Problem> error_;
};

}  // namespace

Result<Parsed> Parse(std::string_view expression, const ParseOptions& options) {
  LenientText lenient = MakeStrict(expression);
  std::vector<Token> tokens;
  if (auto problem = Tokenize(lenient.text, tokens)) {
    problem->position = lenient.origin[std::min(problem->position, lenient.origin.size() - 1)];
    return *problem;
  }
  Parser parser(lenient, options, std::move(tokens));
  Parsed parsed;
  if (auto problem = parser.Run(parsed.schedule)) return *problem;
  parsed.warnings = std::move(lenient.warnings);
  parsed.warnings.insert(parsed.warnings.end(), parser.warnings.begin(), parser.warnings.end());
  parsed.normalised = Prettify(parsed.schedule);
  return parsed;
}

}  // namespace stadshart::hours
