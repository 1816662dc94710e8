#include "events/events_json.h"

#include <nlohmann/json.hpp>

namespace stadshart::events {

using nlohmann::json;

json ToJson(const Place& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"address", p.address},
          {"lat", p.lat},
          {"lon", p.lon},
          {"capacity", p.capacity ? json(*p.capacity) : json(nullptr)},
          {"zone", p.zone},
          {"residents", p.residents},
          {"sound_from_minutes", p.sound_from_minutes ? json(*p.sound_from_minutes) : json(nullptr)},
          {"sound_until_minutes", p.sound_until_minutes ? json(*p.sound_until_minutes) : json(nullptr)},
          {"version", p.version}};
}

json ToJson(const EventRecord& e) {
  json exdates = json::array(), rdates = json::array(), changes = json::array();
  for (Instant t : e.exdates) exdates.push_back(FormatAmsterdamIso(t));
  for (Instant t : e.rdates) rdates.push_back(FormatAmsterdamIso(t));
  for (const OccurrenceChange& c : e.changes) {
    changes.push_back({{"recurrence_id", FormatAmsterdamIso(c.recurrence_id)},
                       {"cancelled", c.cancelled},
                       {"start", c.start ? json(FormatAmsterdamIso(*c.start)) : json(nullptr)},
                       {"end", c.end ? json(FormatAmsterdamIso(*c.end)) : json(nullptr)}});
  }
  return {{"id", e.id},
          {"uid", e.uid},
          {"title", e.title},
          {"description", e.description},
          {"organiser", e.organiser},
          {"venue_id", e.venue_id ? json(*e.venue_id) : json(nullptr)},
          {"location", e.location},
          {"start", FormatAmsterdamIso(e.start)},
          {"end", FormatAmsterdamIso(e.end)},
          {"all_day", e.all_day},
          {"rrule", e.rrule.empty() ? json(nullptr) : json(e.rrule)},
          {"exdates", std::move(exdates)},
          {"rdates", std::move(rdates)},
          {"changes", std::move(changes)},
          {"category", e.category},
          {"audience", e.audience},
          {"expected_visitors", e.expected_visitors},
          {"amplified_sound", e.amplified_sound},
          {"event_class", std::string(ClassCode(e.event_class))},
          {"public", e.is_public},
          {"status", std::string(StatusCode(e.status))},
          {"regional", e.regional},
          {"source", e.source},
          {"city_dressing", e.city_dressing},
          {"city_dressing_budget_eur", e.city_dressing_budget_eur},
          {"sequence", e.sequence},
          {"version", e.version},
          {"updated_at", e.updated_at}};
}

json OccurrenceJson(const EventRecord& e, const Occurrence& o, const std::string& venue) {
  bool series = !e.rrule.empty() || !e.rdates.empty();
  Status status = o.cancelled ? Status::kCancelled : e.status;
  return {{"event_id", e.id},
          {"uid", e.uid},
          {"recurrence_id", series ? json(FormatAmsterdamIso(o.recurrence_id)) : json(nullptr)},
          {"title", e.title},
          {"start", FormatAmsterdamIso(o.start)},
          {"end", FormatAmsterdamIso(o.end)},
          {"all_day", e.all_day},
          {"venue", venue},
          {"venue_id", e.venue_id ? json(*e.venue_id) : json(nullptr)},
          {"status", std::string(StatusCode(status))},
          {"category", e.category},
          {"audience", e.audience},
          {"event_class", std::string(ClassCode(e.event_class))},
          {"regional", e.regional}};
}

}  // namespace stadshart::events
