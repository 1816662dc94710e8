#include "storage/postgres.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace stadshart::storage {
namespace {

// The SQLite result code with the same meaning as a SQLSTATE, for StorageError::code().
int SqliteCodeFor(const std::string& sqlstate, bool unavailable) {
  if (unavailable) return SQLITE_CANTOPEN;
  if (sqlstate == "23505") return SQLITE_CONSTRAINT_UNIQUE;
  if (sqlstate == "23503") return SQLITE_CONSTRAINT_FOREIGNKEY;
  if (sqlstate == "23514") return SQLITE_CONSTRAINT_CHECK;
  if (sqlstate == "23502") return SQLITE_CONSTRAINT_NOTNULL;
  if (sqlstate.starts_with("23")) return SQLITE_CONSTRAINT;
  // Serialization failure, deadlock, lock not available, statement timeout: busy, try again later.
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014") return SQLITE_BUSY;
  return SQLITE_ERROR;
}

// Connection exceptions, and the server shutting down, crashed or starting up, or out of connection slots.
bool IsUnavailableState(const std::string& sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||
         sqlstate == "53300";
}

std::string Trimmed(const char* text) {
  std::string s = text == nullptr ? "" : text;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Abbreviated(std::string_view sql) {
  constexpr size_t kMax = 200;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

// Length of the dollar-quote opening tag at text[i] ("$$" or "$tag$"), or 0 when there is none.
size_t DollarTag(std::string_view text, size_t i) {
  size_t j = i + 1;
  if (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])))) return 0;  // $1: a parameter
  while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
  return j < text.size() && text[j] == '$' ? j - i + 1 : 0;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

PgError::PgError(const std::string& what, std::string sqlstate, bool unavailable)
    : StorageError(what, SqliteCodeFor(sqlstate, unavailable), unavailable), sqlstate_(std::move(sqlstate)) {}

PgError UnavailableError(std::string_view detail, std::string sqlstate) {
  return PgError("database niet bereikbaar: " + std::string(detail), std::move(sqlstate), true);
}

std::string PostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int highest = 0;
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {  // copies through the next `end`, or to the end of the text
    size_t stop = sql.find(end, i);
    stop = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or quoted identifier; a doubled quote inside is two of these
      out += c;
      ++i;
      copy_until(std::string_view(&sql[i - 1], 1));
    } else if (sql.substr(i, 2) == "--") {
      copy_until("\n");
    } else if (sql.substr(i, 2) == "/*") {
      copy_until("*/");
    } else if (c == '$' && DollarTag(sql, i) > 0) {
      std::string tag(sql.substr(i, DollarTag(sql, i)));
      out += tag;
      i += tag.size();
      copy_until(tag);
    } else if (c == '?' || c == '$') {
      size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      int number = 0;
      if (j > i + 1) {
        std::from_chars(sql.data() + i + 1, sql.data() + j, number);
      } else if (c == '?') {
        number = highest + 1;
      } else {
        out += c;  // a lone $ (part of an identifier or operator)
        ++i;
        continue;
      }
      highest = std::max(highest, number);
      out += '$';
      out += std::to_string(number);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// --- PgStatement ---------------------------------------------------------------------------------------------

void PgStatement::ResultDeleter::operator()(pg_result* result) const { PQclear(result); }

PgStatement::PgStatement(PgConnection& connection, std::string sql) : connection_(&connection), sql_(std::move(sql)) {}

PgStatement::~PgStatement() = default;

void PgStatement::SetParameter(int index, std::optional<std::string> value) {
  if (index < 1 || index > 65535) throw PgError("parameter " + std::to_string(index) + " bestaat niet", "");
  if (parameters_.size() < static_cast<size_t>(index)) parameters_.resize(index);
  parameters_[index - 1] = std::move(value);
}

PgStatement& PgStatement::Bind(int index, std::int64_t value) {
  SetParameter(index, std::to_string(value));
  return *this;
}

PgStatement& PgStatement::Bind(int index, double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest text that reads back exactly
  SetParameter(index, std::string(buffer, end));
  return *this;
}

PgStatement& PgStatement::Bind(int index, std::string_view value) {
  SetParameter(index, std::string(value));
  return *this;
}

PgStatement& PgStatement::BindNull(int index) {
  SetParameter(index, std::nullopt);
  return *this;
}

void PgStatement::Execute() {
  std::vector<const char*> values;
  values.reserve(parameters_.size());
  for (const auto& p : parameters_) values.push_back(p ? p->c_str() : nullptr);
  std::string name = connection_->PreparedName(sql_);
  PGresult* result =
      name.empty() ? PQexecParams(connection_->conn_, sql_.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0)
                   : PQexecPrepared(connection_->conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                                    nullptr, nullptr, 0);
  ExecStatusType status = PQresultStatus(result);
  if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)) {
    connection_->Fail(result, sql_);
  }
  result_.reset(result);
  rows_ = PQntuples(result);
  row_ = -1;
  std::string_view command = PQcmdStatus(result);
  if (command.starts_with("INSERT") || command.starts_with("UPDATE") || command.starts_with("DELETE") ||
      command.starts_with("MERGE")) {
    connection_->changes_ = std::atoi(PQcmdTuples(result));
  }
}

bool PgStatement::Step() {
  if (!result_) Execute();
  if (row_ + 1 < rows_) {
    ++row_;
    return true;
  }
  row_ = rows_;
  return false;
}

void PgStatement::Run() {
  if (!result_) Execute();
}

PgStatement& PgStatement::Reset() {
  result_.reset();
  parameters_.clear();
  row_ = -1;
  rows_ = 0;
  return *this;
}

