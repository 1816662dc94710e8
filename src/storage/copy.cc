#include "storage/copy.h"

#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <variant>

namespace stadshart::storage {
namespace {

// The catalogue of the source. Built at run time from the table names, so these statements are prepared once per
// table and command (SQLite caches statements by their text; a few dozen tables is a few dozen entries).
constexpr const char* kSourceTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name <> 'schema_migrations' ORDER BY name";
constexpr const char* kSourceColumns = "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid";
constexpr const char* kSourceReferences = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)";
constexpr const char* kSchemaVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr const char* kSerialSequence = "SELECT pg_get_serial_sequence(?1, ?2)";

struct Column {
  std::string name;
  ColumnType type;
  std::string declared;  // for messages
  int pk = 0;            // position in the primary key (1-based), 0 when not part of it
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::set<std::string> references;  // other tables its foreign keys point to
};

// The count and checksum of a table's rows.
struct TableState {
  std::int64_t rows = 0;
  std::string checksum;
  bool operator==(const TableState&) const = default;
};

// "1 rij", "812 rijen".
std::string Rows(std::int64_t n) { return std::to_string(n) + (n == 1 ? " rij" : " rijen"); }

// "a, b, c en 4 andere": a refusal names the first few tables, not all thirty.
std::string Listed(const std::vector<std::string>& items) {
  constexpr size_t kShown = 6;
  std::string list;
  for (size_t i = 0; i < items.size() && i < kShown; ++i) list += (i > 0 ? ", " : "") + items[i];
  if (items.size() > kShown) list += " en " + std::to_string(items.size() - kShown) + " andere tabellen";
  return list;
}

std::string Quote(std::string_view identifier) {
  std::string quoted = "\"";
  for (char c : identifier) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), limited to the three types the schema uses.
std::optional<ColumnType> Affinity(std::string declared) {
  for (char& c : declared) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto has = [&](const char* part) { return declared.find(part) != std::string::npos; };
  if (has("INT")) return ColumnType::kInteger;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return ColumnType::kText;
  if (has("REAL") || has("FLOA") || has("DOUB")) return ColumnType::kReal;
  return std::nullopt;  // BLOB, NUMERIC or none: no rule for them yet
}

std::string ColumnList(const Table& table) {
  std::string list;
  for (const Column& c : table.columns) list += (list.empty() ? "" : ", ") + Quote(c.name);
  return list;
}

// Rows in primary-key order (all columns when there is no primary key), the same on both backends: text compared
// bytewise (SQLite's BINARY, PostgreSQL's "C"; not a column's NOCASE or the server's locale), NULLs first.
std::string SelectRows(const Table& table, Backend backend) {
  std::vector<const Column*> order;
  for (const Column& c : table.columns) {
    if (c.pk > 0) order.push_back(&c);
  }
  std::sort(order.begin(), order.end(), [](const Column* a, const Column* b) { return a->pk < b->pk; });
  if (order.empty()) {
    for (const Column& c : table.columns) order.push_back(&c);
  }
  std::string by;
  for (const Column* c : order) {
    by += (by.empty() ? "" : ", ") + Quote(c->name);
    if (c->type == ColumnType::kText) by += backend == Backend::kPostgres ? " COLLATE \"C\"" : " COLLATE BINARY";
    by += " NULLS FIRST";
  }
  return "SELECT " + ColumnList(table) + " FROM " + Quote(table.name) + " ORDER BY " + by;
}

// An INSERT of `rows` rows: one round trip for many rows, which on PostgreSQL is most of a copy's time.
std::string InsertRows(const Table& table, size_t rows) {
  std::string values;
  size_t n = table.columns.size();
  for (size_t r = 0; r < rows; ++r) {
    values += r > 0 ? ", (" : "(";
    for (size_t i = 1; i <= n; ++i) values += (i > 1 ? ", ?" : "?") + std::to_string(r * n + i);
    values += ")";
  }
  return "INSERT INTO " + Quote(table.name) + " (" + ColumnList(table) + ") VALUES " + values;
}

// Rows per INSERT: up to 100, and never more parameters than SQLite (32,766) or PostgreSQL (65,535) take.
size_t RowsPerInsert(const Table& table) {
  return std::max<size_t>(1, std::min<size_t>(100, 32'000 / std::max<size_t>(1, table.columns.size())));
}

TableState ReadState(Connection& c, const Table& table) {
  std::vector<ColumnType> types;
  for (const Column& column : table.columns) types.push_back(column.type);
  RowChecksum checksum;
  Statement rows = c.Prepare(SelectRows(table, c.backend()));
  while (rows.Step()) checksum.AddRow(rows, types);
  return {checksum.rows(), checksum.Hex()};
}

std::int64_t SchemaVersion(Connection& c) {
  Statement s = c.Prepare(kSchemaVersion);
  s.Step();
  return s.Int(0);
}

Result<std::vector<Table>> ReadTables(Connection& c) {
  std::vector<Table> tables;
  Statement names = c.Prepare(kSourceTables);
  while (names.Step()) tables.push_back({names.Text(0)});
  for (Table& table : tables) {
    Statement columns = c.Prepare(kSourceColumns);
    columns.Bind(1, table.name);
    while (columns.Step()) {
      std::string declared = columns.Text(1);
      auto type = Affinity(declared);
      if (!type) {
        return Error::Conflict("Tabel " + table.name + ", kolom " + columns.Text(0) + ": het type '" + declared +
                               "' kan stadshart copy niet overzetten (alleen INTEGER, REAL en TEXT); er is niets "
                               "gekopieerd.");
      }
      table.columns.push_back({columns.Text(0), *type, declared, static_cast<int>(columns.Int(2))});
    }
    Statement references = c.Prepare(kSourceReferences);
    references.Bind(1, table.name);
    while (references.Step()) table.references.insert(references.Text(0));
  }
  return tables;
}

// Referenced tables before the tables that refer to them; ties by name, so the order is the same every time. A
// table's references to itself are left to the primary-key order of its rows.
Result<std::vector<Table>> InDependencyOrder(std::vector<Table> tables) {
  std::map<std::string, Table> pending;
  for (Table& t : tables) pending.emplace(t.name, std::move(t));
  std::vector<Table> ordered;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const auto& entry) {
      return std::none_of(entry.second.references.begin(), entry.second.references.end(),
                          [&](const std::string& r) { return r != entry.first && pending.contains(r); });
    });
    if (ready == pending.end()) {
      std::string names;
      for (const auto& [name, _] : pending) names += (names.empty() ? "" : ", ") + name;
      return Error::Conflict("De verwijzingen tussen de tabellen " + names +
                             " vormen een kring; stadshart copy weet niet welke eerst moet. Er is niets gekopieerd.");
    }
    ordered.push_back(std::move(ready->second));
    pending.erase(ready);
  }
  return ordered;
}

