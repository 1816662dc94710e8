// `stadshart copy`: a city's data from one database into another, typically from the embedded SQLite default into
// a new PostgreSQL database (issue #4, docs/postgres.md), verified per table by a row count and a checksum.
//
// CopyDatabase(from, to) copies every table of `from` (except schema_migrations) into `to` within ONE transaction
// on `to`, and commits only when every table of `to` then has the same rows as `from`: the same count and the same
// checksum, computed in the same order over the same typed values on both sides. Otherwise nothing is changed.
//
// It refuses, changing nothing:
//   - a source that is not SQLite (the tables and their types are read from SQLite's catalogue);
//   - source and target at different schema versions (schema_migrations);
//   - a target that holds anything a freshly migrated database does not (rows of its own, or seeded rows changed:
//     a zone renamed, a data_version raised): copy fills a new database, it never merges or overwrites one;
//   - a source column holding values of another type than declared (SQLite allows 'abc' in an INTEGER column;
//     PostgreSQL would not, and the checksum would not see it);
//   - a declared type other than INTEGER, REAL or TEXT (there is none today), and foreign keys that form a cycle
//     between tables.
//
// Rows are inserted table by table, referenced tables first, each table in primary-key order (so a row that
// refers to an earlier row of its own table, like actions.carried_from, finds it). On PostgreSQL each identity
// sequence is then moved past the largest copied id, so the next insert gets a fresh id.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace stadshart::storage {

// The type a value is read, written and checksummed as: the declared type of the source column (SQLite affinity).
enum class ColumnType { kInteger, kReal, kText };

// A BLAKE2b-256 checksum over rows of values, in the order they are added. Every value is tagged with its type and
// length-prefixed, so no two different row sets give the same input: NULL differs from "" and from 0, "1" (text)
// from 1 (integer), ("ab","c") from ("a","bc"), and one row of two values from two rows of one. A REAL is hashed as
// its %.17g text, which identifies the double exactly. Pure; no database.
class RowChecksum {
 public:
  RowChecksum();
  void AddInteger(std::int64_t value);
  void AddReal(double value);
  void AddText(std::string_view value);
  void AddNull();
  void EndRow();
  // Reads column 0..types.size()-1 of the current row of `row` as `types` say (IsNull first), then EndRow().
  void AddRow(const Statement& row, const std::vector<ColumnType>& types);

  std::int64_t rows() const { return rows_; }
  // 64 hex digits. Call once, after the last row.
  std::string Hex();

 private:
  void Update(std::string_view bytes);
  void AddTagged(char tag, std::string_view bytes);
  crypto_generichash_state state_;
  std::int64_t rows_ = 0;
};

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::string checksum;  // RowChecksum::Hex() of the source, equal to the target's
};

struct CopyReport {
  std::vector<TableCopy> tables;  // in the order they were copied (referenced tables first)
  std::int64_t rows = 0;          // all tables together
};

// Called after each table's rows are inserted (before verification): the table and its row count.
using CopyProgress = std::function<void(std::string_view table, std::int64_t rows)>;

// Copies `from` (SQLite) into `to` (PostgreSQL or SQLite) as described above. Both are open and migrated. A refusal
// or a failed verification is an Error with a Dutch message naming the tables concerned; `to` is then unchanged
// (on PostgreSQL a failure during the commit itself may leave an identity sequence advanced, which only skips ids).
// Database failures (a lost connection, a constraint the source breaks) throw StorageError, also with `to`
// unchanged. Reads `from` in one read transaction, so a server writing to it meanwhile does not tear the copy.
Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyProgress& progress = {});

}  // namespace stadshart::storage
