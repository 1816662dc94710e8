// The one exception type of the storage layer, whichever backend raised it (sqlite.h, postgres.h).
#pragma once

#include <stdexcept>
#include <string>

namespace stadshart::storage {

class StorageError : public std::runtime_error {
 public:
  // `code` is a SQLite result code; PostgreSQL errors carry the SQLite code of the same meaning (postgres.h).
  StorageError(const std::string& what, int code, bool unavailable = false)
      : std::runtime_error(what), code_(code), unavailable_(unavailable) {}
  int code() const { return code_; }
  // A constraint was violated (unique, foreign key, check).
  bool IsConstraint() const;
  // The database is busy (SQLite's busy timeout passed, a PostgreSQL statement timed out): try again later.
  bool IsBusy() const;
  // The database cannot be reached now (PostgreSQL down, restarting, or no free connection in time). The HTTP
  // layer answers 503 with this message; the request may be retried.
  bool IsUnavailable() const { return unavailable_; }

 private:
  int code_;
  bool unavailable_;
};

}  // namespace stadshart::storage