// SQLite keeps what it is given when a value does not fit the declared type ('abc' in an INTEGER column). Such a
// value would be read as 0 and copied as 0, and the checksum, which reads it the same way, would not notice.
std::optional<Error> ForeignTypedValues(Connection& c, const Table& table) {
  std::string sums;
  for (const Column& column : table.columns) {
    const char* storage = column.type == ColumnType::kInteger ? "'integer'"
                          : column.type == ColumnType::kReal  ? "'real'"
                                                              : "'text'";
    sums += std::string(sums.empty() ? "" : ", ") + "coalesce(sum(typeof(" + Quote(column.name) + ") NOT IN (" +
            storage + ", 'null')), 0)";
  }
  Statement counts = c.Prepare("SELECT " + sums + " FROM " + Quote(table.name));
  counts.Step();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (std::int64_t n = counts.Int(static_cast<int>(i)); n > 0) {
      return Error::Conflict("Tabel " + table.name + ", kolom " + table.columns[i].name + ": " + std::to_string(n) +
                             " waarde(n) van een ander type dan " + table.columns[i].declared +
                             " (SQLite staat dat toe, het doel niet); er is niets gekopieerd.");
    }
  }
  return std::nullopt;
}

// What a freshly migrated database holds in each table: the rows the migrations seed (zones, venues, school
// holidays, the one-row tables). Made in a temporary SQLite file with the same migrations.
std::map<std::string, TableState> FreshState(const std::vector<Table>& tables) {
  std::string pattern = (std::filesystem::temp_directory_path() / "stadshart-copy-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw StorageError("tijdelijke map niet aan te maken: " + pattern, 0);
  std::map<std::string, TableState> fresh;
  try {
    auto db = Database::Open({.location = pattern + "/fresh.db", .pool_size = 1});
    db->With([&](Connection& c) {
      for (const Table& table : tables) fresh[table.name] = ReadState(c, table);
    });
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(pattern, ignored);
    throw;
  }
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
  return fresh;
}

// A deferred SQLite transaction that only reads: one snapshot of the source for the whole copy, without taking
// the write lock a running server needs.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& c) : c_(c) { c_.Exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      c_.Exec("ROLLBACK");
    } catch (const StorageError&) {
      // Nothing was written; a failed rollback leaves nothing behind.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Connection& c_;
};

