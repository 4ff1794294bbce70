#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ansinh::console {

// What the API routes read of an HTTP request: the server adapter
// (http_server.cc, the one file that knows cpp-httplib) copies it out, so
// the routes are plain functions unit tests call directly.
struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/rpc/Registry/GetHousehold", without the query
  std::map<std::string, std::string> query;
  std::string body;
  // Header names in lower case; only those the routes read.
  std::map<std::string, std::string> headers;

  // The header's value, or "" when absent.
  std::string Header(const std::string& lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Query(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Extra headers (Set-Cookie, Content-Disposition, ...).
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace ansinh::console
