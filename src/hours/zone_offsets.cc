#include "hours/zone_offsets.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace stadshart::hours {
namespace {

using date::sys_days;

constexpr ZoneOffsets::Instant kTableBegin{sys_days{date::year{1900} / 1 / 1}.time_since_epoch()};
constexpr ZoneOffsets::Instant kTableEnd{sys_days{date::year{2200} / 1 / 1}.time_since_epoch()};

}  // namespace

std::shared_ptr<const ZoneOffsets> ZoneOffsets::For(const date::time_zone* zone) {
  static std::mutex mutex;
  static std::map<const date::time_zone*, std::shared_ptr<const ZoneOffsets>> tables;
  std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const ZoneOffsets>& table = tables[zone];
  if (!table) table.reset(new ZoneOffsets(zone));
  return table;
}

ZoneOffsets::ZoneOffsets(const date::time_zone* zone) : zone_(zone), end_(kTableEnd) {
  for (Instant t = kTableBegin; t < kTableEnd;) {
    date::sys_info info = zone->get_info(t);
    if (offsets_.empty() || offsets_.back() != info.offset) {  // spans differing only in name or DST flag merge
      begins_.push_back(t);
      offsets_.push_back(info.offset);
    }
    if (info.end <= t) break;  // defensive: the zone library always moves on
    t = info.end;
  }
  if (begins_.empty()) end_ = kTableBegin;
}

ZoneOffsets::Span ZoneOffsets::At(Instant t) const {
  if (t < kTableBegin || t >= end_) {
    date::sys_info info = zone_->get_info(t);
    date::sys_info before = zone_->get_info(info.begin - std::chrono::seconds{1});
    return {info.begin, info.end, info.offset, before.offset};
  }
  auto i = static_cast<std::size_t>(std::upper_bound(begins_.begin(), begins_.end(), t) - begins_.begin() - 1);
  Instant end = i + 1 < begins_.size() ? begins_[i + 1] : end_;
  std::chrono::seconds previous = i > 0 ? offsets_[i - 1] : offsets_[i];
  return {begins_[i], end, offsets_[i], previous};
}

std::optional<ZoneOffsets::Instant> ZoneOffsets::RegularDayStartIn(sys_days day, const Span& span) {
  Instant local{day.time_since_epoch()};
  Instant start = local - span.offset;
  bool inside = span.begin <= start && start + std::chrono::hours{24} <= span.end;
  // Local midnight must not also be a local time of the span before (a repeated hour reaching past midnight).
  if (inside && span.begin + span.previous_offset <= local) return start;
  return std::nullopt;
}

std::optional<ZoneOffsets::Instant> ZoneOffsets::RegularDayStart(sys_days day) const {
  Instant local{day.time_since_epoch()};
  Span span = At(local);
  if (auto start = RegularDayStartIn(day, span)) return start;
  span = At(local - span.offset);
  return RegularDayStartIn(day, span);
}

}  // namespace stadshart::hours
