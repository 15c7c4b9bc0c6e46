#pragma once
// The one place where failures become ossutil exit codes and messages (cli.md §8, §9.1).
#include "oss/error.hpp"

#include <ctime>
#include <exception>
#include <ostream>
#include <stdexcept>
#include <string>

namespace cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_usage = 1;
inline constexpr int k_exit_service = 2;
inline constexpr int k_exit_client = 3;
inline constexpr int k_exit_partial = 4;
inline constexpr int k_exit_interrupted = 5;

/// A batch finished but some items failed (exit code 4); what() says how many and where the
/// error report is.
class PartialFailure : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// usage -> 1, service -> 2, client -> 3.
int exit_code_for(oss::ErrorKind kind);

/// Go's time.Time String() in UTC: "2024-08-01 12:00:00 +0000 UTC"; 0 gives Go's zero time
/// "0001-01-01 00:00:00 +0000 UTC".
std::string go_utc_time(std::time_t t);

/// "operation error <Op>: Error returned by Service. \nHttp Status Code: …" — the SDK's
/// eight-line block with its exact punctuation (four lines end ". ", four end ".").
std::string format_service_error(const oss::Error& error, std::time_t server_time);

/// The whole message for any failure, "Error: …" without a trailing newline.
std::string format_error(const std::exception& error);

/// Prints format_error(error) + "\n" to err and returns the exit code (5 for
/// client::Interrupted, 3 for anything else that is not an oss::Error).
int report_error(const std::exception& error, std::ostream& err);

} // namespace cli
