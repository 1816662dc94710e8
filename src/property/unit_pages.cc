// Units and businesses: /panden (search and paging), /panden/{id} (fields, occupancy timeline, the form
// "Bezetting wijzigen" posting to /panden/{id}/bezetting, audit trail), /bedrijven and /bedrijven/{id}.
#include <algorithm>
#include <cstdio>

#include "accounts/request_auth.h"
#include "common/text.h"
#include "property/register_pages.h"
#include "web/csrf.h"
#include "web/page.h"

namespace stadshart::property::pages {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kPerPage = 50;

long long PageParam(const Request& request) {
  long long page = 1;
  if (!text::ParseInt(request.Query("pagina").value_or("1"), page)) page = 1;
  return page;
}

// Links to the previous and next page, keeping the other query parameters.
json PagerView(const Request& request, const std::string& path, const Slice& slice) {
  auto link = [&](int page) {
    std::string query;
    for (const auto& [name, value] : request.query) {
      if (name == "pagina") continue;
      query += (query.empty() ? "?" : "&") + http::UrlEncode(name) + "=" + http::UrlEncode(value);
    }
    return path + query + (query.empty() ? "?" : "&") + "pagina=" + std::to_string(page);
  };
  return {{"page", slice.page},
          {"pages", slice.pages},
          {"many", slice.pages > 1},
          {"previous", slice.page > 1 ? json(link(slice.page - 1)) : json(false)},
          {"next", slice.page < slice.pages ? json(link(slice.page + 1)) : json(false)}};
}

// --- /panden ----------------------------------------------------------------------------------------------------

Response UnitsPage(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto reg = repo.Snapshot();
  std::string date_error;
  UnitQuery query;
  query.day = DateParam(request, clock, date_error);
  query.text = std::string(request.Query("q").value_or(""));
  query.street = std::string(request.Query("straat").value_or(""));
  query.zone = std::string(request.Query("zone").value_or(""));
  query.state = std::string(request.Query("toestand").value_or(""));
  std::vector<const Unit*> found = SearchUnits(*reg, query);
  Slice slice = Paginate(found.size(), PageParam(request), kPerPage);
  json rows = json::array();
  for (size_t i = slice.begin; i < slice.end; ++i) rows.push_back(UnitRow(*reg, *found[i], query.day));
  json view = {{"q", query.text},
               {"date", FormatIsoDay(query.day)},
               {"date_label", DutchDay(query.day)},
               {"date_error", date_error.empty() ? json(false) : json(date_error)},
               {"zone_options", ZoneOptions(*reg, query.zone)},
               {"street_options", StreetOptions(*reg, query.street)},
               {"state_options", StateOptions(query.state)},
               {"rows", rows},
               {"total", found.size()},
               {"all", reg->units.size()},
               {"any", !found.empty()},
               {"filtered", !query.text.empty() || !query.street.empty() || !query.zone.empty() || !query.state.empty()},
               {"pager", PagerView(request, "/panden", slice)}};
  return web::RenderPage(request, {"Panden", "/panden", {{"/", "Home"}}}, "register_units", view);
}

// --- /panden/{id} -----------------------------------------------------------------------------------------------

// "52.992900, 6.562600" (WGS84 latitude, longitude).
std::string Coordinates(const Unit& unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f, %.6f", *unit.lat, *unit.lon);
  return buf;
}

// The occupancy form as sent, when it was refused.
struct OccupancyFormState {
  json errors = web::ErrorView({});
  std::optional<json> submitted;
  std::string conflict;
};

json BusinessOptions(const Register& reg, std::optional<std::int64_t> selected) {
  std::vector<const Business*> all = SearchBusinesses(reg, "", std::nullopt);
  json options = json::array();
  for (const Business* b : all) {
    options.push_back({{"value", b->id},
                       {"label", b->name + " (" + std::string(InfoOf(b->function).label) + ")"},
                       {"selected", selected == b->id}});
  }
  return options;
}

json KindOptions(std::string_view selected) {
  json options = json::array();
  for (OccupancyKind kind : {OccupancyKind::kInUse, OccupancyKind::kVacant, OccupancyKind::kVacantLet,
                             OccupancyKind::kTemporary, OccupancyKind::kHousing, OccupancyKind::kTransformation}) {
    options.push_back({{"value", KindCode(kind)}, {"label", KindLabel(kind)}, {"selected", KindCode(kind) == selected}});
  }
  return options;
}

json TimelineView(const Register& reg, const Unit& unit, Day today) {
  json items = json::array();
  for (const OccupancyInterval& interval : unit.occupancy) {
    json item = {{"from", DutchDay(interval.from)},
                 {"from_iso", FormatIsoDay(interval.from)},
                 {"to", interval.to ? json(DutchDay(*interval.to)) : json(false)},
                 {"to_iso", interval.to ? json(FormatIsoDay(*interval.to)) : json(false)},
                 {"state", KindCode(interval.kind)},
                 {"label", KindLabel(interval.kind)},
                 {"current", interval.Contains(today)},
                 {"business", false},
                 {"temporary", false}};
    if (interval.business_id) {
      if (const Business* b = reg.FindBusiness(*interval.business_id)) {
        item["business"] = {{"name", b->name}, {"url", BusinessUrl(b->id)}};
      }
    }
    if (interval.kind == OccupancyKind::kTemporary) {
      item["temporary"] = {{"user", interval.temporary_user.empty() ? "onbekend" : interval.temporary_user},
                           {"manager", interval.temporary_manager.empty() ? json(false) : json(interval.temporary_manager)},
                           {"end", interval.temporary_end ? json(DutchDay(*interval.temporary_end)) : json(false)}};
    }
    items.push_back(std::move(item));
  }
  std::reverse(items.begin(), items.end());  // newest first
  return items;
}

Response UnitPage(PropertyRepository& repo, const Clock& clock, const Request& request, std::int64_t id,
                  const OccupancyFormState& state, int status) {
  auto reg = repo.Snapshot();
  const Unit* unit = reg->FindUnit(id);
  if (unit == nullptr) return NotFound(request, "Pand " + std::to_string(id));
  Day today = AmsterdamToday(clock.Now());
  web::CsrfToken token = web::CsrfFor(request);
  bool may_change = accounts::Can(request, "register.own") && accounts::MayChange(request, "unit", id);
  bool show_owner = accounts::Can(request, "register.private") || accounts::MayChange(request, "unit", id);

  json view = UnitRow(*reg, *unit, today);
  view["today"] = DutchDay(today);
  view["postcode"] = unit->postcode.empty() ? "—" : unit->postcode;
  view["bag_id"] = unit->bag_id.empty() ? "—" : unit->bag_id;
  view["outlet"] = unit->outlet;
  view["coordinates"] = unit->lat && unit->lon ? json(Coordinates(*unit)) : json(false);
  view["owner"] = show_owner ? json(unit->owner.empty() ? "niet bekend" : unit->owner) : json(false);
  view["timeline"] = TimelineView(*reg, *unit, today);
  view["has_timeline"] = !unit->occupancy.empty();
  view["may_change"] = may_change;
  view["signed_in"] = !accounts::PrincipalOf(request).anonymous();
  view["login_url"] = "/login?terug=" + http::UrlEncode(UnitUrl(id));
  view["edit_url"] = UnitUrl(id) + "/bewerken";
  view["csrf"] = token.value;
  view["version"] = unit->version;
  view["zone_code"] = unit->zone;
  view["notice"] = false;
  if (request.Query("bezetting")) view["notice"] = "De nieuwe bezetting is opgeslagen.";
  if (request.Query("opgeslagen")) view["notice"] = "De gegevens van het pand zijn opgeslagen.";

  if (may_change) {
    json form = {{"kind", "in_use"}, {"from", FormatIsoDay(today)}, {"to", ""}, {"business_id", ""},
                 {"temporary_user", ""}, {"temporary_manager", ""}, {"temporary_end", ""}};
    if (state.submitted) form = *state.submitted;
    long long business = 0;
    std::optional<std::int64_t> selected;
    if (text::ParseInt(form.value("business_id", ""), business)) selected = business;
    form["kind_options"] = KindOptions(form.value("kind", ""));
    form["business_options"] = BusinessOptions(*reg, selected);
    view["form"] = form;
    view["errors"] = state.errors;
    view["conflict"] = state.conflict.empty() ? json(false) : json(state.conflict);
  }
  if (accounts::Can(request, "audit.read")) view["changes"] = ChangesView(*reg, repo.ChangeHistory("unit", id));

  Response response = web::RenderPage(
      request, {unit->Address(), "/panden", {{"/", "Home"}, {"/panden", "Panden"}}, status}, "register_unit", view);
  token.Attach(response);
  return response;
}

std::optional<Day> OptionalDay(const std::string& text, const char* field, const char* label,
                               std::vector<FieldError>& errors) {
  if (text::Trim(text).empty()) return std::nullopt;
  auto day = ParseIsoDay(text::Trim(text));
  if (!day) errors.push_back({field, std::string(label) + " is geen geldige datum (jjjj-mm-dd)."});
  return day;
}

Response SaveOccupancy(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto id = IdParam(request);
  if (!id) return NotFound(request, "Pand " + std::string(request.Param("id")));
  if (!accounts::MayChange(request, "unit", *id)) return NotYours(request, "pand");
  http::Fields form = request.Form();
  if (!web::CsrfValid(request, form)) return CsrfRefused(request);
  json submitted = json::object();
  for (const char* name : {"kind", "from", "to", "business_id", "temporary_user", "temporary_manager", "temporary_end"}) {
    submitted[name] = http::FieldValue(form, name);
  }
  long long version = 0;
  if (!text::ParseInt(http::FieldValue(form, "version"), version)) {
    return web::MessagePage(request, 400, "Formulier onvolledig", "De versie van het pand ontbreekt; er is niets opgeslagen.");
  }

  std::vector<FieldError> errors;
  OccupancyInterval next;
  auto kind = ParseKind(http::FieldValue(form, "kind"));
  if (!kind) errors.push_back({"kind", "Kies wat er met het pand gebeurt."});
  auto from = OptionalDay(http::FieldValue(form, "from"), "from", "De ingangsdatum", errors);
  if (!from && std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "from"; })) {
    errors.push_back({"from", "Vul de ingangsdatum in."});
  }
  next.to = OptionalDay(http::FieldValue(form, "to"), "to", "De einddatum", errors);
  if (kind) next.kind = *kind;
  if (kind == OccupancyKind::kInUse) {
    long long business = 0;
    if (!text::ParseInt(http::FieldValue(form, "business_id"), business)) {
      errors.push_back({"business_id", "Kies het bedrijf dat het pand in gebruik neemt."});
    } else {
      next.business_id = business;
    }
  }
  if (kind == OccupancyKind::kTemporary) {
    next.temporary_user = text::Trim(http::FieldValue(form, "temporary_user"));
    next.temporary_manager = text::Trim(http::FieldValue(form, "temporary_manager"));
    next.temporary_end = OptionalDay(http::FieldValue(form, "temporary_end"), "temporary_end", "De afgesproken einddatum", errors);
    if (next.temporary_user.empty()) errors.push_back({"temporary_user", "Vul in wie het pand tijdelijk gebruikt."});
  }
  OccupancyFormState state;
  state.submitted = submitted;
  if (!errors.empty()) {
    state.errors = web::ErrorView(errors);
    return UnitPage(repo, clock, request, *id, state, 422);
  }
  next.from = *from;
  auto saved = repo.ChangeOccupancy(*id, next, version, accounts::ActorOf(request));
  if (!saved.ok()) {
    const Error& error = saved.error();
    if (error.kind == ErrorKind::kNotFound) return NotFound(request, "Pand " + std::to_string(*id));
    if (error.kind == ErrorKind::kConflict) {
      state.conflict = error.message + " Het formulier is bijgewerkt naar de nieuwste gegevens; controleer de tijdlijn "
                                       "en verstuur opnieuw.";
      return UnitPage(repo, clock, request, *id, state, 409);
    }
    std::vector<FieldError> field_errors = error.field_errors;
    if (field_errors.empty()) field_errors.push_back({"from", error.message});
    state.errors = web::ErrorView(field_errors);
    return UnitPage(repo, clock, request, *id, state, 422);
  }
  return Response::Redirect(UnitUrl(*id) + "?bezetting=1#tijdlijn");
}

