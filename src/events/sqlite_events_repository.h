// EventsRepository on SQLite (migrations/0005_events.sql). Queries are the named constants in the .cc file.
#pragma once

#include "common/time.h"
#include "events/events_repository.h"
#include "storage/database.h"

namespace stadshart::events {

class SqliteEventsRepository final : public EventsRepository {
 public:
  // Neither is owned; both must outlive the repository.
  SqliteEventsRepository(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::vector<Place> Venues() override;
  Result<Place> UpdateVenue(std::int64_t id, const Place& venue, std::int64_t expected_version,
                            const audit::Actor& actor) override;
  std::optional<EventRecord> Get(std::int64_t id) override;
  std::vector<EventRecord> Candidates(Instant from, Instant to) override;
  Result<EventRecord> Create(const EventRecord& event, const audit::Actor& actor) override;
  Result<EventRecord> Update(std::int64_t id, const EventRecord& event, std::int64_t expected_version,
                             const audit::Actor& actor) override;
  Result<ImportReport> Import(const std::string& source, const std::vector<EventRecord>& events,
                              const audit::Actor& actor) override;
  std::string Fingerprint() override;
  std::vector<audit::Entry> ChangeHistory(std::int64_t id) override;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace stadshart::events
