// stadshart: the one binary. Subcommands: serve, migrate, seed, export, import, user, token, hours, copy.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "hours/cli.h"

namespace {

// --db with STADSHART_DB as fallback, defaulting to the data directory's stadshart.db.
void AddDbOption(CLI::App* command, std::string& db) {
  command->add_option("--db", db,
                      "SQLite-bestand (of sqlite:PAD) of PostgreSQL-URL (postgresql://gebruiker:wachtwoord@host:poort/db); "
                      "standaard DATA_DIR/stadshart.db")
      ->envname("STADSHART_DB");
}

// The database named by --db/STADSHART_DB, else DATA_DIR/stadshart.db (the directory is created).
std::string DefaultDb(const std::string& db, const std::string& data_dir) {
  if (!db.empty()) return db;
  std::string dir = data_dir.empty() ? std::string("var") : data_dir;
  std::error_code ignored;
  std::filesystem::create_directories(dir, ignored);
  return dir + "/stadshart.db";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Stadshart — werkplatform voor de binnenstad (gemeente en ondernemers)", "stadshart"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "stadshart 0.1.0");

  stadshart::app::ServeOptions serve;
  std::string data_dir = "var";
  auto* serve_cmd = app.add_subcommand("serve", "De webapplicatie en de JSON-API serveren");
  serve_cmd->add_option("--port", serve.port, "TCP-poort (0 = kies een vrije)")
      ->envname("STADSHART_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_cmd->add_option("--bind", serve.bind, "Adres om op te luisteren")->envname("STADSHART_BIND")->capture_default_str();
  AddDbOption(serve_cmd, serve.db);
  serve_cmd->add_option("--data-dir", data_dir, "Map voor de database en andere gegevens (wordt aangemaakt)")
      ->envname("STADSHART_DATA_DIR")
      ->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "Threads voor verzoeken en databaseverbindingen")
      ->envname("STADSHART_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "Threads voor netwerk-I/O")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_option("--map-tiles", serve.map_tiles,
                        "URL-sjabloon van de achtergrondkaart voor Leaflet, bijv. PDOK BRT "
                        "(https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png); "
                        "leeg: geen achtergrondkaart")
      ->envname("STADSHART_MAP_TILES");
  serve_cmd->add_option("--map-attribution", serve.map_attribution, "Bronvermelding bij de achtergrondkaart")
      ->envname("STADSHART_MAP_ATTRIBUTION");
  bool quiet = false;
  serve_cmd->add_flag("--no-access-log", quiet, "Geen regel per verzoek op stdout");

  std::string db;
  auto* migrate_cmd = app.add_subcommand("migrate", "De database aanmaken of bijwerken naar het nieuwste schema");
  AddDbOption(migrate_cmd, db);
  migrate_cmd->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  bool demo = false, synthetic = false;
  int synthetic_units = 250000;
  std::uint64_t synthetic_seed = 2019;
  auto* seed_cmd = app.add_subcommand("seed", "Demo-gegevens of een synthetisch register laden in een lege database");
  auto* demo_flag =
      seed_cmd->add_flag("--demo", demo, "De Assen-demo: werkplan 2019 en de doelen van het binnenstadakkoord");
  auto* synthetic_flag = seed_cmd->add_flag(
      "--synthetic", synthetic,
      "Een fictief register op landelijke schaal (voor metingen): panden met ~4 bezettingsperiodes over 10 jaar, "
      "~0,8 bedrijf per pand, 10-20% leegstand; alleen in een leeg register");
  demo_flag->excludes(synthetic_flag);
  seed_cmd->add_option("--units", synthetic_units, "Aantal panden bij --synthetic")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  seed_cmd->add_option("--seed", synthetic_seed, "Startwaarde van de toevalsgenerator bij --synthetic (zelfde seed, "
                                                 "zelfde register)")
      ->capture_default_str();
  AddDbOption(seed_cmd, db);
  seed_cmd->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  int year = 0;
  std::string format = "json";
  std::string output = "-";
  auto* export_cmd = app.add_subcommand("export", "Gegevens exporteren");
  export_cmd->require_subcommand(1);
  auto* export_plan = export_cmd->add_subcommand("plan", "Een jaarplan als JSON (weer te importeren) of CSV (Excel)");
  export_plan->add_option("--year", year, "Jaar van het plan")->required();
  export_plan->add_option("--format", format, "json of csv")->check(CLI::IsMember({"json", "csv"}))->capture_default_str();
  export_plan->add_option("--output,-o", output, "Bestand, of - voor stdout")->capture_default_str();
  AddDbOption(export_plan, db);
  export_plan->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  // export units|businesses|occupancy|geojson: the register (docs/register.md).
  std::string register_date;
  std::vector<std::pair<std::string, CLI::App*>> register_exports;
  for (auto [kind, help] : {std::pair{"units", "Panden als CSV (Excel; weer te importeren)"},
                            std::pair{"businesses", "Bedrijven als CSV (Excel; weer te importeren)"},
                            std::pair{"occupancy", "Bezettingshistorie als CSV, een regel per periode (Excel; weer te "
                                                   "importeren)"},
                            std::pair{"geojson", "Panden met coördinaten als GeoJSON, met hun stand op --date"}}) {
    auto* command = export_cmd->add_subcommand(kind, help);
    if (std::string(kind) == "geojson") {
      command->add_option("--date", register_date, "Dag van de stand (2019-03-01 of 1-3-2019); standaard vandaag");
    }
    command->add_option("--output,-o", output, "Bestand, of - voor stdout")->capture_default_str();
    AddDbOption(command, db);
    command->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");
    register_exports.emplace_back(kind, command);
  }

  std::string file;
  bool dry_run = false;
  auto* import_cmd = app.add_subcommand("import", "Gegevens importeren (alles of niets)");
  import_cmd->require_subcommand(1);
  auto* import_plan = import_cmd->add_subcommand("plan", "Een jaarplan uit JSON (de vorm van export plan of de API)");
  import_plan->add_option("file", file, "JSON-bestand")->required()->check(CLI::ExistingFile);
  import_plan->add_flag("--dry-run", dry_run, "Alleen controleren, niets opslaan");
  AddDbOption(import_plan, db);
  import_plan->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  // import units|businesses|occupancy FILE: the register from CSV (docs/register.md).
  std::vector<std::pair<std::string, CLI::App*>> register_imports;
  for (auto [kind, help] : {std::pair{"units", "Panden uit CSV (; of , gescheiden; alles of niets)"},
                            std::pair{"businesses", "Bedrijven uit CSV (; of , gescheiden; alles of niets)"},
                            std::pair{"occupancy", "Bezettingshistorie uit CSV; vervangt de historie van elk genoemd "
                                                   "pand (alles of niets)"}}) {
    auto* command = import_cmd->add_subcommand(kind, help);
    command->add_option("file", file, "CSV-bestand (UTF-8, met of zonder BOM)")->required()->check(CLI::ExistingFile);
    command->add_flag("--dry-run", dry_run, "Alles controleren en melden wat er zou gebeuren, niets opslaan");
    AddDbOption(command, db);
    command->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");
    register_imports.emplace_back(kind, command);
  }

  // import measurements FILE: the monitor's measurements from CSV (docs/monitor.md).
  auto* import_measurements = import_cmd->add_subcommand(
      "measurements", "Metingen van de monitor uit CSV (kpi;series;date;value;source;note; alles of niets)");
  import_measurements->add_option("file", file, "CSV-bestand (UTF-8, met of zonder BOM)")
      ->required()
      ->check(CLI::ExistingFile);
  import_measurements->add_flag("--dry-run", dry_run, "Alles controleren en melden wat er zou gebeuren, niets opslaan");
  AddDbOption(import_measurements, db);
  import_measurements->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  // import events FILE: a regional calendar (ICS) into the agenda (docs/events.md).
  std::string event_source;
  auto* import_events = import_cmd->add_subcommand(
      "events", "Een regionale agenda uit iCalendar (ICS; op UID, bijwerken bij herimport, alles of niets)");
  import_events->add_option("file", file, "ICS-bestand")->required()->check(CLI::ExistingFile);
  import_events->add_option("--source", event_source, "Naam van de agenda (standaard: de bestandsnaam)");
  AddDbOption(import_events, db);
  import_events->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");

  std::string email, name, role, scope = "read", token_name = "opdrachtregel";
  long long token_id = 0;
  bool stdin_password = false;
  auto* user_cmd = app.add_subcommand("user", "Gebruikers beheren");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Een gebruiker toevoegen");
  user_add->add_option("--email", email, "E-mailadres")->required();
  user_add->add_option("--name", name, "Naam")->required();
  user_add->add_option("--role", role, "beheerder, gemeente, ondernemer, eigenaar of organisator")->required();
  user_add->add_flag("--password-stdin", stdin_password, "Wachtwoord van stdin lezen (anders: gegenereerd en getoond)");
  auto* user_reset = user_cmd->add_subcommand("reset-password", "Een nieuw wachtwoord zetten (beëindigt alle sessies)");
  user_reset->add_option("email", email, "E-mailadres")->required();
  user_reset->add_flag("--password-stdin", stdin_password, "Wachtwoord van stdin lezen (anders: gegenereerd en getoond)");
  auto* user_list = user_cmd->add_subcommand("list", "Alle gebruikers tonen");
  std::vector<long long> link_businesses, link_units;
  auto* user_link = user_cmd->add_subcommand(
      "link", "Vastleggen voor welke bedrijven (ondernemer) of panden (eigenaar) een gebruiker optreedt; vervangt "
              "de bestaande koppelingen (zonder --business en --unit: geen koppelingen meer)");
  user_link->add_option("email", email, "E-mailadres")->required();
  user_link->add_option("--business", link_businesses, "Nummer van een bedrijf (herhaalbaar)");
  user_link->add_option("--unit", link_units, "Nummer van een pand (herhaalbaar)");
  auto* token_cmd = app.add_subcommand("token", "API-tokens beheren");
  token_cmd->require_subcommand(1);
  auto* token_create = token_cmd->add_subcommand("create", "Een API-token maken (laatste regel: het token)");
  token_create->add_option("--email", email, "E-mailadres van de gebruiker")->required();
  token_create->add_option("--scope", scope, "read of write")->check(CLI::IsMember({"read", "write"}))->capture_default_str();
  token_create->add_option("--name", token_name, "Naam van het token")->capture_default_str();
  auto* token_revoke = token_cmd->add_subcommand("revoke", "Een API-token intrekken");
  token_revoke->add_option("id", token_id, "Nummer van het token")->required();
  for (auto* command : {user_add, user_reset, user_list, user_link, token_create, token_revoke}) {
    AddDbOption(command, db);
    command->add_option("--data-dir", data_dir, "Map van de standaarddatabase")->envname("STADSHART_DATA_DIR");
  }

  // copy: a city's data from SQLite into a new (PostgreSQL) database, verified (docs/postgres.md).
  std::string copy_from, copy_to;
  auto* copy_cmd = app.add_subcommand(
      "copy", "Alle gegevens van een SQLite-database overzetten naar een nieuwe database (meestal PostgreSQL), in "
              "één transactie, gecontroleerd met aantallen en controlesommen per tabel; weigert een doel met eigen "
              "gegevens");
  copy_cmd->add_option("--from", copy_from, "De bron: SQLite-bestand (of sqlite:PAD); wordt alleen gelezen")->required();
  copy_cmd->add_option("--to", copy_to,
                       "Het doel: PostgreSQL-URL (postgresql://gebruiker:wachtwoord@host:poort/db) of SQLite-bestand; "
                       "wordt gemigreerd en mag niets anders bevatten dan een pas gemigreerde database")
      ->required();

  // hours: the opening-hours engine without a database (contract in src/hours/cli.h).
  std::string hours_expression;
  stadshart::hours::cli::IntervalsArgs intervals;
  double latitude = 0, longitude = 0;
  auto* hours_cmd = app.add_subcommand("hours", "Openingstijden (OSM opening_hours) controleren en doorrekenen");
  hours_cmd->require_subcommand(1);
  auto* hours_check = hours_cmd->add_subcommand(
      "check", "Een openingstijdenexpressie controleren: de genormaliseerde vorm op stdout, waarschuwingen op stderr");
  hours_check->add_option("expressie", hours_expression, "Bijvoorbeeld 'ma-vr 9:00-18:00; PH off'")->required();
  auto* hours_intervals = hours_cmd->add_subcommand("intervals", "De open tijdvakken in een periode, als JSON");
  hours_intervals->add_option("expressie", intervals.expression, "Bijvoorbeeld 'Mo-Fr 09:00-18:00' (niet met --batch)");
  hours_intervals->add_option("--from", intervals.from, "Begin, ISO 8601 (2025-06-02T00:00:00+02:00, Z of zonder offset)");
  hours_intervals->add_option("--to", intervals.to, "Einde (niet inbegrepen), ISO 8601");
  hours_intervals->add_option("--tz", intervals.time_zone, "Tijdzone (IANA)")->capture_default_str();
  auto* lat_opt = hours_intervals->add_option("--lat", latitude, "Breedtegraad, voor sunrise/sunset")
                      ->check(CLI::Range(-90.0, 90.0));
  auto* lon_opt = hours_intervals->add_option("--lon", longitude, "Lengtegraad, voor sunrise/sunset")
                      ->check(CLI::Range(-180.0, 180.0));
  lat_opt->needs(lon_opt);
  lon_opt->needs(lat_opt);
  hours_intervals->add_option("--country", intervals.country, "Feestdagen (PH) van dit land: nl = de Nederlandse standaard")
      ->check(CLI::IsMember({"nl"}));
  hours_intervals->add_flag("--batch", intervals.batch,
                            "JSON-regels {\"expression\",\"from\",\"to\"} van stdin; één JSON-regel per invoerregel");

  CLI11_PARSE(app, argc, argv);

  if (hours_check->parsed()) return stadshart::hours::cli::Check(hours_expression, std::cout, std::cerr);
  if (hours_intervals->parsed()) {
    if (lat_opt->count() > 0) intervals.latitude = latitude;
    if (lon_opt->count() > 0) intervals.longitude = longitude;
    return stadshart::hours::cli::Intervals(intervals, std::cin, std::cout, std::cerr);
  }

  if (serve_cmd->parsed()) {
    serve.access_log = !quiet;
    serve.data_dir = serve.db.empty() ? data_dir : "";
    serve.db = DefaultDb(serve.db, data_dir);
    return stadshart::app::Serve(serve);
  }
  if (copy_cmd->parsed()) return stadshart::app::Copy(copy_from, copy_to);
  db = DefaultDb(db, data_dir);
  if (migrate_cmd->parsed()) return stadshart::app::Migrate(db);
  if (seed_cmd->parsed() && synthetic) return stadshart::app::SeedSynthetic(db, synthetic_units, synthetic_seed);
  if (seed_cmd->parsed() && !demo) {
    std::cerr << "stadshart seed: kies --demo of --synthetic\n";
    return 1;
  }
  if (seed_cmd->parsed()) return stadshart::app::SeedDemo(db);
  for (const auto& [kind, command] : register_exports) {
    if (command->parsed()) return stadshart::app::ExportRegister(db, kind, register_date, output);
  }
  for (const auto& [kind, command] : register_imports) {
    if (command->parsed()) return stadshart::app::ImportRegister(db, kind, file, dry_run);
  }
  if (import_measurements->parsed()) return stadshart::app::ImportMeasurements(db, file, dry_run);
  if (import_events->parsed()) return stadshart::app::ImportEvents(db, file, event_source);
  if (export_plan->parsed()) return stadshart::app::ExportPlan(db, year, format, output);
  if (import_plan->parsed()) return stadshart::app::ImportPlan(db, file, dry_run);
  if (user_add->parsed()) return stadshart::app::UserAdd(db, email, name, role, stdin_password);
  if (user_reset->parsed()) return stadshart::app::UserResetPassword(db, email, stdin_password);
  if (user_list->parsed()) return stadshart::app::UserList(db);
  if (user_link->parsed()) return stadshart::app::UserLink(db, email, link_businesses, link_units);
  if (token_create->parsed()) return stadshart::app::TokenCreate(db, email, scope, token_name);
  if (token_revoke->parsed()) return stadshart::app::TokenRevoke(db, token_id);
  return 1;
}
