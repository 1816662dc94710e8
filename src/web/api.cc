#include "web/api.h"

#include <nlohmann/json.hpp>

namespace stadshart::web {

int HttpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return 422;
    case ErrorKind::kMalformed: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kVersionRequired: return 428;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

http::Response JsonResponse(const nlohmann::json& body, int status) {
  return http::Response::Json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

http::Response JsonError(const Error& error) {
  nlohmann::json body = {{"code", ErrorCode(error.kind)}, {"message", error.message}};
  if (!error.field_errors.empty()) {
    body["field"] = error.field_errors.front().field;
    nlohmann::json fields = nlohmann::json::array();
    for (const FieldError& f : error.field_errors) fields.push_back({{"field", f.field}, {"message", f.message}});
    body["fields"] = std::move(fields);
  }
  return JsonResponse({{"error", std::move(body)}}, HttpStatus(error.kind));
}

http::Response JsonError(int status, const std::string& code, const std::string& message) {
  return JsonResponse({{"error", {{"code", code}, {"message", message}}}}, status);
}

Result<nlohmann::json> ParseJsonObject(const http::Request& request) {
  auto type = request.Header("content-type");
  if (!type || type->substr(0, 16) != "application/json") {
    return Error{ErrorKind::kMalformed, "Stuur JSON met Content-Type: application/json."};
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error{ErrorKind::kMalformed, "De body is geen geldige JSON."};
  if (!body.is_object()) return Error{ErrorKind::kMalformed, "De body moet een JSON-object zijn."};
  return body;
}

}  // namespace stadshart::web
