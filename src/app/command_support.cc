#include "app/command_support.h"

#include <iostream>

namespace stadshart::app {

std::unique_ptr<storage::Database> OpenDatabase(const std::string& location, const char* command) {
  try {
    return storage::Database::Open({location, 1});
  } catch (const std::exception& e) {
    std::cerr << "stadshart " << command << ": " << e.what() << "\n";
    return nullptr;
  }
}

void PrintError(const Error& error, const char* command) {
  if (error.field_errors.empty()) {
    std::cerr << "stadshart " << command << ": " << error.message << "\n";
    return;
  }
  for (const FieldError& f : error.field_errors) std::cerr << "stadshart " << command << ": " << f.message << "\n";
}

}  // namespace stadshart::app