// --- /bedrijven -------------------------------------------------------------------------------------------------

json FunctionOptions(std::optional<Function> selected, bool with_housing) {
  json options = json::array();
  for (const FunctionInfo& info : Functions()) {
    if (info.function == Function::kHousing && !with_housing) continue;
    std::string label = info.locatus_group ? std::to_string(info.locatus_group) + " " + std::string(info.label)
                                           : std::string(info.label);
    options.push_back({{"value", info.code}, {"label", label}, {"selected", selected == info.function}});
  }
  return options;
}

// The units a business uses on `day` and the ones it used before, by address.
struct BusinessUnits {
  std::vector<const Unit*> now, before;
};
BusinessUnits UnitsOf(const Register& reg, std::int64_t business_id, Day day) {
  BusinessUnits result;
  for (const Unit& unit : reg.units) {
    bool now = false, before = false;
    for (const OccupancyInterval& interval : unit.occupancy) {
      if (interval.business_id != business_id) continue;
      if (interval.Contains(day)) now = true;
      else if (interval.from <= day) before = true;
    }
    if (now) result.now.push_back(&unit);
    else if (before) result.before.push_back(&unit);
  }
  return result;
}

Response BusinessesPage(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto reg = repo.Snapshot();
  Day today = AmsterdamToday(clock.Now());
  std::string q(request.Query("q").value_or(""));
  std::optional<Function> function = ParseFunction(request.Query("branche").value_or(""));
  if (function == Function::kHousing) function.reset();
  std::vector<const Business*> found = SearchBusinesses(*reg, q, function);
  Slice slice = Paginate(found.size(), PageParam(request), kPerPage);
  // Which units each business on this page uses today (one pass over the units).
  json rows = json::array();
  for (size_t i = slice.begin; i < slice.end; ++i) {
    const Business& b = *found[i];
    BusinessUnits units = UnitsOf(*reg, b.id, today);
    std::string addresses;
    for (const Unit* u : units.now) addresses += (addresses.empty() ? "" : ", ") + u->Address();
    rows.push_back({{"url", BusinessUrl(b.id)},
                    {"name", b.name},
                    {"function", InfoOf(b.function).label},
                    {"jobs", b.jobs},
                    {"units", addresses.empty() ? "geen pand in gebruik" : addresses}});
  }
  json view = {{"q", q},
               {"function_options", FunctionOptions(function, false)},
               {"rows", rows},
               {"total", found.size()},
               {"all", reg->businesses.size()},
               {"any", !found.empty()},
               {"filtered", !q.empty() || function.has_value()},
               {"pager", PagerView(request, "/bedrijven", slice)}};
  return web::RenderPage(request, {"Bedrijven", "/panden", {{"/", "Home"}, {"/panden", "Panden"}}}, "register_businesses",
                         view);
}

