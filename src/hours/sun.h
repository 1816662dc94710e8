// Sunrise, sunset, dawn and dusk from latitude and longitude: the NOAA solar calculator (Meeus' low-precision
// solar coordinates: mean longitude and anomaly, equation of centre, apparent longitude, obliquity, declination,
// equation of time, then the hour angle of the event). Accurate to about a minute below the polar circles, which
// is the resolution of opening hours. Dawn and dusk are civil twilight (sun 6 degrees below the horizon).
#pragma once

#include <date/date.h>

#include <chrono>

namespace stadshart::hours {

struct SunTimes {
  // UTC instants. When the sun does not rise (polar night) sunrise == sunset == solar noon; when it does not set
  // (midnight sun) sunrise and sunset are solar noon -/+ 12 hours. Dawn and dusk likewise.
  std::chrono::sys_seconds dawn;
  std::chrono::sys_seconds sunrise;
  std::chrono::sys_seconds sunset;
  std::chrono::sys_seconds dusk;
};

// For the calendar day `day` (the day whose solar noon is meant); latitude north positive, longitude east positive.
SunTimes SunTimesOn(date::year_month_day day, double latitude, double longitude);

}  // namespace stadshart::hours
