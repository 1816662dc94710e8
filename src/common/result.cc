#include "common/result.h"

namespace stadshart {

const char* ErrorCode(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return "invalid";
    case ErrorKind::kMalformed: return "malformed";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kVersionRequired: return "version_required";
    case ErrorKind::kUnavailable: return "unavailable";
  }
  return "error";
}

}  // namespace stadshart
