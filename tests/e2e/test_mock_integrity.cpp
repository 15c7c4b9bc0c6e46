// ossmock stories about stored data: a tampered, reordered or truncated encrypted blob never
// comes back as wrong bytes (500 InternalError before the headers, or a closed connection
// mid-stream), and the admin API shows stored SSE state without key material.
#include "harness.hpp"
#include "raw_http.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using e2e::World;

namespace {

constexpr std::size_t k_segment = 64 * 1024;
constexpr std::size_t k_stride = k_segment + 16; // AES-256-GCM tag per segment

nlohmann::json admin_get(World& w, const std::string& path) {
  const auto response = e2e::raw_request(w.mock().port(), "GET", "/-/" + path);
  REQUIRE_MESSAGE(response.status == 200, response.body);
  return nlohmann::json::parse(response.body);
}

fs::path blob_path(World& w, const std::string& bucket, const std::string& key) {
  const auto state = admin_get(w, "objects/" + bucket + "/" + key);
  const std::string id = state["storage"]["blob_id"];
  return w.mock().data_dir() / "blobs" / id.substr(0, 2) / id;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void overwrite(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string pattern(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    out[i] = static_cast<char>((i * 31 + i / 7) & 0xff);
  return out;
}

/// A public-read bucket with a 3-segment SSE-OSS object "obj".
struct Stored {
  World w;
  std::string body = pattern(3 * k_segment - 1000);
  fs::path blob;
  std::string sealed;

  Stored() {
    REQUIRE(w.ossutil({"mb", "oss://integrity", "--acl", "public-read"}).exit_code == 0);
    const auto local = w.write_file("obj", body);
    REQUIRE(w.ossutil({"cp", local.string(), "oss://integrity/obj", "--metadata",
                       "x-oss-server-side-encryption:AES256"})
                .exit_code == 0);
    blob = blob_path(w, "integrity", "obj");
    sealed = slurp(blob);
    REQUIRE(sealed.size() == body.size() + 3 * 16);
    // The blob is ciphertext: no 64-byte run of the plaintext appears in it.
    REQUIRE(sealed.find(body.substr(1000, 64)) == std::string::npos);
  }

  e2e::RawResponse get(const std::string& range = "") {
    std::map<std::string, std::string> headers;
    if (!range.empty()) headers["Range"] = range;
    return e2e::raw_request(w.mock().port(), "GET", "/integrity/obj", "", headers);
  }
};

} // namespace

TEST_SUITE("e2e: ossmock integrity") {

  TEST_CASE("intact blob: full and range reads are exact") {
    Stored s;
    const auto all = s.get();
    CHECK(all.status == 200);
    CHECK(all.body == s.body);
    const auto range = s.get("bytes=70000-140000");
    CHECK(range.status == 206);
    CHECK(range.body == s.body.substr(70000, 70001));
  }

  TEST_CASE("a flipped byte: 500 before headers when the first touched segment is bad, a cut "
            "stream otherwise") {
    Stored s;
    std::string bad = s.sealed;
    bad[k_stride + 100] ^= 0x01; // inside segment 1
    overwrite(s.blob, bad);

    const auto touched = s.get("bytes=70000-70010");
    CHECK(touched.status == 500);
    CHECK(touched.body.find("<Code>InternalError</Code>") != std::string::npos);
    CHECK(touched.body.find(s.body.substr(70000, 11)) == std::string::npos);

    // Segment 0 is fine, so the headers go out; the stream stops at the bad segment.
    const auto whole = s.get();
    CHECK(whole.status == 200);
    CHECK_FALSE(whole.complete);
    CHECK(whole.body.size() <= k_segment);
    CHECK(whole.body == s.body.substr(0, whole.body.size()));

    const auto untouched = s.get("bytes=0-99");
    CHECK(untouched.status == 206);
    CHECK(untouched.body == s.body.substr(0, 100));

    // ossutil fails and leaves no file with wrong bytes.
    const auto target = s.w.dir() / "downloaded";
    const auto cp = s.w.ossutil({"cp", "oss://integrity/obj", target.string()});
    CHECK(cp.exit_code != 0);
    CHECK((!fs::exists(target) || slurp(target) == ""));

    const std::string log = s.w.mock().log();
    CHECK(log.find("failed to open or authenticate") != std::string::npos);
  }

  TEST_CASE("reordered segments: 500 InternalError") {
    Stored s;
    std::string bad = s.sealed;
    std::swap_ranges(bad.begin(), bad.begin() + k_stride, bad.begin() + k_stride);
    overwrite(s.blob, bad);
    const auto response = s.get();
    CHECK(response.status == 500);
    CHECK(response.body.find("<Code>InternalError</Code>") != std::string::npos);
  }

  TEST_CASE(
      "a truncated blob: 500 InternalError, also for HEAD-free range reads of intact segments") {
    Stored s;
    overwrite(s.blob, s.sealed.substr(0, 2 * k_stride));
    CHECK(s.get().status == 500);
    CHECK(s.get("bytes=0-9").status == 500);
    // A missing blob is an integrity failure too, not NoSuchKey.
    fs::remove(s.blob);
    const auto missing = s.get();
    CHECK(missing.status == 500);
  }

  TEST_CASE("admin API: health, keys, object state; never key material; loopback only") {
    World w(e2e::k_config_with_cmks);
    const auto health = admin_get(w, "health");
    CHECK(health["status"] == "ok");
    REQUIRE(w.ossutil({"mb", "oss://adm"}).exit_code == 0);
    const auto local = w.write_file("f", "admin data");
    REQUIRE(w.ossutil({"cp", local.string(), "oss://adm/dir/f", "--metadata",
                       "x-oss-server-side-encryption:KMS", "--metadata",
                       "x-oss-server-side-encryption-key-id:key-app-0001"})
                .exit_code == 0);
    const auto state = admin_get(w, "objects/adm/dir/f");
    CHECK(state["sse"]["algorithm"] == "KMS");
    CHECK(state["sse"]["kms_key_id"] == "key-app-0001");
    CHECK(state["storage"]["cipher"] == "AES-256-GCM");
    CHECK(state["storage"]["segments"] == 1);
    const std::string text = state.dump();
    CHECK(text.find("envelope") == std::string::npos);
    CHECK(text.find("ossmock-envelope") == std::string::npos);

    const auto keys = admin_get(w, "kms/keys");
    CHECK(keys["enabled"] == true);
    bool found = false;
    for (const auto& key : keys["keys"]) {
      if (key["id"] != "key-app-0001") continue;
      found = true;
      CHECK(key["alias"] == "alias/app");
      CHECK(key["state"] == "Enabled");
      CHECK(key.size() == 7); // id, alias, region, state, grants, default, created: nothing else
    }
    CHECK(found);

    const auto disabled =
        e2e::raw_request(w.mock().port(), "POST", "/-/kms/keys/key-app-0001/disable");
    CHECK(disabled.status == 200);
    const auto refused = w.ossutil({"cp", "oss://adm/dir/f", (w.dir() / "out").string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("Forbidden.KeyNotEnabled") != std::string::npos);
    CHECK(e2e::raw_request(w.mock().port(), "POST", "/-/kms/keys/key-app-0001/enable").status ==
          200);
    CHECK(w.ossutil({"cp", "oss://adm/dir/f", (w.dir() / "out").string()}).exit_code == 0);

    CHECK(e2e::raw_request(w.mock().port(), "POST", "/-/kms/keys/nope/disable").status == 404);
    CHECK(e2e::raw_request(w.mock().port(), "GET", "/-/nothing").status == 404);

    const auto reset = e2e::raw_request(w.mock().port(), "POST", "/-/reset");
    CHECK(reset.status == 200);
    CHECK(w.ossutil({"stat", "oss://adm"}).exit_code == 2);
    std::size_t blobs = 0;
    for (const auto& entry : fs::recursive_directory_iterator(w.mock().data_dir() / "blobs"))
      blobs += entry.is_regular_file() ? 1 : 0;
    CHECK(blobs == 0);
    // The master key or CMK material never shows up in the log.
    CHECK(w.mock().log().find("master") == std::string::npos);
  }
}
