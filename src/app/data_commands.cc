// migrate, seed, export and import: the data subcommands.
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/change_signal.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_accounts_repository.h"
#include "common/resources.h"
#include "events/demo_events.h"
#include "events/sqlite_events_repository.h"
#include "plan/plan_json.h"
#include "plan/plan_routes.h"
#include "monitor/demo_monitor.h"
#include "monitor/sqlite_monitor_repository.h"
#include "plan/sqlite_plan_repository.h"
#include "property/demo_register.h"
#include "property/sqlite_property_repository.h"
#include "shophours/demo_hours.h"
#include "shophours/sqlite_shophours_repository.h"
#include "storage/migrations.h"

namespace stadshart::app {

int Migrate(const std::string& location) {
  try {
    auto db = storage::Database::Open({.location = location, .pool_size = 1, .migrate = false});
    auto applied = db->Migrate();
    if (applied.empty()) std::cout << "De database is bij: geen migraties toe te passen.\n";
    for (const auto& name : applied) std::cout << "toegepast: " << name << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "stadshart migrate: " << e.what() << "\n";
    return 1;
  }
}

int SeedDemo(const std::string& location) {
  auto db = OpenDatabase(location, "seed");
  if (!db) return 1;
  SystemClock clock;
  plan::SqlitePlanRepository plans(*db, clock);
  if (plans.HasData()) {
    std::cerr << "stadshart seed: de database " << db->path()
              << " bevat al gegevens; demo-gegevens worden alleen in een lege database gezet.\n";
    return 1;
  }
  auto source = resources::Find("data/werkplan-2019.json");
  if (!source) {
    std::cerr << "stadshart seed: demo-gegevens ontbreken in deze build\n";
    return 1;
  }
  auto imported = plan::PlanFromJson(nlohmann::json::parse(*source));
  if (!imported.ok()) {
    PrintError(imported.error(), "seed");
    return 1;
  }
  auto stored = plans.ImportPlan(imported.value().plan, imported.value().goals, audit::Actor::System());
  if (!stored.ok()) {
    PrintError(stored.error(), "seed");
    return 1;
  }
  std::cout << "Demo-gegevens van Assen geladen in " << db->path() << ": werkplan "
            << imported.value().plan.year << " en " << imported.value().goals.size()
            << " doelen van het binnenstadakkoord.\n";

  // The register: the real streets, fictitious businesses and owners, a history from 2015 to today.
  property::SqlitePropertyRepository register_(*db, clock);
  property::DemoRegister demo = property::AssenDemoRegister(AmsterdamToday(clock.Now()));
  std::map<std::int64_t, std::int64_t> business_ids;  // demo id -> stored id
  for (const property::Business& business : demo.businesses) {
    auto stored_business = register_.CreateBusiness(business, audit::Actor::System());
    if (!stored_business.ok()) {
      PrintError(stored_business.error(), "seed");
      return 1;
    }
    business_ids[business.id] = stored_business.value().id;
  }
  for (property::Unit unit : demo.units) {
    for (auto& interval : unit.occupancy) {
      if (interval.business_id) interval.business_id = business_ids.at(*interval.business_id);
    }
    auto stored_unit = register_.CreateUnit(unit, audit::Actor::System());
    if (!stored_unit.ok()) {
      PrintError(stored_unit.error(), "seed");
      return 1;
    }
  }
  std::cout << "Register: " << demo.units.size() << " panden en " << demo.businesses.size()
            << " bedrijven (fictief) aan de echte straten van de binnenstad, met hun geschiedenis sinds 2015.\n";

  // Opening hours: generated per outlet group and zone (fictitious, deterministic), src/shophours/demo_hours.h.
  shophours::SqliteShopHoursRepository shop_hours(*db, clock);
  auto seeded_hours = shophours::SeedDemoHours(shop_hours, *register_.Snapshot(), AmsterdamToday(clock.Now()));
  if (!seeded_hours.ok()) {
    PrintError(seeded_hours.error(), "seed");
    return 1;
  }
  std::cout << "Openingstijden: " << seeded_hours.value() << " bedrijven (gegenereerd per branche en zone).\n";

  // The monitor: the akkoord's goals as KPIs, national references, a few fictitious later measurements, and the
  // work-plan actions linked to the KPIs they are meant to move.
  monitor::SqliteMonitorRepository monitor_repo(*db, clock);
  monitor::DemoMonitor monitor_demo = monitor::AssenDemoMonitor();
  for (const monitor::Kpi& kpi : monitor_demo.kpis) {
    if (auto created = monitor_repo.CreateKpi(kpi, audit::Actor::System()); !created.ok()) {
      PrintError(created.error(), "seed");
      return 1;
    }
  }
  for (const monitor::KpiMeasurement& m : monitor_demo.measurements) {
    if (auto added = monitor_repo.AddMeasurement(m, AmsterdamToday(clock.Now()), audit::Actor::System()); !added.ok()) {
      PrintError(added.error(), "seed");
      return 1;
    }
  }
  if (auto plan = plans.GetPlan(imported.value().plan.year)) {
    for (const auto& [chapter_code, codes] : monitor_demo.chapter_kpis) {
      for (const plan::Chapter& chapter : plan->chapters) {
        if (chapter.code != chapter_code) continue;
        for (const plan::Action& action : chapter.actions) {
          if (auto linked = monitor_repo.SetActionKpis(action.id, codes, audit::Actor::System()); !linked.ok()) {
            PrintError(linked.error(), "seed");
            return 1;
          }
        }
      }
    }
  }
  std::cout << "Monitor: " << monitor_demo.kpis.size() << " KPI's met " << monitor_demo.measurements.size()
            << " metingen (latere metingen fictief).\n";

  // The agenda: fictitious events at the real public places of the centre (src/events/demo_events.h).
  events::SqliteEventsRepository agenda(*db, clock);
  auto demo_events = events::AssenDemoEvents(AmsterdamToday(clock.Now()), agenda.Venues());
  for (const events::EventRecord& event : demo_events) {
    if (auto created = agenda.Create(event, audit::Actor::System()); !created.ok()) {
      PrintError(created.error(), "seed");
      return 1;
    }
  }
  std::cout << "Agenda: " << demo_events.size() << " evenementen (fictief) op de pleinen van de binnenstad.\n";

  // A demo beheerder (fictitious) with a fresh random password, printed once and kept beside the database
  // (readable by its owner only) so that `make run` can show it again.
  accounts::SqliteAccountsRepository accounts(*db, clock);
  std::string password = accounts::NewSecret().substr(0, 16);
  auto user = accounts.CreateUser({"beheerder@stadshart.example", "Demo Beheerder (fictief)", "beheerder", password},
                                  audit::Actor::System());
  if (!user.ok()) {
    PrintError(user.error(), "seed");
    return 1;
  }
  std::string login = "Demo-login: " + user.value().email + " / " + password;
  std::cout << login << "\n";
  std::filesystem::path file = std::filesystem::path(db->path()).parent_path() / "demo-login.txt";
  {
    std::ofstream out(file);
    out << login << "\n";
  }
  ::chmod(file.c_str(), 0600);
  return 0;
}

int ExportPlan(const std::string& location, int year, const std::string& format, const std::string& output) {
  auto db = OpenDatabase(location, "export");
  if (!db) return 1;
  SystemClock clock;
  plan::SqlitePlanRepository plans(*db, clock);
  auto plan = plans.GetPlan(year);
  if (!plan) {
    std::cerr << "stadshart export: er is geen jaarplan " << year << "\n";
    return 1;
  }
  std::string body;
  if (format == "csv") {
    body = plan::PlanCsv(*plan, plans);
  } else {
    nlohmann::json doc = plan::ToJson(*plan);
    nlohmann::json goals = nlohmann::json::array();
    for (const auto& goal : plans.Goals()) goals.push_back(plan::ToJson(goal));
    doc["goals"] = std::move(goals);
    body = doc.dump(2) + "\n";
  }
  if (output == "-") {
    std::cout << body;
    return std::cout ? 0 : 1;
  }
  std::ofstream file(output, std::ios::binary);
  file << body;
  if (!file) {
    std::cerr << "stadshart export: kan " << output << " niet schrijven\n";
    return 1;
  }
  return 0;
}

int ImportPlan(const std::string& location, const std::string& path, bool dry_run) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "stadshart import: kan " << path << " niet lezen\n";
    return 1;
  }
  std::stringstream content;
  content << file.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(content.str(), nullptr, false);
  if (doc.is_discarded()) {
    std::cerr << "stadshart import: " << path << " is geen geldige JSON; er is niets geïmporteerd\n";
    return 1;
  }
  auto imported = plan::PlanFromJson(doc);
  if (!imported.ok()) {
    PrintError(imported.error(), "import");
    std::cerr << "Er is niets geïmporteerd.\n";
    return 1;
  }
  const plan::Plan& plan = imported.value().plan;
  int actions = 0;
  for (const auto& chapter : plan.chapters) actions += static_cast<int>(chapter.actions.size());
  if (dry_run) {
    std::cout << "Controle geslaagd: jaarplan " << plan.year << " met " << plan.chapters.size() << " hoofdstukken en "
              << actions << " acties. (proefimport: niets opgeslagen)\n";
    return 0;
  }
  auto db = OpenDatabase(location, "import");
  if (!db) return 1;
  SystemClock clock;
  plan::SqlitePlanRepository plans(*db, clock);
  auto stored = plans.ImportPlan(plan, imported.value().goals, audit::Actor::System());
  if (!stored.ok()) {
    PrintError(stored.error(), "import");
    std::cerr << "Er is niets geïmporteerd.\n";
    return 1;
  }
  std::cout << "Jaarplan " << plan.year << " geïmporteerd: " << plan.chapters.size() << " hoofdstukken, " << actions
            << " acties.\n";
  RaiseDataVersion(*db);  // running servers empty their response caches (app/change_signal.h)
  return 0;
}

}  // namespace stadshart::app