Response BusinessPage(PropertyRepository& repo, const Clock& clock, const Request& request) {
  auto id = IdParam(request);
  auto reg = repo.Snapshot();
  const Business* b = id ? reg->FindBusiness(*id) : nullptr;
  if (b == nullptr) return NotFound(request, "Bedrijf " + std::string(request.Param("id")));
  Day today = AmsterdamToday(clock.Now());
  json memberships = json::array();
  for (const Association& association : Associations()) {
    if (std::find(b->memberships.begin(), b->memberships.end(), association.code) != b->memberships.end()) {
      memberships.push_back(association.name);
    }
  }
  BusinessUnits units = UnitsOf(*reg, b->id, today);
  json now = json::array(), before = json::array();
  for (const Unit* u : units.now) now.push_back(UnitRow(*reg, *u, today));
  for (const Unit* u : units.before) before.push_back(UnitRow(*reg, *u, today));
  json view = {{"name", b->name},
               {"kvk", b->kvk.empty() ? "—" : b->kvk},
               {"vestiging", b->vestiging.empty() ? "—" : b->vestiging},
               {"sbi", b->sbi.empty() ? "—" : b->sbi},
               {"function", InfoOf(b->function).label},
               {"group", InfoOf(b->function).locatus_group},
               {"jobs", b->jobs},
               {"website", b->website.empty() ? json(false) : json(b->website)},
               {"website_link", b->website.starts_with("https://") || b->website.starts_with("http://")},
               {"memberships", memberships},
               {"has_memberships", !memberships.empty()},
               {"now", now},
               {"has_now", !now.empty()},
               {"before", before},
               {"has_before", !before.empty()},
               {"may_change", accounts::Can(request, "register.own") && accounts::MayChange(request, "business", b->id)},
               {"edit_url", BusinessUrl(b->id) + "/bewerken"},
               {"hours_url", BusinessUrl(b->id) + "/openingstijden"},  // src/shophours
               {"notice", request.Query("opgeslagen") ? json("De gegevens van het bedrijf zijn opgeslagen.") : json(false)}};
  if (accounts::Can(request, "audit.read")) view["changes"] = ChangesView(*reg, repo.ChangeHistory("business", b->id));
  return web::RenderPage(request, {b->name, "/panden", {{"/", "Home"}, {"/bedrijven", "Bedrijven"}}}, "register_business",
                         view);
}

}  // namespace

void AddUnitAndBusinessPages(http::Router& router, PropertyRepository& repo, const Clock& clock) {
  http::RouteOptions page{.permission = "public"};
  http::RouteOptions own{.permission = "register.own"};
  router.Add(Method::kGet, "/panden", [&repo, &clock](Request& r) { return UnitsPage(repo, clock, r); }, page);
  router.Add(Method::kGet, "/panden/{id}", [&repo, &clock](Request& r) {
    auto id = IdParam(r);
    if (!id) return NotFound(r, "Pand " + std::string(r.Param("id")));
    return UnitPage(repo, clock, r, *id, {}, 200);
  }, page);
  router.Add(Method::kPost, "/panden/{id}/bezetting", [&repo, &clock](Request& r) { return SaveOccupancy(repo, clock, r); },
             own);
  router.Add(Method::kGet, "/bedrijven", [&repo, &clock](Request& r) { return BusinessesPage(repo, clock, r); }, page);
  router.Add(Method::kGet, "/bedrijven/{id}", [&repo, &clock](Request& r) { return BusinessPage(repo, clock, r); }, page);
}

}  // namespace stadshart::property::pages
