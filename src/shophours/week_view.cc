#include "shophours/week_view.h"

#include <date/tz.h>

#include <cstdio>
#include <sstream>

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
  auto full = [&](const char* format, auto& out) {
    std::istringstream in{std::string(text)};
    in >> date::parse(format, out);
    return !in.fail() && in.peek() == std::char_traits<char>::eof();
  };
  if (text.size() < 16 || text.size() > 30) return std::nullopt;
  Instant utc;
  if (text.back() == 'Z' || text.back() == 'z') {
    std::string_view body = text.substr(0, text.size() - 1);
    for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"}) {
      std::istringstream in{std::string(body)};
      in >> date::parse(format, utc);
      if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return utc;
    }
    return std::nullopt;
  }
  for (const char* format : {"%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M%Ez"}) {
    if (full(format, utc)) return utc;
  }
  date::local_seconds local;
  for (const char* format : {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"}) {
    if (full(format, local)) {
      auto day = date::floor<date::days>(local);
      int minutes = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
      return LocalInstant(Day{day.time_since_epoch()}, minutes, zone) +
             std::chrono::duration_cast<std::chrono::seconds>(local - day) % std::chrono::minutes{1};
    }
  }
  return std::nullopt;
}

std::string IsoLocal(Instant instant, const date::time_zone* zone) {
  std::string text = date::format("%Y-%m-%dT%H:%M:%S%z", date::make_zoned(zone, instant));
  if (text.size() >= 5) text.insert(text.size() - 2, ":");
  return text;
}

}  // namespace stadshart::shophours
