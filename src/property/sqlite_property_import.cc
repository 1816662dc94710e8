// The all-or-nothing import of units, businesses and occupancy. (Being written: see the note.)
#include "property/sqlite_property_repository.h"

namespace stadshart::property {

Result<ImportReport> SqlitePropertyRepository::Import(const ImportBatch&, bool, const audit::Actor&) {
  return Error{ErrorKind::kUnavailable, "Importeren van het register is nog niet beschikbaar."};
}

}  // namespace stadshart::property
