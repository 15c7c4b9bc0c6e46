#include "mock/errors.hpp"
#include "mock/kms.hpp"

#include <cstdlib>
#include <filesystem>

#include <doctest/doctest.h>

namespace fs = std::filesystem;
using namespace mock;

namespace {

struct Fixture {
  fs::path dir;
  std::unique_ptr<MetadataStore> meta;
  std::unique_ptr<Kms> kms;

  explicit Fixture(bool enabled = true) {
    std::string t = (fs::temp_directory_path() / "ossmock-kms-XXXXXX").string();
    REQUIRE(mkdtemp(t.data()) != nullptr);
    dir = t;
    meta = std::make_unique<MetadataStore>((dir / "meta.sqlite").string());
    KmsConfig config;
    config.enabled = enabled;
    config.keys = {KmsKeyConfig{"key-app", "alias/app", "", "Enabled", {"admin"}},
                   KmsKeyConfig{"key-sh", "", "cn-shanghai", "Enabled", {"admin"}},
                   KmsKeyConfig{"key-off", "", "", "Disabled", {"admin"}},
                   KmsKeyConfig{"key-gone", "", "", "PendingDeletion", {"admin"}}};
    std::vector<User> users{
        {"admin", "AK1", "SK1"}, {"reader", "AK2", "SK2"}, {"default", "ossmock-ak", "x", true}};
    kms = std::make_unique<Kms>(*meta, config, "cn-hangzhou", users);
  }
  ~Fixture() { fs::remove_all(dir); }

  /// "ok:<key id>" or "<status> <Code> <EC>".
  std::string use(const std::string& key, const Principal& who) {
    try {
      return "ok:" + kms->authorize(key, who, KmsOperation::generate_data_key);
    } catch (const ApiError& e) {
      return std::to_string(e.status()) + " " + e.error().code + " " + e.error().ec;
    }
  }
};

const Principal k_admin{false, "AK1", "admin"};
const Principal k_reader{false, "AK2", "reader"};
const Principal k_default_user{false, "ossmock-ak", "default"};
const Principal k_anonymous{};

} // namespace

TEST_SUITE("mock::kms") {

  TEST_CASE("grants: configured users, the default user, the default CMK") {
    Fixture f;
    CHECK(f.use("key-app", k_admin) == "ok:key-app");
    CHECK(f.use("alias/app", k_admin) == "ok:key-app");
    CHECK(f.use("key-app", k_reader) == "403 AccessDenied 9999-00000003");
    CHECK(f.use("key-app", k_default_user) == "ok:key-app");
    const std::string default_id = f.kms->default_key_id();
    CHECK(f.use("", k_reader) == "ok:" + default_id);
    CHECK(f.use(default_id, k_reader) == "ok:" + default_id);
    CHECK(f.use("", k_anonymous) == "403 AccessDenied 9999-00000003");
  }

  TEST_CASE("unknown, other-region and not-enabled keys") {
    Fixture f;
    CHECK(f.use("nope", k_admin) == "400 InvalidArgument 0005-00000208");
    CHECK(f.use("key-sh", k_admin) == "400 InvalidArgument 0005-00000208");
    CHECK(f.use("key-off", k_admin) == "409 Forbidden.KeyNotEnabled 0005-00000214");
    CHECK(f.use("key-gone", k_admin) == "409 Forbidden.KeyNotEnabled 0005-00000214");
    CHECK(f.kms->set_state("key-app", "Disabled"));
    CHECK(f.use("key-app", k_admin) == "409 Forbidden.KeyNotEnabled 0005-00000214");
    CHECK_FALSE(f.kms->set_state("nope", "Disabled"));
  }

  TEST_CASE("KMS disabled refuses every use") {
    Fixture f(false);
    CHECK(f.use("", k_admin) == "403 KmsServiceNotEnabled 0005-00000218");
    CHECK(f.use("key-app", k_default_user) == "403 KmsServiceNotEnabled 0005-00000218");
  }

  TEST_CASE("the admin view lists keys with grants and no material") {
    Fixture f;
    f.kms->default_key_id();
    const auto keys = f.kms->keys();
    REQUIRE(keys.size() == 5);
    bool saw_default = false;
    for (const auto& k : keys) {
      if (k.record.id == "key-app") CHECK(k.grants == std::vector<std::string>{"admin"});
      saw_default = saw_default || k.is_default;
    }
    CHECK(saw_default);
  }
}
