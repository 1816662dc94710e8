// Shared by the subcommands: opening the database with a readable error, and printing an Error.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "storage/database.h"

namespace stadshart::app {

// The database (created and migrated if needed), or null after printing "stadshart COMMAND: why" to stderr.
std::unique_ptr<storage::Database> OpenDatabase(const std::string& location, const char* command);

// "stadshart COMMAND: message" to stderr, one line per field error when there are any.
void PrintError(const Error& error, const char* command);

}  // namespace stadshart::app
