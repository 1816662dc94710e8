#include "web/static_files.h"

#include <string>

#include "common/resources.h"

namespace stadshart::web {
namespace {

const char* ContentType(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string Etag(std::string_view data) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buf;
}

http::Response Serve(const http::Request& request, const std::string& path) {
  auto data = resources::Find(path);
  if (!data || path.find("..") != std::string::npos) return http::Response::Text("Bestand niet gevonden.", 404);
  std::string etag = Etag(*data);
  http::Response response;
  if (auto match = request.Header("if-none-match"); match && *match == etag) {
    response.status = 304;
  } else {
    response.body = std::string(*data);
    response.SetHeader("Content-Type", ContentType(path));
  }
  response.SetHeader("ETag", etag);
  response.SetHeader("Cache-Control", "public, max-age=86400");
  return response;
}

}  // namespace

void AddStaticRoutes(http::Router& router) {
  http::RouteOptions cached{.cacheable = true, .permission = "public"};
  router.Add(
      http::Method::kGet, "/static/{file}",
      [](http::Request& r) { return Serve(r, "static/" + std::string(r.Param("file"))); }, cached);
  router.Add(
      http::Method::kGet, "/static/vendor/{file}",
      [](http::Request& r) { return Serve(r, "static/vendor/" + std::string(r.Param("file"))); }, cached);
}

}  // namespace stadshart::web
