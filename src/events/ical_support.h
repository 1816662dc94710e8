// Conversions between our times and libical's, for the .cc files that talk to libical (recurrence, ics).
// Internal to the events module.
#pragma once

#include <libical/ical.h>

#include "events/clash.h"

namespace stadshart::events::ical {

// A floating (zone-less) libical date-time with the wall-clock of `local`; is_date for a whole day.
icaltimetype FromLocal(LocalTime local, bool is_date = false);
// The wall-clock fields of `t`, ignoring its zone.
LocalTime ToLocal(const icaltimetype& t);
// libical reports errors through icalerrno; make sure bad input never aborts the process.
void QuietErrors();

}  // namespace stadshart::events::ical
