#include "monitor/monitor_json.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "common/csv.h"
#include "common/text.h"
#include "common/time.h"
#include "property/register_csv.h"

namespace stadshart::monitor {
namespace {

using nlohmann::json;

json DayOrNull(const std::optional<Day>& day) { return day ? json(FormatIsoDay(*day)) : json(nullptr); }
json NumberOrNull(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

void RefuseUnknown(const json& body, const std::set<std::string>& known, std::vector<FieldError>& errors) {
  for (const auto& [key, value] : body.items()) {
    if (!known.count(key)) errors.push_back({key, "Onbekend veld '" + key + "'."});
  }
}

void ReadString(const json& body, const char* key, std::string& out, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return;
  if (!it->is_string()) {
    errors.push_back({key, std::string(key) + " moet tekst zijn."});
    return;
  }
  out = it->get<std::string>();
}


}  // namespace

json MeasurementToJson(const KpiMeasurement& m, bool internal) {
  json out{{"id", m.id},       {"date", FormatIsoDay(m.date)}, {"value", m.value},
           {"source", m.source}, {"series", SeriesCode(m.series)}, {"version", m.version}};
  if (internal) out["note"] = m.note;
  return out;
}

json ReportToJson(const KpiReport& r) {
  const Kpi& k = r.kpi;
  json out{{"code", k.code},
           {"name", k.name},
           {"unit", k.unit},
           {"direction", DirectionCode(k.direction)},
           {"description", k.description},
           {"source", k.source},
           {"frequency", k.frequency},
           {"archived", k.archived},
           {"version", k.version},
           {"baseline", {{"value", NumberOrNull(k.baseline.value)}, {"date", DayOrNull(k.baseline.date)},
                         {"source", k.baseline.source}}},
           {"target", {{"value", k.target.value}, {"year", k.target.year},
                       {"comparator", ComparatorCode(k.target.comparator)}}}};
  out["latest"] = r.status.latest ? json{{"date", FormatIsoDay(r.status.latest->date)},
                                         {"value", r.status.latest->value},
                                         {"source", r.status.latest->source}}
                                  : json(nullptr);
  out["national_reference"] = r.national.empty() ? json(nullptr)
                                                 : json{{"date", FormatIsoDay(r.national.back().date)},
                                                        {"value", r.national.back().value},
                                                        {"source", r.national.back().source}};
  out["derived"] = k.derived == Derived::kNone
                       ? json(nullptr)
                       : json{{"code", DerivedCode(k.derived)}, {"value", NumberOrNull(r.derived_today)},
                              {"method", DerivedMethod(k.derived)}};
  out["progress"] = NumberOrNull(r.status.progress);
  out["met"] = r.status.met;
  const Projection& p = r.status.projection;
  out["projection"] = {{"year", k.target.year},
                       {"value", NumberOrNull(p.projected)},
                       {"verdict", VerdictCode(p.verdict)},
                       {"basis", r.basis == Basis::kMeasured ? "measured" : "derived"},
                       {"points", p.points},
                       {"slope_per_year", p.line ? json(p.line->slope_per_year) : json(nullptr)},
                       {"pace_needed_per_year", NumberOrNull(p.pace_needed_per_year)}};
  return out;
}

json ReportWithSeriesToJson(const KpiReport& r, const std::vector<LinkedAction>& actions, bool internal) {
  json out = ReportToJson(r);
  json measured = json::array(), national = json::array(), derived = json::array(), linked = json::array();
  for (const KpiMeasurement& m : r.measured) measured.push_back(MeasurementToJson(m, internal));
  for (const KpiMeasurement& m : r.national) national.push_back(MeasurementToJson(m, internal));
  for (const Measurement& m : r.derived) derived.push_back({{"date", FormatIsoDay(m.date)}, {"value", m.value}});
  for (const LinkedAction& a : actions) {
    linked.push_back({{"id", a.id}, {"plan_year", a.plan_year}, {"chapter", a.chapter}, {"title", a.title},
                      {"status", a.status}});
  }
  out["series"] = {{"measured", std::move(measured)}, {"national", std::move(national)}, {"derived", std::move(derived)}};
  out["actions"] = std::move(linked);
  return out;
}

Result<Kpi> KpiFromJson(const json& body, Kpi base, bool creating) {
  std::vector<FieldError> errors;
  RefuseUnknown(body,
                {"version", "code", "name", "unit", "direction", "baseline", "target", "description", "source",
                 "frequency", "derived", "archived"},
                errors);
  if (creating) {
    ReadString(body, "code", base.code, errors);
  } else if (body.contains("code") && body["code"] != base.code) {
    errors.push_back({"code", "De code van een KPI verandert niet."});
  }
  ReadString(body, "name", base.name, errors);
  ReadString(body, "unit", base.unit, errors);
  ReadString(body, "description", base.description, errors);
  ReadString(body, "source", base.source, errors);
  ReadString(body, "frequency", base.frequency, errors);
  if (auto it = body.find("direction"); it != body.end()) {
    if (*it == "higher") base.direction = Direction::kHigher;
    else if (*it == "lower") base.direction = Direction::kLower;
    else errors.push_back({"direction", "direction is higher of lower."});
  }
  if (auto it = body.find("derived"); it != body.end()) {
    auto d = it->is_string() ? ParseDerived(it->get<std::string>()) : std::nullopt;
    if (d) base.derived = *d;
    else errors.push_back({"derived", "derived is leeg, vacancy_count, vacancy_floor_area, businesses of jobs."});
  }
  if (auto it = body.find("archived"); it != body.end()) {
    if (it->is_boolean()) base.archived = it->get<bool>(); else errors.push_back({"archived", "archived is true of false."});
  }
  if (auto it = body.find("baseline"); it != body.end()) {
    if (!it->is_object()) {
      errors.push_back({"baseline", "baseline is een object met value, date en source."});
    } else {
      if (auto v = it->find("value"); v != it->end()) {
        if (v->is_null()) base.baseline.value.reset();
        else if (v->is_number()) base.baseline.value = v->get<double>();
        else errors.push_back({"baseline", "baseline.value is een getal of null."});
      }
      if (auto d = it->find("date"); d != it->end()) {
        if (d->is_null()) base.baseline.date.reset();
        else if (auto day = d->is_string() ? ParseIsoDay(d->get<std::string>()) : std::nullopt) base.baseline.date = day;
        else errors.push_back({"baseline", "baseline.date is een datum als 2018-01-01."});
      }
      if (auto s = it->find("source"); s != it->end()) {
        if (s->is_string()) base.baseline.source = s->get<std::string>();
        else errors.push_back({"baseline", "baseline.source is tekst."});
      }
    }
  } 
  if (auto it = body.find("target"); it != body.end()) {
    if (!it->is_object()) {
      errors.push_back({"target", "target is een object met value, year en comparator."});
    } else {
      if (auto v = it->find("value"); v != it->end()) {
        if (v->is_number()) base.target.value = v->get<double>(); else errors.push_back({"target_value", "target.value is een getal."});
      }
      if (auto y = it->find("year"); y != it->end()) {
        if (y->is_number_integer()) base.target.year = y->get<int>(); else errors.push_back({"target_year", "target.year is een jaartal."});
      }
      if (auto c = it->find("comparator"); c != it->end()) {
        auto comparator = c->is_string() ? ParseComparator(c->get<std::string>()) : std::nullopt;
        if (comparator) base.target.comparator = *comparator;
        else errors.push_back({"comparator", "target.comparator is at_least, at_most, below of above."});
      }
    }
  } else if (creating) {
    errors.push_back({"target", "Geef het doel (target: value, year, comparator)."});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return base;
}

Result<KpiMeasurement> MeasurementFromJson(const json& body, const std::string& kpi_code, bool correcting) {
  std::vector<FieldError> errors;
  RefuseUnknown(body, correcting ? std::set<std::string>{"version", "value", "source", "note"}
                                 : std::set<std::string>{"date", "value", "source", "note", "series"},
                errors);
  KpiMeasurement m;
  m.kpi = kpi_code;
  if (!correcting) {
    std::string date, series = "measured";
    ReadString(body, "date", date, errors);
    ReadString(body, "series", series, errors);
    if (auto day = ParseIsoDay(date)) m.date = *day;
    else errors.push_back({"date", "date is de peildatum als 2019-01-01."});
    if (auto s = ParseSeries(series)) m.series = *s;
    else errors.push_back({"series", "series is measured of national."});
  }
  auto value = body.find("value");
  if (value == body.end() || !value->is_number()) {
    errors.push_back({"value", "value is een getal (een percentage als 21.9)."});
  } else {
    m.value = value->get<double>();
  }
  ReadString(body, "source", m.source, errors);
  ReadString(body, "note", m.note, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return m;
}

std::string SeriesCsv(const std::vector<Kpi>& kpis, const std::vector<KpiMeasurement>& measurements) {
  csv::Writer out;
  out.Row({"kpi", "name", "unit", "series", "date", "value", "source"});
  for (const Kpi& kpi : kpis) {
    for (const KpiMeasurement& m : measurements) {
      if (m.kpi != kpi.code) continue;
      char value[64];
      std::snprintf(value, sizeof value, "%.10g", m.value);
      std::string text = value;
      for (char& c : text) {
        if (c == '.') c = ',';
      }
      out.Row({kpi.code, kpi.name, kpi.unit, std::string(SeriesCode(m.series)), FormatIsoDay(m.date), text, m.source});
    }
  }
  return out.str();
}

Result<std::vector<std::pair<int, KpiMeasurement>>> ParseMeasurementsCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  csv::Reader reader(text);
  std::vector<std::string> fields;
  if (!reader.Next(fields)) return Error::Invalid({{"file", "Het bestand is leeg."}});
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string name = fields[i];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    column[name] = i;
  }
  for (const char* required : {"kpi", "date", "value"}) {
    if (!column.count(required)) {
      return Error::Invalid({{"file", std::string("Regel 1: de kolom '") + required +
                                          "' ontbreekt (nodig: kpi, date, value; mag: series, source, note)."}});
    }
  }
  auto cell = [&](const char* name) -> std::string {
    auto it = column.find(name);
    if (it == column.end() || it->second >= fields.size()) return "";
    return std::string(csv::Undefused(fields[it->second]));
  };
  std::vector<std::pair<int, KpiMeasurement>> rows;
  std::vector<FieldError> errors;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  while (reader.Next(fields)) {
    std::string line = "Regel " + std::to_string(reader.line()) + ": ";
    KpiMeasurement m;
    m.kpi = cell("kpi");
    std::string series = cell("series");
    if (series.empty()) series = "measured";
    if (auto s = ParseSeries(series)) m.series = *s;
    else errors.push_back({"series", line + "series is measured of national."});
    if (auto day = property::ParseCsvDay(cell("date"))) m.date = *day;
    else errors.push_back({"date", line + "'" + cell("date") + "' is geen datum."});
    if (auto value = text::ParseDutchNumber(cell("value"))) m.value = *value;
    else errors.push_back({"value", line + "'" + cell("value") + "' is geen getal."});
    m.source = cell("source");
    m.note = cell("note");
    if (!seen.insert({m.kpi, series, FormatIsoDay(m.date)}).second) {
      errors.push_back({"date", line + "deze KPI heeft in dit bestand al een waarde op die datum."});
    }
    rows.emplace_back(reader.line(), std::move(m));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return rows;
}

}  // namespace stadshart::monitor
