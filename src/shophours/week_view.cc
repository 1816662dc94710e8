#include "shophours/week_view.h"

#include <date/tz.h>

#include <cstdio>

#include "common/time.h"

namespace stadshart::shophours {
namespace {

constexpr const char* kShort[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
constexpr const char* kLong[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"};
constexpr const char* kMonths[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                   "augustus", "september", "oktober", "november", "december"};
constexpr int kDay = 24 * 60;

// Minutes after local midnight of `day` (kDay when the instant is the start of the next day or later).
int MinutesInto(Day day, Instant instant, const date::time_zone* zone) {
  Day local = LocalDay(instant, zone);
  if (local > day) return kDay;
  auto lt = zone->to_local(instant);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(lt - date::floor<date::days>(lt)).count());
}

std::string Hhmm(int minutes) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d", minutes / 60, minutes % 60);
  return out;
}

struct Span {
  int from = 0;
  int to = 0;           // minutes on the day it starts; > kDay when it runs into the next day
  bool unknown = false;
  std::string comment;
};

std::vector<Span> OpenSpans(const hours::Evaluator& evaluator, Day day, const date::time_zone* zone) {
  std::vector<Span> spans;
  for (const auto& piece : evaluator.DayPieces(date::sys_days{day.time_since_epoch()})) {
    if (piece.state.state == hours::RuleState::kClosed) continue;
    Span span{MinutesInto(day, piece.from, zone), MinutesInto(day, piece.to, zone),
              piece.state.state == hours::RuleState::kUnknown, piece.state.comment.value_or("")};
    if (!spans.empty() && spans.back().to == span.from && spans.back().unknown == span.unknown &&
        spans.back().comment == span.comment) {
      spans.back().to = span.to;
    } else if (span.from < span.to) {
      spans.push_back(std::move(span));
    }
  }
  return spans;
}

}  // namespace

const date::time_zone* Amsterdam() {
  static const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
  return zone;
}

Day MondayOf(Day day) { return day - std::chrono::days{WeekdayIndex(day)}; }

int WeekdayIndex(Day day) { return static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1; }

Day LocalDay(Instant instant, const date::time_zone* zone) {
  return Day{date::floor<date::days>(zone->to_local(instant)).time_since_epoch()};
}

Instant LocalInstant(Day day, int minutes, const date::time_zone* zone) {
  date::local_seconds local{std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()) +
                            std::chrono::minutes{minutes}};
  auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  return zone->to_sys(local, date::choose::earliest);
}

std::string ShortWeekday(int weekday) { return kShort[((weekday % 7) + 7) % 7]; }
std::string LongWeekday(int weekday) { return kLong[((weekday % 7) + 7) % 7]; }

std::vector<DayLine> Week(const hours::Evaluator& evaluator, Day monday, const date::time_zone* zone) {
  // The day before the week too, so that a range running past Sunday night into Monday is not shown on Monday.
  std::vector<std::vector<Span>> days;
  for (int i = -1; i < 7; ++i) days.push_back(OpenSpans(evaluator, monday + std::chrono::days{i}, zone));
  for (std::size_t i = 1; i < days.size(); ++i) {
    auto& previous = days[i - 1];
    auto& today = days[i];
    if (previous.empty() || today.empty()) continue;
    Span& last = previous.back();
    const Span& first = today.front();
    if (last.to == kDay && last.from > 0 && first.from == 0 && first.to <= 12 * 60 && first.unknown == last.unknown) {
      last.to = kDay + first.to;
      today.erase(today.begin());
    }
  }
  std::vector<DayLine> lines;
  for (int i = 0; i < 7; ++i) {
    DayLine line{monday + std::chrono::days{i}, ShortWeekday(i), "", false, ""};
    line.weekday[0] = static_cast<char>(line.weekday[0] - 'a' + 'A');
    for (const Span& s : days[static_cast<std::size_t>(i) + 1]) {
      if (!line.text.empty()) line.text += ", ";
      line.text += s.from == 0 && s.to == kDay ? "hele dag" : Hhmm(s.from) + "–" + Hhmm(s.to > kDay ? s.to - kDay : s.to);
      if (s.unknown) line.text += " (onbekend)";
      if (!s.comment.empty() && line.comment.find(s.comment) == std::string::npos) {
        line.comment += (line.comment.empty() ? "" : "; ") + s.comment;
      }
      line.open = true;
    }
    if (line.text.empty()) line.text = "gesloten";
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string ClockText(Instant instant, const date::time_zone* zone) {
  auto lt = zone->to_local(instant);
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(lt - date::floor<date::days>(lt)).count();
  char out[16];
  std::snprintf(out, sizeof out, "%d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return out;
}

std::string NextChangeText(hours::RuleState now, std::optional<Instant> next, Instant at, const date::time_zone* zone) {
  if (!next) {
    if (now == hours::RuleState::kOpen) return "blijft open";
    if (now == hours::RuleState::kUnknown) return "onbekend";
    return "de komende week niet open";
  }
  auto days_ahead = (LocalDay(*next, zone) - LocalDay(at, zone)).count();
  std::string when;
  if (days_ahead == 1) {
    when = "morgen ";
  } else if (days_ahead >= 2 && days_ahead <= 6) {
    when = LongWeekday(WeekdayIndex(LocalDay(*next, zone))) + " ";
  } else if (days_ahead > 6) {
    std::chrono::year_month_day ymd{LocalDay(*next, zone)};
    when = "op " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           kMonths[static_cast<unsigned>(ymd.month()) - 1] + " ";
  }
  std::string clock = "om " + ClockText(*next, zone);
  switch (now) {
    case hours::RuleState::kOpen: return "sluit " + when + clock;
    case hours::RuleState::kClosed: return "opent " + when + clock;
    case hours::RuleState::kUnknown: return "onbekend tot " + when + ClockText(*next, zone);
  }
  return "";
}

std::optional<Instant> ParseInstant(std::string_view text, const date::time_zone* zone) {
  // YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM], read by hand (strict: every digit where one belongs).
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > text.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  if (text.size() < 16) return std::nullopt;
  auto day = ParseIsoDay(text.substr(0, 10));
  int hour = 0, minute = 0, second = 0;
  if (!day || text[10] != 'T' || !digits(11, 2, hour) || text[13] != ':' || !digits(14, 2, minute)) return std::nullopt;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(at + 1, 2, second)) return std::nullopt;
    at += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  auto wall = std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  if (at == text.size()) {
    return LocalInstant(*day, hour * 60 + minute, zone) + std::chrono::seconds{second};
  }
  if ((text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) return Instant{*day} + wall;
  int oh = 0, om = 0;
  if ((text[at] == '+' || text[at] == '-') && at + 6 == text.size() && digits(at + 1, 2, oh) && text[at + 3] == ':' &&
      digits(at + 4, 2, om) && oh <= 14 && om <= 59) {
    auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
    return Instant{*day} + wall - (text[at] == '+' ? offset : -offset);
  }
  return std::nullopt;
}

std::string IsoLocal(Instant instant, const date::time_zone* zone) {
  std::string text = date::format("%Y-%m-%dT%H:%M:%S%z", date::make_zoned(zone, instant));
  // "+0200" -> "+02:00"
  if (text.size() < 5) return text;
  std::string minutes = text.substr(text.size() - 2);
  text.resize(text.size() - 2);
  return text + ":" + minutes;
}

}  // namespace stadshart::shophours
