#include "cli/errors.hpp"
#include "client/interrupt.hpp"
#include "client/oss_client.hpp"

#include <sstream>

#include <doctest/doctest.h>

TEST_SUITE("cli::errors") {

  TEST_CASE("exit codes are mapped in one place") {
    CHECK(cli::exit_code_for(oss::ErrorKind::usage) == 1);
    CHECK(cli::exit_code_for(oss::ErrorKind::service) == 2);
    CHECK(cli::exit_code_for(oss::ErrorKind::client) == 3);
    std::ostringstream err;
    CHECK(cli::report_error(oss::usage_error("bad flag"), err) == 1);
    CHECK(cli::report_error(oss::client_error("connection refused"), err) == 3);
    CHECK(cli::report_error(std::runtime_error("boom"), err) == 3);
    CHECK(cli::report_error(client::Interrupted(), err) == 5);
    CHECK(err.str() ==
          "Error: bad flag\nError: connection refused\nError: boom\nError: interrupted\n");
  }

  TEST_CASE("Go-style UTC timestamps") {
    CHECK(cli::go_utc_time(1722513600) == "2024-08-01 12:00:00 +0000 UTC");
    CHECK(cli::go_utc_time(0) == "0001-01-01 00:00:00 +0000 UTC");
  }

  TEST_CASE("service error block: exact punctuation and trailing spaces") {
    oss::ServiceError s;
    s.http_status = 404;
    s.code = "NoSuchBucket";
    s.message = "The specified bucket does not exist.";
    s.request_id = "5C06A3B67B8B5A3DA422299D";
    s.ec = "0015-00000101";
    const client::ServiceResponseError e(s, "PutObject", "PUT http://127.0.0.1:9000/b/k.txt",
                                         1722513600);
    const std::string expected = "Error: operation error PutObject: Error returned by Service. \n"
                                 "Http Status Code: 404. \n"
                                 "Error Code: NoSuchBucket. \n"
                                 "Request Id: 5C06A3B67B8B5A3DA422299D. \n"
                                 "Message: The specified bucket does not exist..\n"
                                 "EC: 0015-00000101.\n"
                                 "Timestamp: 2024-08-01 12:00:00 +0000 UTC.\n"
                                 "Request Endpoint: PUT http://127.0.0.1:9000/b/k.txt.";
    CHECK(cli::format_error(e) == expected);
    std::ostringstream err;
    CHECK(cli::report_error(e, err) == 2);
    CHECK(err.str() == expected + "\n");
  }

  TEST_CASE("service_error_from_response: body, x-oss-err header, fallback") {
    client::HttpResponse r;
    r.status = 404;
    r.headers = {{"x-oss-request-id", "RID"}, {"x-oss-ec", "0026-00000001"}};
    SUBCASE("HEAD: the base64 x-oss-err header") {
      // base64 of <Error><Code>NoSuchKey</Code><Message>The specified key does not
      // exist.</Message></Error>
      r.headers.push_back(
          {"x-oss-err",
           "PEVycm9yPjxDb2RlPk5vU3VjaEtleTwvQ29kZT48TWVzc2FnZT5UaGUgc3BlY2lmaWVkIGtleSBk"
           "b2VzIG5vdCBleGlzdC48L01lc3NhZ2U+PC9FcnJvcj4="});
      const auto s = client::service_error_from_response(r);
      CHECK(s.http_status == 404);
      CHECK(s.code == "NoSuchKey");
      CHECK(s.message == "The specified key does not exist.");
      CHECK(s.request_id == "RID");
      CHECK(s.ec == "0026-00000001");
    }
    SUBCASE("XML body") {
      r.body =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
          "<Message>denied</Message><RequestId>BODYRID</RequestId><EC>0003-00000001</EC></Error>";
      const auto s = client::service_error_from_response(r);
      CHECK(s.code == "AccessDenied");
      CHECK(s.request_id == "BODYRID");
      CHECK(s.ec == "0003-00000001");
    }
    SUBCASE("nothing parses") {
      const auto s = client::service_error_from_response(r);
      CHECK(s.code == "BadErrorResponse");
      CHECK(s.request_id == "RID");
    }
  }
}
