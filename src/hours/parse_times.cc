// Times ("09:00", "0900", "9"), sun times ("(sunset-01:00)"), ranges, open ends ("17:00+") and periods ("/90").
#include "hours/parser.h"

namespace stadshart::hours::parsing {

bool Parser::StartsTime(const Token& t, const Token& after) const {
  if (t.kind == Kind::kNumber && t.value == 24 && IsPunct(after, '/')) return false;  // "24/7" after a ','
  return (t.kind == Kind::kNumber && !(IsYear(t) && !IsPunct(after, ':'))) || IsPunct(t, '(') || IsSunWord(t);
}

bool Parser::ParseClock(int& minutes, bool& bare) {
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

bool Parser::ParseTime(TimeOfDay& time, bool& bare) {
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

bool Parser::ParseTimes(Rule& rule) {
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
        if (period > 24 * 60) {  // found by fuzzing: "/220801" was read as 220801 minutes and written "3680:01"
          return !Invalid(p, "the period is at most 24:00", "het interval is hoogstens 24:00");
        }
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

}  // namespace stadshart::hours::parsing
