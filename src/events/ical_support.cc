#include "events/ical_support.h"

namespace stadshart::events::ical {

using namespace std::chrono;

// libical reports errors through icalerrno; make sure a bad rule never aborts the process.
void QuietErrors() {
  static const bool once = [] {
    icalerror_set_errors_are_fatal(0);
    return true;
  }();
  (void)once;
}

icaltimetype FromLocal(LocalTime local, bool is_date) {
  auto day = floor<days>(local);
  year_month_day ymd{sys_days{day.time_since_epoch()}};
  hh_mm_ss<seconds> clock{local - day};
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(clock.hours().count());
  t.minute = static_cast<int>(clock.minutes().count());
  t.second = static_cast<int>(clock.seconds().count());
  t.is_date = is_date ? 1 : 0;
  if (is_date) t.hour = t.minute = t.second = 0;
  return t;
}

LocalTime ToLocal(const icaltimetype& t) {
  local_days date{year{t.year} / month{static_cast<unsigned>(t.month)} / day{static_cast<unsigned>(t.day)}};
  return date + hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

}  // namespace stadshart::events::ical