// One value of a source row: NULL, or typed by the column's declared type.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

Value ReadValue(const Statement& row, int column, ColumnType type) {
  if (row.IsNull(column)) return std::monostate{};
  switch (type) {
    case ColumnType::kInteger:
      return row.Int(column);
    case ColumnType::kReal:
      return row.Real(column);
    case ColumnType::kText:
      break;
  }
  return row.Text(column);
}

void BindStored(Statement& insert, int index, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    insert.BindNull(index);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    insert.Bind(index, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    insert.Bind(index, *d);
  } else {
    insert.Bind(index, std::get<std::string>(value));
  }
}

// The rows of `table` from `source` into `target`, in primary-key order; returns the source's state.
TableState CopyRows(Connection& source, Connection& target, const Table& table) {
  std::vector<ColumnType> types;
  for (const Column& column : table.columns) types.push_back(column.type);
  RowChecksum checksum;
  Statement rows = source.Prepare(SelectRows(table, Backend::kSqlite));
  const size_t batch = RowsPerInsert(table);
  // The values of up to `batch` rows, as read (typed by the source's declared type), then one INSERT for them.
  std::vector<Value> values;
  values.reserve(batch * types.size());
  auto flush = [&] {
    if (values.empty()) return;
    Statement insert = target.Prepare(InsertRows(table, values.size() / types.size()));
    for (size_t i = 0; i < values.size(); ++i) BindStored(insert, static_cast<int>(i + 1), values[i]);
    insert.Run();
    values.clear();
  };
  while (rows.Step()) {
    for (size_t i = 0; i < types.size(); ++i) values.push_back(ReadValue(rows, static_cast<int>(i), types[i]));
    checksum.AddRow(rows, types);
    if (values.size() == batch * types.size()) flush();
  }
  flush();
  return {checksum.rows(), checksum.Hex()};
}

// On PostgreSQL an id column is an identity whose sequence knows nothing of the ids inserted explicitly: move it
// past the largest, or the next insert collides with a copied row. An empty table starts again at 1.
void AdvanceIdentities(Connection& target, const std::vector<Table>& tables) {
  for (const Table& table : tables) {
    std::vector<const Column*> key;
    for (const Column& c : table.columns) {
      if (c.pk > 0) key.push_back(&c);
    }
    if (key.size() != 1 || key.front()->type != ColumnType::kInteger) continue;
    Statement sequence = target.Prepare(kSerialSequence);
    sequence.Bind(1, Quote(table.name)).Bind(2, key.front()->name);
    if (!sequence.Step() || sequence.IsNull(0)) continue;
    std::string column = Quote(key.front()->name);
    target
        .Prepare("SELECT setval(?1::regclass, greatest(coalesce(max(" + column + "), 0), 0) + 1, false) FROM " +
                 Quote(table.name))
        .Bind(1, sequence.Text(0))
        .Step();
  }
}

}  // namespace

RowChecksum::RowChecksum() { crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES); }

