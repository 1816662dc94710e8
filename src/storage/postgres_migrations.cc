#include "storage/postgres_migrations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "common/resources.h"

namespace stadshart::storage {
namespace {

constexpr const char* kPostgresDirectory = "migrations/postgres/";

// Taken inside every migration transaction, so that app servers starting at the same time apply each migration
// once: the second waits, then finds it recorded. ("Stadshart" in ASCII, truncated to 63 bits.)
constexpr const char* kLock = "SELECT pg_advisory_xact_lock(6013397016397082996)";
constexpr const char* kBootstrap =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
    // SQLite's COLLATE NOCASE: equal when they differ only in case (ICU, level 2).
    "CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)";
constexpr const char* kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = ?1";
constexpr const char* kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES (?1, ?2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";

constexpr const char* kNowAsDatetime = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";
constexpr const char* kNowAsIsoInstant = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

enum class Kind { kWord, kLiteral, kQuoted, kComment, kSpace, kOther };

struct Token {
  Kind kind;
  std::string_view text;
};

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordPart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  size_t i = 0;
  auto through = [&](std::string_view end, size_t from) {
    size_t stop = sql.find(end, from);
    return stop == std::string_view::npos ? sql.size() : stop + end.size();
  };
  while (i < sql.size()) {
    char c = sql[i];
    size_t end = i + 1;
    Kind kind = Kind::kOther;
    if (sql.substr(i, 2) == "--") {
      kind = Kind::kComment;
      end = through("\n", i);
    } else if (sql.substr(i, 2) == "/*") {
      kind = Kind::kComment;
      end = through("*/", i + 2);
    } else if (c == '\'') {  // 'it''s' is two literals side by side, which is harmless here
      kind = Kind::kLiteral;
      end = through("'", i + 1);
    } else if (c == '"') {
      kind = Kind::kQuoted;
      end = through("\"", i + 1);
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      kind = Kind::kSpace;
      while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end]))) ++end;
    } else if (IsWordStart(c)) {
      kind = Kind::kWord;
      while (end < sql.size() && IsWordPart(sql[end])) ++end;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (end < sql.size() && (IsWordPart(sql[end]) || sql[end] == '.')) ++end;
    }
    tokens.push_back({kind, sql.substr(i, end - i)});
    i = end;
  }
  return tokens;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool Is(const Token& token, std::string_view word) { return SameIgnoringCase(token.text, word); }

class Translator {
 public:
  explicit Translator(std::string_view sql) : tokens_(Tokenize(sql)) {}

  std::string Run() {
    for (size_t i = 0; i < tokens_.size(); ++i) i = Translate(i);
    if (insert_or_ignore_) out_ += " ON CONFLICT DO NOTHING";
    return out_;
  }

 private:
  // The index of the next token after i that is not a space or comment (tokens_.size() when none).
  size_t Next(size_t i) const {
    for (++i; i < tokens_.size(); ++i) {
      if (tokens_[i].kind != Kind::kSpace && tokens_[i].kind != Kind::kComment) return i;
    }
    return tokens_.size();
  }
  bool NextIs(size_t i, std::string_view word) const {
    size_t next = Next(i);
    return next < tokens_.size() && Is(tokens_[next], word);
  }
  // The text of a call starting at the function name tokens_[i], without spaces, and the index of its ')'.
  std::pair<std::string, size_t> Call(size_t i) const {
    std::string text(tokens_[i].text);
    int depth = 0;
    for (size_t j = i + 1; j < tokens_.size(); ++j) {
      if (tokens_[j].kind == Kind::kSpace || tokens_[j].kind == Kind::kComment) continue;
      text += tokens_[j].text;
      if (tokens_[j].text == "(") ++depth;
      if (tokens_[j].text == ")" && --depth == 0) return {text, j};
    }
    return {text, tokens_.size() - 1};
  }
  [[noreturn]] static void Refuse(std::string_view construct) {
    throw std::invalid_argument(std::string(construct) +
                                " is SQLite-only and not translated: write the migration for PostgreSQL in "
                                "migrations/postgres/ under the same name");
  }

