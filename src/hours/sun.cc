#include "hours/sun.h"

#include <algorithm>
#include <cmath>

namespace stadshart::hours {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;

double Sin(double degrees) { return std::sin(degrees * kDegree); }
double Cos(double degrees) { return std::cos(degrees * kDegree); }

struct SolarPosition {
  double equation_of_time;  // minutes
  double declination;       // degrees
};

// Solar position at a Julian day (NOAA solar calculator, after Meeus).
SolarPosition Solar(double julian_day) {
  double t = (julian_day - 2451545.0) / 36525.0;
  double l0 = std::fmod(280.46646 + t * (36000.76983 + t * 0.0003032), 360.0);
  double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  double c = Sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Sin(2 * m) * (0.019993 - 0.000101 * t) +
             Sin(3 * m) * 0.000289;
  double omega = 125.04 - 1934.136 * t;
  double lambda = l0 + c - 0.00569 - 0.00478 * Sin(omega);
  double epsilon0 = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
  double epsilon = epsilon0 + 0.00256 * Cos(omega);
  double declination = std::asin(Sin(epsilon) * Sin(lambda)) / kDegree;
  double y = std::tan(epsilon / 2 * kDegree);
  y *= y;
  double eq = y * Sin(2 * l0) - 2 * e * Sin(m) + 4 * e * y * Sin(m) * Cos(2 * l0) - 0.5 * y * y * Sin(4 * l0) -
              1.25 * e * e * Sin(2 * m);
  return {4.0 * eq / kDegree, declination};
}

// Minutes after 00:00 UTC of the event; `rising` selects morning or evening.
double EventMinutes(double julian_midnight, double latitude, double longitude, double zenith_degrees, bool rising) {
  // Two passes: the second takes the solar position at the time of the first estimate.
  double minutes = 720.0 - 4.0 * longitude;
  for (int pass = 0; pass < 2; ++pass) {
    SolarPosition s = Solar(julian_midnight + minutes / 1440.0);
    double arg = Cos(zenith_degrees) / (Cos(latitude) * Cos(s.declination)) - std::tan(latitude * kDegree) *
                                                                                  std::tan(s.declination * kDegree);
    double hour_angle = std::acos(std::clamp(arg, -1.0, 1.0)) / kDegree;
    double noon = 720.0 - 4.0 * longitude - s.equation_of_time;
    minutes = rising ? noon - 4.0 * hour_angle : noon + 4.0 * hour_angle;
  }
  return minutes;
}

}  // namespace

SunTimes SunTimesOn(date::year_month_day day, double latitude, double longitude) {
  date::sys_days midnight{day};
  double julian_midnight = static_cast<double>(midnight.time_since_epoch().count()) + 2440587.5;
  auto at = [&](double zenith, bool rising) {
    double m = EventMinutes(julian_midnight, latitude, longitude, zenith, rising);
    return std::chrono::sys_seconds{midnight} + std::chrono::seconds{static_cast<long long>(std::lround(m * 60.0))};
  };
  return SunTimes{at(96.0, true), at(90.833, true), at(90.833, false), at(96.0, false)};
}

}  // namespace stadshart::hours
