// Internal to the monitor's HTML pages (monitor_pages.cc: /monitor and the yearly report; monitor_kpi_pages.cc: the
// KPI page with its forms). View helpers shared by both, for the templates/monitor_*.mustache templates.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.h"
#include "monitor/monitor_routes.h"

namespace stadshart::monitor::pages {

std::string KpiUrl(std::string_view code);

// "onder 7,8% in 2030"
std::string TargetText(const Kpi& kpi);
// "21,9% op 1-1-2018 (Locatus)", or "geen nulmeting"
std::string BaselineText(const Kpi& kpi);

// {code, label, badge (utrecht-status-badge--...), basis ("metingen"/"register"), insufficient (bool), explanation}
nlohmann::json VerdictView(const KpiReport& report);
// {percent, bar (0-100), text} or false when there is no baseline or no measurement.
nlohmann::json ProgressView(const KpiReport& report);
// {value, date, iso_date, source} of the latest measurement, or false.
nlohmann::json LatestView(const KpiReport& report);
// The register's figure today for a derived KPI: {value} or false.
nlohmann::json DerivedTodayView(const KpiReport& report);

// The badge of a work-plan action's status (gepland, lopend, gereed, vervallen).
const char* ActionBadge(std::string_view status);

// The projection method in Dutch (projection.h), as paragraphs.
nlohmann::json MethodParagraphs();

// Message pages for the monitor's forms: 404 naming what is missing, 403 for a form without a valid CSRF token.
http::Response NotFound(const http::Request& request, const std::string& what);
http::Response CsrfRefused(const http::Request& request);

// The form that defines a KPI: /monitor/nieuw and /monitor/{code}/bewerken (monitor_kpi_form.cc).
void AddKpiForms(http::Router& router, MonitorRepository& repository);

// The KPI page and its two forms (monitor_kpi_pages.cc).
void AddKpiPages(http::Router& router, MonitorRepository& repository, property::PropertyRepository& reg,
                 const Clock& clock);

}  // namespace stadshart::monitor::pages
