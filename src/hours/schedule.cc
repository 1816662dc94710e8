#include "hours/schedule.h"

namespace stadshart::hours {
namespace {

bool UsesHoliday(const Schedule& s, HolidayKind kind) {
  for (const Rule& r : s.rules) {
    for (const DayFilter& f : r.days) {
      for (const Holiday& h : f.holidays) {
        if (h.kind == kind) return true;
      }
    }
  }
  return false;
}

bool IsSun(const TimeOfDay& t) { return t.base != TimeBase::kClock; }

}  // namespace

bool Schedule::UsesPublicHolidays() const { return UsesHoliday(*this, HolidayKind::kPublic); }
bool Schedule::UsesSchoolHolidays() const { return UsesHoliday(*this, HolidayKind::kSchool); }

bool Schedule::UsesSun() const {
  for (const Rule& r : rules) {
    for (const TimeSpan& t : r.times) {
      if (IsSun(t.from) || (t.to && IsSun(*t.to))) return true;
    }
  }
  return false;
}

}  // namespace stadshart::hours