std::string_view PgStatement::Value(int column) const {
  if (!result_ || row_ < 0 || row_ >= rows_) throw PgError("geen rij om te lezen: " + Abbreviated(sql_), "");
  if (column < 0 || column >= PQnfields(result_.get())) {
    throw PgError("kolom " + std::to_string(column) + " bestaat niet: " + Abbreviated(sql_), "");
  }
  return {PQgetvalue(result_.get(), row_, column), static_cast<size_t>(PQgetlength(result_.get(), row_, column))};
}

bool PgStatement::IsNull(int column) const {
  Value(column);  // checks the row and column
  return PQgetisnull(result_.get(), row_, column) != 0;
}

std::int64_t PgStatement::Int(int column) const {
  std::string_view text = Value(column);
  if (text.empty()) return 0;
  if (text == "t") return 1;
  if (text == "f") return 0;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  return static_cast<std::int64_t>(Real(column));
}

double PgStatement::Real(int column) const {
  std::string_view text = Value(column);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string PgStatement::Text(int column) const { return std::string(Value(column)); }

std::optional<std::int64_t> PgStatement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

// --- PgConnection --------------------------------------------------------------------------------------------

std::unique_ptr<PgConnection> PgConnection::Open(const std::string& url, const PgConnectOptions& options) {
  // Defaults before "dbname", so that the URL's own parameters override them (libpq reads the arrays in order).
  const char* keys[] = {"fallback_application_name",
                        "client_encoding",
                        "keepalives_idle",
                        "keepalives_interval",
                        "keepalives_count",
                        "dbname",
                        nullptr};
  const char* values[] = {"stadshart", "UTF8", "10", "5", "3", url.c_str(), nullptr};
  PGconn* conn = PQconnectStartParams(keys, values, 1);
  if (conn == nullptr) throw UnavailableError("libpq kon geen verbinding aanmaken", "08001");
  auto fail = [&](const std::string& why) {
    PQfinish(conn);
    throw UnavailableError(why, "08001");
  };
  if (PQstatus(conn) == CONNECTION_BAD) fail(Trimmed(PQerrorMessage(conn)));

  // libpq's own connect_timeout counts whole seconds (at least 2); poll the non-blocking connection instead.
  auto deadline = std::chrono::steady_clock::now() + options.connect_timeout;
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;  // as libpq's documentation says to start
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED) fail(Trimmed(PQerrorMessage(conn)));
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      fail("geen antwoord binnen " + std::to_string(options.connect_timeout.count()) + " ms");
    }
    pollfd socket{PQsocket(conn), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    int ready = ::poll(&socket, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) fail(std::strerror(errno));
    if (ready == 0) continue;  // the deadline check above reports it
    state = PQconnectPoll(conn);
  }

  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);  // e.g. "relation already exists, skipping" on stderr
  if (options.statement_timeout.count() > 0) {
    connection->Exec("SET statement_timeout = " + std::to_string(options.statement_timeout.count()));
  }
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

std::string PgConnection::PreparedName(const std::string& sql) {
  constexpr std::size_t kMaxPrepared = 1000;  // the repositories have a few hundred query texts
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  if (prepared_.size() >= kMaxPrepared) return "";
  std::string name = "s" + std::to_string(prepared_.size() + 1);
  PGresult* result = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) Fail(result, sql);
  PQclear(result);
  prepared_.emplace(sql, name);
  return name;
}

void PgConnection::Fail(pg_result* result, std::string_view sql) {
  const char* state_field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state_field ? state_field : "";
  if (sqlstate.empty() && PQstatus(conn_) != CONNECTION_OK) {
    std::string why = Trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    PQclear(result);
    throw UnavailableError("verbinding verbroken (" + why + ")", "08006");
  }
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* detail = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  std::string message = primary ? primary : Trimmed(PQerrorMessage(conn_));
  if (detail != nullptr) message += std::string(" (") + detail + ")";
  if (!sqlstate.empty()) message += " [SQLSTATE " + sqlstate + "]";
  message += ": " + Abbreviated(sql);
  PQclear(result);
  bool unavailable = IsUnavailableState(sqlstate);
  throw PgError(unavailable ? "database niet bereikbaar: " + message : message, sqlstate, unavailable);
}

void PgConnection::Exec(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  ExecStatusType status = PQresultStatus(result);
  if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)) {
    Fail(result, sql);
  }
  PQclear(result);
}

PgStatement PgConnection::Prepare(std::string_view sql) { return PgStatement(*this, PostgresPlaceholders(sql)); }

std::int64_t PgConnection::LastInsertId() {
  PgStatement statement = Prepare("SELECT lastval()");
  statement.Step();
  return statement.Int(0);
}

bool PgConnection::IsHealthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::IsIdle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

bool PgConnection::IsIdleAndAlive() {
  if (!IsHealthy() || !IsIdle()) return false;
  pollfd socket{PQsocket(conn_), POLLIN, 0};
  return ::poll(&socket, 1, 0) == 0;
}

// --- PgTransaction -------------------------------------------------------------------------------------------

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) { connection_.Exec("BEGIN"); }

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    connection_.Exec("ROLLBACK");
  } catch (const StorageError&) {
    // The connection is gone; the server rolls the transaction back itself.
  }
}

void PgTransaction::Commit() {
  PGresult* result = PQexec(connection_.conn_, "COMMIT");
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) {
    done_ = PQtransactionStatus(connection_.conn_) == PQTRANS_IDLE;
    connection_.Fail(result, "COMMIT");
  }
  // COMMIT of a transaction in which a statement failed ends it with ROLLBACK, without an error.
  bool rolled_back = std::string_view(PQcmdStatus(result)) == "ROLLBACK";
  PQclear(result);
  done_ = true;
  if (rolled_back) {
    throw PgError("transactie teruggedraaid: een opdracht erin was mislukt", "25P02");
  }
}

}  // namespace stadshart::storage