  // Emits the translation of the token at i (and any it consumes); returns the index of the last one consumed.
  size_t Translate(size_t i) {
    const Token& token = tokens_[i];
    if (token.kind != Kind::kWord) {
      if (token.text == ";" && insert_or_ignore_) {
        out_ += " ON CONFLICT DO NOTHING";
        insert_or_ignore_ = false;
      }
      out_ += token.text;
      return i;
    }
    bool call = NextIs(i, "(");
    if (Is(token, "INTEGER")) {
      if (!NextIs(i, "PRIMARY") || !NextIs(Next(i), "KEY")) {
        out_ += "BIGINT";
        return i;
      }
      out_ += "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
      size_t key = Next(Next(i));
      return NextIs(key, "AUTOINCREMENT") ? Next(key) : key;
    }
    if (Is(token, "REAL")) {
      out_ += "DOUBLE PRECISION";
    } else if (Is(token, "only")) {
      out_ += "\"only\"";
    } else if (Is(token, "instr") && call) {
      out_ += "strpos";
    } else if (Is(token, "INSERT") && NextIs(i, "OR")) {
      size_t what = Next(Next(i));
      if (what >= tokens_.size() || !Is(tokens_[what], "IGNORE")) Refuse("INSERT OR REPLACE/ABORT/FAIL/ROLLBACK");
      out_ += token.text;
      insert_or_ignore_ = true;
      return what;
    } else if ((Is(token, "datetime") || Is(token, "strftime")) && call) {
      auto [text, end] = Call(i);
      std::string_view arguments = std::string_view(text).substr(token.text.size());  // compared exactly: %M is not %m
      if (Is(token, "datetime") && arguments == "('now')") {
        out_ += kNowAsDatetime;
      } else if (Is(token, "strftime") && arguments == "('%Y-%m-%dT%H:%M:%SZ','now')") {
        out_ += kNowAsIsoInstant;
      } else {
        Refuse(text);
      }
      return end;
    } else if ((Is(token, "date") || Is(token, "time") || Is(token, "julianday") || Is(token, "unixepoch")) && call) {
      Refuse(Call(i).first);
    } else if (Is(token, "TRIGGER") || Is(token, "PRAGMA") || Is(token, "GLOB") || Is(token, "AUTOINCREMENT") ||
               (Is(token, "REPLACE") && NextIs(i, "INTO")) || (Is(token, "WITHOUT") && NextIs(i, "ROWID"))) {
      Refuse(token.text);
    } else {
      out_ += token.text;
    }
    return i;
  }

  std::vector<Token> tokens_;
  std::string out_;
  bool insert_or_ignore_ = false;  // inside an INSERT OR IGNORE statement, until its ';'
};

}  // namespace

std::string TranslateMigrationToPostgres(std::string_view sqlite_sql) { return Translator(sqlite_sql).Run(); }

std::vector<Migration> PostgresMigrations(const std::vector<Migration>& common,
                                          const std::vector<Migration>& postgres_files) {
  std::map<std::string, const Migration*> replacements;
  for (const Migration& file : postgres_files) replacements[file.name] = &file;
  std::vector<Migration> migrations;
  for (const Migration& migration : common) {
    auto replacement = replacements.find(migration.name);
    if (replacement != replacements.end()) {
      migrations.push_back(*replacement->second);
      replacements.erase(replacement);
      continue;
    }
    try {
      migrations.push_back({migration.version, migration.name, TranslateMigrationToPostgres(migration.sql)});
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("migrations/" + migration.name + ": " + e.what());
    }
  }
  if (!replacements.empty()) {
    throw std::invalid_argument(std::string(kPostgresDirectory) + replacements.begin()->first +
                                " replaces no migration of the same name in migrations/");
  }
  return migrations;
}

std::vector<Migration> EmbeddedPostgresMigrations() {
  std::vector<Migration> files;
  for (const auto& resource : resources::Under(kPostgresDirectory)) {
    std::string name(resource.path.substr(std::string_view(kPostgresDirectory).size()));
    if (name.size() < 5 || !std::all_of(name.begin(), name.begin() + 4, ::isdigit)) {
      throw std::invalid_argument("migration file name must start with four digits: " + std::string(resource.path));
    }
    files.push_back({std::stoi(name.substr(0, 4)), name, std::string(resource.data)});
  }
  return PostgresMigrations(EmbeddedMigrations(), files);
}

std::vector<std::string> ApplyPostgresMigrations(PgConnection& connection, const std::vector<Migration>& migrations) {
  {
    PgTransaction transaction(connection);
    connection.Exec(kLock);
    connection.Exec(kBootstrap);
    transaction.Commit();
  }
  std::vector<std::string> applied;
  for (const Migration& migration : migrations) {
    PgTransaction transaction(connection);
    connection.Exec(kLock);
    if (connection.Prepare(kIsApplied).Bind(1, migration.version).Step()) continue;
    try {
      connection.Exec(migration.sql);
    } catch (const PgError& e) {
      throw PgError("migratie " + migration.name + ": " + e.what(), e.sqlstate(), e.IsUnavailable());
    }
    connection.Prepare(kRecord).Bind(1, migration.version).Bind(2, migration.name).Run();
    transaction.Commit();
    applied.push_back(migration.name);
  }
  return applied;
}

}  // namespace stadshart::storage
