// JSON API conventions: errors are {"error":{"code":"...","message":"...","field":"...","fields":[...]}} with
// the matching status; writes must send Content-Type application/json (which a cross-site HTML form cannot).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "common/result.h"
#include "http/message.h"

namespace stadshart::web {

int HttpStatus(ErrorKind kind);

http::Response JsonResponse(const nlohmann::json& body, int status = 200);
http::Response JsonError(const Error& error);
http::Response JsonError(int status, const std::string& code, const std::string& message);

// The request body as a JSON object; kMalformed (400) when the Content-Type is not application/json or the
// body is not a JSON object.
Result<nlohmann::json> ParseJsonObject(const http::Request& request);

}  // namespace stadshart::web
