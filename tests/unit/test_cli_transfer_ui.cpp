#include "cli/transfer_ui.hpp"

#include <sstream>

#include <doctest/doctest.h>

TEST_SUITE("cli::transfer_ui") {

  TEST_CASE("progress line: bytes, share, objects, rate, ETA") {
    cli::ProgressSnapshot s;
    s.verb = "Upload";
    s.bytes = 512ULL << 20;
    s.total_bytes = 1ULL << 30;
    s.total_known = true;
    s.seconds = 4;
    CHECK(cli::format_progress(s) ==
          "Upload 512.000 MiB of 1.000 GiB (50.00%), 128.000 MiB/s, ETA 00:00:04");
    s.batch = true;
    s.objects_done = 3;
    s.objects_total = 10;
    CHECK(cli::format_progress(s) ==
          "Upload 512.000 MiB of 1.000 GiB (50.00%), 3 of 10 objects, 128.000 MiB/s, ETA 00:00:04");
    // Still listing: totals so far, no share and no ETA.
    s.total_known = false;
    CHECK(cli::format_progress(s) ==
          "Upload 512.000 MiB of 1.000 GiB+, 3 of 10+ objects, 128.000 MiB/s");
    cli::ProgressSnapshot first;
    first.verb = "Copy";
    CHECK(cli::format_progress(first) == "Copy 0 B");
  }

  TEST_CASE("nothing is drawn when stderr is not a terminal") {
    std::ostringstream out, err;
    cli::Context ctx(out, err, {});
    ctx.stderr_is_tty = false;
    {
      cli::Progress p(ctx, true, "Upload", 100, true);
      p.add_item(100);
      p.add(100);
      p.object_done();
    }
    CHECK(err.str().empty());
    CHECK(out.str().empty());
  }

  TEST_CASE("on a terminal the line is redrawn with \\r and cleared at the end; -q hides it") {
    std::ostringstream out, err;
    cli::Context ctx(out, err, {});
    ctx.stderr_is_tty = true;
    {
      cli::Progress p(ctx, true, "Upload", 100);
      p.object_done(); // first draw is not rate-limited
      p.add(50);
    }
    CHECK(err.str().starts_with("\rUpload 0 B of 100 B (0.00%)"));
    CHECK(err.str().ends_with("\r\033[K"));
    std::ostringstream err2;
    cli::Context quiet(out, err2, {});
    quiet.stderr_is_tty = true;
    quiet.globals.quiet = true;
    {
      cli::Progress p(quiet, true, "Upload", 100);
      p.object_done();
    }
    CHECK(err2.str().empty());
  }
}
