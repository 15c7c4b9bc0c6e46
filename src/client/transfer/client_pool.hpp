#pragma once
// One OssClient per worker thread (each with its own libcurl handle and connection cache),
// created on demand from the options of a template client and handed out as leases.
// Thread-safe.
#include "client/oss_client.hpp"

#include <memory>
#include <mutex>
#include <vector>

namespace client::transfer {

class ClientPool {
public:
  /// `prototype` is used by the first lease; more clients copy its options (and learnt clock
  /// offset is not shared: each client corrects its own).
  explicit ClientPool(OssClient& prototype) : m_prototype(prototype) {}

  class Lease {
  public:
    Lease(ClientPool& pool, OssClient* client) : m_pool(&pool), m_client(client) {}
    ~Lease() {
      if (m_pool != nullptr) m_pool->give_back(m_client);
    }
    Lease(Lease&& other) noexcept : m_pool(other.m_pool), m_client(other.m_client) {
      other.m_pool = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    OssClient& operator*() const { return *m_client; }
    OssClient* operator->() const { return m_client; }

  private:
    ClientPool* m_pool;
    OssClient* m_client;
  };

  /// An idle client, or a new one. Throws what OssClient's constructor throws.
  Lease acquire();
  OssClient& prototype() { return m_prototype; }

private:
  void give_back(OssClient* client);
  OssClient& m_prototype;
  std::mutex m_mutex;
  bool m_prototype_busy = false;
  std::vector<std::unique_ptr<OssClient>> m_owned;
  std::vector<OssClient*> m_idle;
};

} // namespace client::transfer
