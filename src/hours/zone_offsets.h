// The UTC offsets of a time zone as a table of the instants where the offset changes, built once per zone for
// 1900-2200 and shared by every Evaluator of that zone. Looking an instant up is a binary search in a few hundred
// entries, much cheaper than date::time_zone::get_info; outside the table's years it asks the zone itself.
// Immutable after For(); For() may be called from several threads at once.
#pragma once

#include <date/tz.h>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace stadshart::hours {

class ZoneOffsets {
 public:
  using Instant = std::chrono::sys_seconds;

  // The shared table of `zone` (built on first use).
  static std::shared_ptr<const ZoneOffsets> For(const date::time_zone* zone);

  // A stretch of time with one offset; `previous_offset` is the offset just before `begin`.
  struct Span {
    Instant begin;
    Instant end;
    std::chrono::seconds offset;
    std::chrono::seconds previous_offset;
  };
  Span At(Instant t) const;

  // The first instant of local day `day` when the whole day has one offset and its local times are not repeated
  // (no change on it, nor a repeated hour reaching into it); else nullopt (convert with the zone, minute by minute).
  std::optional<Instant> RegularDayStart(date::sys_days day) const;
  // As above, given a span that may contain the day (saves the search).
  static std::optional<Instant> RegularDayStartIn(date::sys_days day, const Span& span);

 private:
  explicit ZoneOffsets(const date::time_zone* zone);

  const date::time_zone* zone_;
  std::vector<Instant> begins_;  // begins_[i]: first instant of offsets_[i]; strictly increasing
  std::vector<std::chrono::seconds> offsets_;
  Instant end_;  // the table covers [begins_.front(), end_)
};

}  // namespace stadshart::hours
