#include "cli/errors.hpp"

#include "client/interrupt.hpp"
#include "client/oss_client.hpp"

#include <cstdio>

namespace cli {

int exit_code_for(oss::ErrorKind kind) {
  switch (kind) {
  case oss::ErrorKind::usage: return k_exit_usage;
  case oss::ErrorKind::service: return k_exit_service;
  case oss::ErrorKind::client: return k_exit_client;
  }
  return k_exit_client;
}

std::string go_utc_time(std::time_t t) {
  if (t == 0) return "0001-01-01 00:00:00 +0000 UTC";
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d +0000 UTC", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string format_service_error(const oss::Error& error, std::time_t server_time) {
  const oss::ServiceError& s = error.service();
  std::string out = "operation error " + error.operation() + ": ";
  out += "Error returned by Service. \n";
  out += "Http Status Code: " + std::to_string(s.http_status) + ". \n";
  out += "Error Code: " + s.code + ". \n";
  out += "Request Id: " + s.request_id + ". \n";
  out += "Message: " + s.message + ".\n";
  out += "EC: " + s.ec + ".\n";
  out += "Timestamp: " + go_utc_time(server_time) + ".\n";
  out += "Request Endpoint: " + error.endpoint() + ".";
  return out;
}

std::string format_error(const std::exception& error) {
  if (const auto* e = dynamic_cast<const oss::Error*>(&error)) {
    if (e->kind() == oss::ErrorKind::service) {
      const auto* with_time = dynamic_cast<const client::ServiceResponseError*>(e);
      return "Error: " + format_service_error(*e, with_time ? with_time->server_time() : 0);
    }
  }
  return std::string("Error: ") + error.what();
}

int report_error(const std::exception& error, std::ostream& err) {
  err << format_error(error) << "\n" << std::flush;
  if (const auto* e = dynamic_cast<const oss::Error*>(&error)) return exit_code_for(e->kind());
  if (dynamic_cast<const client::Interrupted*>(&error) != nullptr) return k_exit_interrupted;
  if (dynamic_cast<const PartialFailure*>(&error) != nullptr) return k_exit_partial;
  return k_exit_client;
}

} // namespace cli