void RowChecksum::Update(std::string_view bytes) {
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// A type tag, then (except for NULL) the length as 8 bytes little-endian, then the bytes.
void RowChecksum::AddTagged(char tag, std::string_view bytes) {
  Update(std::string_view(&tag, 1));
  char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>(static_cast<std::uint64_t>(bytes.size()) >> (8 * i));
  Update(std::string_view(length, sizeof length));
  Update(bytes);
}

void RowChecksum::AddInteger(std::int64_t value) { AddTagged('i', std::to_string(value)); }

void RowChecksum::AddReal(double value) {
  char text[40];
  int n = std::snprintf(text, sizeof text, "%.17g", value);
  AddTagged('r', std::string_view(text, n));
}

void RowChecksum::AddText(std::string_view value) { AddTagged('t', value); }

void RowChecksum::AddNull() { Update("n"); }

void RowChecksum::EndRow() {
  Update("\n");
  ++rows_;
}

void RowChecksum::AddRow(const Statement& row, const std::vector<ColumnType>& types) {
  for (size_t i = 0; i < types.size(); ++i) {
    int column = static_cast<int>(i);
    if (row.IsNull(column)) {
      AddNull();
      continue;
    }
    switch (types[i]) {
      case ColumnType::kInteger:
        AddInteger(row.Int(column));
        break;
      case ColumnType::kReal:
        AddReal(row.Real(column));
        break;
      case ColumnType::kText:
        AddText(row.Text(column));
        break;
    }
  }
  EndRow();
}

std::string RowChecksum::Hex() {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state_, digest, sizeof digest);
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyProgress& progress) {
  if (from.backend() != Backend::kSqlite) {
    return Error::Conflict("De bron moet een SQLite-database zijn (sqlite:PAD of een bestand); " + from.path() +
                           " is PostgreSQL.");
  }
  return from.With([&](Connection& source) -> Result<CopyReport> {
    ReadSnapshot snapshot(source);
    auto read = ReadTables(source);
    if (!read.ok()) return read.error();
    auto ordered = InDependencyOrder(std::move(read.value()));
    if (!ordered.ok()) return ordered.error();
    const std::vector<Table>& tables = ordered.value();
    for (const Table& table : tables) {
      if (auto foreign = ForeignTypedValues(source, table)) return *foreign;
    }
    std::int64_t source_version = SchemaVersion(source);
    std::map<std::string, TableState> fresh = FreshState(tables);

    return to.With([&](Connection& target) -> Result<CopyReport> {
      if (std::int64_t target_version = SchemaVersion(target); target_version != source_version) {
        return Error::Conflict("Bron en doel hebben een ander schema (versie " + std::to_string(source_version) +
                               " en " + std::to_string(target_version) +
                               "); breng beide bij met stadshart migrate --db …. Er is niets gekopieerd.");
      }
      Transaction transaction(target);
      std::vector<std::string> own;
      for (const Table& table : tables) {
        TableState state = ReadState(target, table);
        if (state == fresh[table.name]) continue;
        own.push_back(table.name +
                      (state.rows == fresh[table.name].rows ? " (gewijzigd)" : " (" + Rows(state.rows) + ")"));
      }
      if (!own.empty()) {
        return Error::Conflict("Het doel " + to.path() + " bevat al eigen gegevens: " + Listed(own) +
                               ". stadshart copy vult alleen een nieuwe, pas gemigreerde database; er is niets "
                               "gekopieerd.");
      }
      // Emptied with DELETE, not TRUNCATE: audit_log refuses TRUNCATE (append-only), and other tables cannot be
      // truncated while it refers to them. It holds nothing here (checked above), so its row triggers never fire.
      for (auto table = tables.rbegin(); table != tables.rend(); ++table)
        target.Exec("DELETE FROM " + Quote(table->name));

      CopyReport report;
      for (const Table& table : tables) {
        TableState copied = CopyRows(source, target, table);
        report.tables.push_back({table.name, copied.rows, copied.checksum});
        report.rows += copied.rows;
        if (progress) progress(table.name, copied.rows);
      }
      std::vector<std::string> differing;
      for (size_t i = 0; i < tables.size(); ++i) {
        const TableCopy& copied = report.tables[i];
        TableState state = ReadState(target, tables[i]);
        if (state == TableState{copied.rows, copied.checksum}) continue;
        differing.push_back(copied.table + " (bron " + Rows(copied.rows) + ", doel " + Rows(state.rows) +
                            (state.rows == copied.rows ? ", controlesom verschilt)" : ")"));
      }
      if (!differing.empty()) {
        return Error::Conflict("Controle mislukt: " + Listed(differing) +
                               ". Alles is teruggedraaid; het doel is ongewijzigd.");
      }
      // After the verification: setval is not undone by a rollback.
      if (target.is_postgres()) AdvanceIdentities(target, tables);
      transaction.Commit();
      return report;
    });
  });
}

}  // namespace stadshart::storage
