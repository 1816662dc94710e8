// The agenda's feeds: /agenda.ics (iCalendar, with the same filters as the API) and /agenda.rss.
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "events/events_http.h"
#include "events/events_routes.h"
#include "events/ics.h"
#include "web/api.h"

namespace stadshart::events {
namespace {

using http::Method;
using http::Request;
using http::Response;
using namespace std::chrono;
using namespace http_support;

// At most `bytes` bytes of UTF-8 text, never cutting a character in two.
std::string Prefix(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes) + "…";
}

// "Sat, 06 Dec 2026 11:00:00 +0000" (RFC 822, as RSS wants it).
std::string Rfc822(Instant t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> clock{t - day};
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[weekday{day}.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  return out;
}

Response FilterError(const Error& error) {
  Response r = Response::Text(error.message + "\n", web::HttpStatus(error.kind));
  return r;
}

// The last ICS bodies by target, valid while the events' fingerprint is unchanged. The server's response cache
// keeps nothing above 4 MB, and the feed of a national agenda is larger; generating it with libical takes about
// 55 µs per event. Thread-safe.
class FeedCache {
 public:
  std::optional<std::string> Find(const std::string& target, const std::string& fingerprint) {
    std::lock_guard lock(mutex_);
    auto it = bodies_.find(target);
    if (it == bodies_.end() || it->second.first != fingerprint) return std::nullopt;
    return it->second.second;
  }
  void Store(const std::string& target, const std::string& fingerprint, const std::string& body) {
    std::lock_guard lock(mutex_);
    if (bodies_.size() >= kMaxEntries) bodies_.clear();
    bodies_[target] = {fingerprint, body};
  }

 private:
  static constexpr std::size_t kMaxEntries = 16;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> bodies_;  // GUARDED_BY(mutex_)
};

}  // namespace

void AddEventFeedRoutes(http::Router& router, std::shared_ptr<EventsRepository> repo, const Clock& clock) {
  // The ICS in the server's response cache: its default window moves once a day, and every server empties its cache
  // at midnight and after any change (app/change_signal.h). It also keeps its own bodies per day and data (below),
  // for the first request after the cache was emptied by a change elsewhere. RSS is cheap and its window follows
  // the clock.
  http::RouteOptions by_day{.permission = "public"};
  http::RouteOptions cached_by_day{.cacheable = true, .permission = "public"};

  auto feeds = std::make_shared<FeedCache>();
  router.Add(Method::kGet, "/agenda.ics", [repo, &clock, feeds](Request& request) {
    auto respond = [](std::string body) {
      Response r;
      r.body = std::move(body);
      r.SetHeader("Content-Type", "text/calendar; charset=utf-8");
      r.SetHeader("Content-Disposition", "inline; filename=\"agenda-assen.ics\"");
      return r;
    };
    // "now" moves the default window once a day at most: the day is part of the key.
    std::string key = AmsterdamDate(clock.Now()) + " " + request.target;
    std::string fingerprint = repo->Fingerprint();
    if (auto body = feeds->Find(key, fingerprint)) return respond(std::move(*body));
    auto places = repo->Venues();
    Instant now = clock.Now();
    Instant midnight = FromAmsterdam(LocalTime{AmsterdamToday(now).time_since_epoch()});  // the key holds the day
    auto filter = FilterFromQuery(request, places, midnight - days{60}, 60 + 670);
    if (!filter.ok()) return FilterError(filter.error());
    std::vector<EventRecord> published;
    for (EventRecord& e : repo->Candidates(filter.value().from, filter.value().to)) {
      if (IsPublished(e) && Matches(e, filter.value())) published.push_back(std::move(e));
    }
    FeedInfo info;
    std::string base = PublicBaseUrl();
    info.url = base + request.target;
    info.event_base = base + "/agenda/";
    std::string body = WriteCalendar(published, places, info);
    feeds->Store(key, fingerprint, body);
    return respond(std::move(body));
  }, cached_by_day);

  router.Add(Method::kGet, "/agenda.rss", [repo, &clock](Request& request) {
    auto places = repo->Venues();
    auto filter = FilterFromQuery(request, places, clock.Now(), 90);
    if (!filter.ok()) return FilterError(filter.error());
    auto events = repo->Candidates(filter.value().from, filter.value().to);
    std::string base = PublicBaseUrl();
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
        "<title>Evenementen binnenstad Assen</title>\n<link>" + text::XmlEscape(base) + "/agenda</link>\n"
        "<description>Wat er te doen is in de binnenstad van Assen</description>\n<language>nl-nl</language>\n";
    for (const AgendaItem& item : Agenda(events, filter.value(), 200)) {
      const EventRecord& e = *item.event;
      std::string when = AmsterdamDateTime(item.occurrence.start);
      std::string where = VenueName(e, places);
      std::string title = (item.occurrence.cancelled ? "Geannuleerd: " : "") + e.title;
      std::string link = base + "/agenda/" + std::to_string(e.id);
      xml += "<item>\n<title>" + text::XmlEscape(title) + "</title>\n<link>" + text::XmlEscape(link) + "</link>\n<guid isPermaLink=\"false\">" +
             text::XmlEscape(e.uid + "/" + FormatUtc(item.occurrence.recurrence_id)) + "</guid>\n<pubDate>" +
             Rfc822(ParseUtc(e.updated_at).value_or(Instant{})) + "</pubDate>\n<description>" +
             text::XmlEscape(when + (where.empty() ? "" : ", " + where) + ". " + Prefix(e.description, 500)) +
             "</description>\n</item>\n";
    }
    xml += "</channel>\n</rss>\n";
    Response r;
    r.body = std::move(xml);
    r.SetHeader("Content-Type", "application/rss+xml; charset=utf-8");
    return r;
  }, by_day);
}

}  // namespace stadshart::events
