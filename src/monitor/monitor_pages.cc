// Pages of the monitor. (Being written.)
#include "monitor/monitor_routes.h"

namespace stadshart::monitor {

void AddMonitorPageRoutes(http::Router&, MonitorRepository&, property::PropertyRepository&, const Clock&) {}

}  // namespace stadshart::monitor
