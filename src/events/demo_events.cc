#include "events/demo_events.h"

#include <stdexcept>

#include "events/recurrence.h"

namespace stadshart::events {
namespace {

using namespace std::chrono;

Instant At(local_days day, int hour, int minute = 0) { return FromAmsterdam(day + hours{hour} + minutes{minute}); }

local_days Day(year_month_day ymd) { return local_days{ymd}; }
local_days Day(year_month_weekday ymw) { return local_days{ymw}; }
local_days Day(year_month_weekday_last ymw) { return local_days{ymw}; }

std::int64_t VenueId(const std::vector<Place>& places, const char* name) {
  for (const Place& p : places) {
    if (p.name == name) return p.id;
  }
  throw std::runtime_error(std::string("demo agenda: venue missing: ") + name);
}

EventRecord Make(const char* uid, const char* title, std::optional<std::int64_t> venue, Instant start, Instant end,
                 const char* category, EventClass c, int visitors) {
  EventRecord e;
  e.uid = std::string(uid) + "@demo.stadshart-assen";
  e.title = title;
  e.organiser = "Demo-organisatie (fictief)";
  e.venue_id = venue;
  e.start = start;
  e.end = end;
  e.category = category;
  e.audience = "iedereen";
  e.event_class = c;
  e.expected_visitors = visitors;
  e.status = Status::kApproved;
  return e;
}

std::string Until(local_days day) {
  year_month_day ymd{sys_days{day.time_since_epoch()}};
  char out[32];
  std::snprintf(out, sizeof out, "%04d%02u%02uT225959Z", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

}  // namespace

std::vector<EventRecord> AssenDemoEvents(sys_days today, const std::vector<Place>& places) {
  const year this_year = year_month_day{today}.year();
  const year next = this_year + years{1};
  const auto markt = VenueId(places, "Markt"), koopmansplein = VenueId(places, "Koopmansplein"),
             brink = VenueId(places, "Brink"), kerkplein = VenueId(places, "Kerkplein"),
             vaart = VenueId(places, "Kop van de Vaart"), museum = VenueId(places, "Drents Museum");
  std::vector<EventRecord> events;

  // The weekly market: every Saturday 08:00-13:00 from the first Saturday of this December, no end.
  local_days first_saturday = Day(this_year / December / Saturday[1]);
  EventRecord market = Make("weekmarkt", "Weekmarkt (fictief)", markt, At(first_saturday, 8), At(first_saturday, 13),
                            "markt", EventClass::kA, 150);
  market.rrule = "FREQ=WEEKLY;BYDAY=SA";
  market.description = "Groente, fruit, kaas, vis en bloemen op de Markt. Demo-gegevens: dit evenement is verzonnen.";
  // No market on the Saturday between Christmas and New Year; the one before the October change is cancelled.
  local_days after_christmas = Day(this_year / December / 24) + days{1};
  while (weekday{after_christmas} != Saturday) after_christmas += days{1};
  market.exdates = {At(after_christmas, 8)};
  local_days october_change = Day(next / October / Sunday[last]);
  market.changes = {{At(october_change - days{1}, 8), true, std::nullopt, std::nullopt}};
  events.push_back(market);

  // Koopzondag on the last Sunday of every month next year, 12:00-17:00: lands on both clock-change days.
  local_days january_last_sunday = Day(next / January / Sunday[last]);
  EventRecord koopzondag = Make("koopzondag", "Koopzondag binnenstad (fictief)", koopmansplein,
                                At(january_last_sunday, 12), At(january_last_sunday, 17), "koopzondag",
                                EventClass::kA, 180);
  koopzondag.rrule = "FREQ=MONTHLY;BYDAY=-1SU;COUNT=12";
  koopzondag.description = "De winkels zijn open; straatmuzikanten op het Koopmansplein. Fictief demo-evenement.";
  events.push_back(koopzondag);

  // Live music at the Kop van de Vaart, Fridays 20:00-23:00 from the first Friday of June to the end of September.
  local_days june_friday = Day(next / June / Friday[1]);
  EventRecord music = Make("vaartmuziek", "Muziek aan de Vaart (fictief)", vaart, At(june_friday, 20),
                           At(june_friday, 23), "muziek", EventClass::kA, 150);
  music.rrule = "FREQ=WEEKLY;BYDAY=FR;UNTIL=" + Until(Day(next / September / 30));
  music.amplified_sound = true;
  events.push_back(music);

  // A large exhibition of the Drents Museum with the city-dressing package (budget line €10,000).
  local_days expo_start = Day(next / September / Saturday[2]);
  EventRecord expo = Make("tentoonstelling", "Grote tentoonstelling Drents Museum (fictief)", museum,
                          At(expo_start, 10), At(expo_start, 17), "tentoonstelling", EventClass::kB, 1200);
  expo.rrule = "FREQ=DAILY;BYDAY=TU,WE,TH,FR,SA,SU;UNTIL=" + Until(Day(next / November / 8));
  expo.city_dressing = true;
  expo.city_dressing_budget_eur = kCityDressingBudgetEur;
  expo.description = "Een verzonnen tentoonstelling; de binnenstad wordt aangekleed (city dressing).";
  events.push_back(expo);

  // The weekend of the March change: a Saturday evening on the Kerkplein and the Sunday after.
  local_days march_change = Day(next / March / Sunday[last]);
  events.push_back(Make("lentenacht", "Lentenacht op het Kerkplein (fictief)", kerkplein, At(march_change - days{1}, 19),
                        At(march_change - days{1}, 23), "cultuur", EventClass::kA, 120));
  EventRecord kids = Make("kinderochtend", "Kinderochtend in het museum (fictief)", museum, At(march_change, 10),
                          At(march_change, 12), "cultuur", EventClass::kA, 80);
  kids.audience = "jeugd";
  events.push_back(kids);

  // A summer Saturday where things clash: two large events in the centre (emergency services), a children's
  // event on the same square as the festival, and a race weekend in the region.
  local_days summer = Day(next / June / Saturday[last]);
  events.push_back(Make("zomerfestival", "Zomerfestival (fictief)", koopmansplein, At(summer, 13), At(summer, 23),
                        "muziek", EventClass::kC, 6000));
  events.back().amplified_sound = true;
  events.push_back(Make("foodtrucks", "Foodtruckfestival (fictief)", brink, At(summer, 12), At(summer, 22), "overig",
                        EventClass::kB, 2500));
  EventRecord speeltuin = Make("speelplein", "Speelplein voor de jeugd (fictief)", koopmansplein, At(summer, 10),
                               At(summer, 14), "sport", EventClass::kA, 100);
  speeltuin.audience = "jeugd";
  events.push_back(speeltuin);
  EventRecord races = Make("races", "Motorraces in de regio (fictief)", std::nullopt, At(summer + days{1}, 10),
                           At(summer + days{1}, 17), "sport", EventClass::kC, 80000);
  races.regional = true;
  races.location = "TT Circuit, Assen";
  races.source = "demo-regio";
  events.push_back(races);

  // The October change weekend: a Saturday evening and the Sunday itself (koopzondag also falls then).
  events.push_back(Make("herfstconcert", "Herfstconcert in de Jozefkerk (fictief)", kerkplein,
                        At(october_change - days{1}, 20), At(october_change - days{1}, 22), "muziek", EventClass::kA,
                        150));

  // December: a Christmas market on the Brink, and a submission still waiting for moderation.
  local_days xmas = Day(this_year / December / Saturday[3]);
  events.push_back(Make("kerstmarkt", "Kerstmarkt op de Brink (fictief)", brink, At(xmas, 11), At(xmas + days{1}, 18),
                        "markt", EventClass::kB, 4000));
  EventRecord pending = Make("ingediend", "Winterwandeling met gids (fictief)", brink, At(xmas + days{7}, 14),
                             At(xmas + days{7}, 16), "cultuur", EventClass::kA, 30);
  pending.status = Status::kSubmitted;
  events.push_back(pending);
  return events;
}

}  // namespace stadshart::events
