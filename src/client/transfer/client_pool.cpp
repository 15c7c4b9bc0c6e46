#include "client/transfer/client_pool.hpp"

namespace client::transfer {

ClientPool::Lease ClientPool::acquire() {
  std::lock_guard lock(m_mutex);
  if (!m_prototype_busy) {
    m_prototype_busy = true;
    return {*this, &m_prototype};
  }
  if (!m_idle.empty()) {
    OssClient* c = m_idle.back();
    m_idle.pop_back();
    return {*this, c};
  }
  m_owned.push_back(std::make_unique<OssClient>(m_prototype.options()));
  return {*this, m_owned.back().get()};
}

void ClientPool::give_back(OssClient* client) {
  std::lock_guard lock(m_mutex);
  if (client == &m_prototype)
    m_prototype_busy = false;
  else
    m_idle.push_back(client);
}

} // namespace client::transfer
