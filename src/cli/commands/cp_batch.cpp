// cp -r (cli.md §4.1, §4.6, §4.9): a local directory to a prefix, a prefix to a directory, or a
// prefix to a prefix. The source is streamed (directory walk / ListObjectsV2 pages) into a small
// bounded queue that -j workers drain, so memory does not grow with the number of items.
// Failures are counted and written to the error report; the batch goes on (exit code 4).
#include "cli/commands/cp_internal.hpp"
#include "cli/errors.hpp"
#include "cli/summary.hpp"
#include "cli/transfer_ui.hpp"
#include "client/content_type.hpp"
#include "client/interrupt.hpp"
#include "client/transfer/naming.hpp"
#include "oss/error.hpp"
#include "util/time_format.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

namespace cli::cp_detail {

std::string relative_to_prefix(const std::string& prefix, const std::string& key) {
  const auto slash = prefix.rfind('/');
  return key.substr(slash == std::string::npos ? 0 : slash + 1);
}

namespace {
namespace fs = std::filesystem;
using client::transfer::ClientPool;

/// One thing to transfer: where it comes from, where it goes, what the source looks like.
struct Item {
  std::string source; ///< local path, or key
  std::string dest;   ///< key, or local path
  std::uint64_t size = 0;
  std::time_t mtime = 0;
  std::string failure; ///< set by the producer: refused before any transfer
};

/// Bounded multi-consumer queue: push blocks while full, pop returns nullopt once closed and
/// drained.
class ItemQueue {
public:
  explicit ItemQueue(std::size_t capacity) : m_capacity(capacity) {}
  void push(Item item) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
    m_items.push_back(std::move(item));
    m_not_empty.notify_one();
  }
  std::optional<Item> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) return std::nullopt;
    Item item = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return item;
  }
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

private:
  std::size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_not_full, m_not_empty;
  std::deque<Item> m_items;
  bool m_closed = false;
};

/// `--output-dir`/ossutil_report_<time>_<pid>.report, created at the first failure.
class ErrorReport {
public:
  ErrorReport(std::string dir, bool enabled) : m_dir(std::move(dir)), m_enabled(enabled) {}
  void add(const std::string& source, const std::string& dest, const std::string& error) {
    std::lock_guard lock(m_mutex);
    if (!m_enabled) return;
    if (!m_out.is_open()) {
      std::error_code ec;
      fs::create_directories(m_dir, ec);
      m_path = (fs::path(m_dir) / ("ossutil_report_" + util::iso8601_basic(util::now_utc()) + "_" +
                                   std::to_string(::getpid()) + ".report"))
                   .string();
      m_out.open(m_path, std::ios::app);
      if (!m_out) {
        m_enabled = false;
        return;
      }
    }
    std::string one_line = error;
    for (char& c : one_line)
      if (c == '\n') c = ' ';
    m_out << source << " -> " << dest << ": " << one_line << "\n" << std::flush;
  }
  std::string path() {
    std::lock_guard lock(m_mutex);
    return m_out.is_open() ? m_path : "";
  }

private:
  std::string m_dir;
  bool m_enabled;
  std::mutex m_mutex;
  std::ofstream m_out;
  std::string m_path;
};

struct Counters {
  std::atomic<std::uint64_t> total_count{0}, total_bytes{0};
  std::atomic<std::uint64_t> done_count{0}, done_bytes{0};
  std::atomic<std::uint64_t> skipped_count{0}, skipped_bytes{0};
  std::atomic<std::uint64_t> failed_count{0};
};

std::string error_text(const std::exception& e) {
  const std::string text = format_error(e);
  return text.rfind("Error: ", 0) == 0 ? text.substr(7) : text;
}

class Batch {
public:
  Batch(const CpOptions& o, Context& ctx, Direction direction, OssPath src, OssPath dst)
      : m_o(o), m_ctx(ctx), m_direction(direction), m_src(std::move(src)), m_dst(std::move(dst)),
        m_tuning(transfer_tuning(o)), m_filter(o.filters), m_headers(object_headers(o)),
        m_replace(replaces_properties(m_headers)), m_pool(ctx.client()),
        m_report(o.output_dir, !o.no_error_report),
        m_progress(ctx, !o.no_progress, verb(direction), std::nullopt, true) {}

  int run() {
    // Without a rule that decides overwrites, each existing destination is a question
    // (Decision 6), asked one at a time: -j takes effect only with -f/-u/--size-only/
    // --ignore-existing (cli.md §4.2).
    const bool decided = m_o.force || m_o.update || m_o.size_only || m_o.ignore_existing;
    const int jobs = decided ? m_o.job : 1;
    ItemQueue queue(static_cast<std::size_t>(jobs) * 4);
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(jobs));
    for (int i = 0; i < jobs; ++i)
      workers.emplace_back([&] { work(queue); });
    std::exception_ptr producer_failure;
    try {
      produce(queue);
    } catch (...) {
      producer_failure = std::current_exception();
    }
    m_progress.listing_done();
    queue.close();
    for (auto& w : workers)
      w.join();
    m_progress.finish();
    if (client::interrupt_requested()) throw client::Interrupted();
    if (producer_failure) {
      // The source could not be read (listing failed): report it like any failure, after the
      // items already done.
      try {
        std::rethrow_exception(producer_failure);
      } catch (const client::Interrupted&) {
        throw;
      } catch (const std::exception& e) {
        if (m_counters.total_count == 0) throw;
        m_counters.failed_count++;
        m_report.add(m_o.source, m_o.destination, error_text(e));
      }
    }
    return summarize();
  }

private:
  static std::string verb(Direction d) {
    return d == Direction::upload ? "Upload" : d == Direction::download ? "Download" : "Copy";
  }

  void offer(ItemQueue& queue, Item item) {
    m_counters.total_count++;
    m_counters.total_bytes += item.size;
    m_progress.add_item(item.size);
    queue.push(std::move(item));
  }

  void produce(ItemQueue& queue) {
    if (m_direction == Direction::upload) return produce_from_directory(queue);
    ClientPool::Lease client = m_pool.acquire();
    std::string token;
    do {
      client::throw_if_interrupted();
      const client::ListObjectsPage page =
          client->list_objects_v2(m_src.bucket, m_src.key, token, 1000);
      for (const auto& object : page.objects) {
        const std::string relative = relative_to_prefix(m_src.key, object.key);
        if (relative.empty() || !m_filter.allows(relative)) continue;
        Item item{object.key, "", object.size,
                  util::parse_iso8601(object.last_modified).value_or(0), ""};
        if (m_direction == Direction::copy) {
          item.dest = client::transfer::batch_destination_key(m_dst.key, relative);
        } else if (object.key.back() == '/') {
          continue; // a directory marker: nothing to write
        } else if (const auto safe = client::transfer::safe_relative_path(relative)) {
          item.dest = (fs::path(m_o.destination) / *safe).string();
        } else {
          item.dest = m_o.destination;
          item.failure =
              "refusing to write object \"" + object.key +
              "\" outside the target directory (its name contains a '..' or '.' segment, "
              "a backslash, an empty segment, or starts with '/')";
        }
        offer(queue, std::move(item));
      }
      token = page.is_truncated ? page.next_continuation_token : "";
    } while (!token.empty());
  }

  void produce_from_directory(ItemQueue& queue) {
    const fs::path root(m_o.source);
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw oss::client_error("read directory " + m_o.source + ": " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) throw oss::client_error("read directory " + m_o.source + ": " + ec.message());
      client::throw_if_interrupted();
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec)) continue;
      const std::string relative = it->path().lexically_relative(root).generic_string();
      if (!m_filter.allows(relative)) continue;
      struct stat st {};
      if (::stat(it->path().c_str(), &st) != 0) continue;
      offer(queue,
            {it->path().string(), client::transfer::batch_destination_key(m_dst.key, relative),
             static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec, ""});
    }
  }

  void work(ItemQueue& queue) {
    while (auto item = queue.pop()) {
      if (client::interrupt_requested()) continue; // drain without working
      try {
        if (!item->failure.empty()) throw oss::client_error(item->failure);
        if (skip(*item)) {
          m_counters.skipped_count++;
          m_counters.skipped_bytes += item->size;
        } else {
          transfer(*item);
          m_counters.done_count++;
          m_counters.done_bytes += item->size;
        }
      } catch (const client::Interrupted&) {
        continue;
      } catch (const std::exception& e) {
        if (client::interrupt_requested()) continue;
        m_counters.failed_count++;
        m_report.add(source_url(*item), dest_url(*item), error_text(e));
      }
      m_progress.object_done();
    }
  }

  std::string source_url(const Item& item) const {
    return m_direction == Direction::upload ? item.source : to_oss_url(m_src.bucket, item.source);
  }
  std::string dest_url(const Item& item) const {
    return m_direction == Direction::download ? item.dest : to_oss_url(m_dst.bucket, item.dest);
  }

  std::optional<ItemState> destination_state(const Item& item) {
    if (m_direction == Direction::download) return local_state(item.dest);
    ClientPool::Lease client = m_pool.acquire();
    return object_state(*client, m_dst.bucket, item.dest);
  }

  bool skip(const Item& item) {
    if (m_o.force && !has_skip_rules(m_o)) return false; // no HEAD per item
    return should_skip(m_o, m_ctx, {item.size, item.mtime}, destination_state(item),
                       dest_url(item));
  }

  void transfer(const Item& item) {
    const auto progress = [this](std::int64_t delta) { m_progress.add(delta); };
    switch (m_direction) {
    case Direction::upload: {
      check_object_key(item.dest);
      oss::Headers headers = m_headers;
      if (oss::find_header(headers, "Content-Type") == nullptr)
        headers.push_back({"Content-Type",
                           client::guess_content_type(
                               item.size > m_tuning.bigfile_threshold ? item.source : item.dest)});
      client::transfer::upload_file(m_pool, item.source, m_dst.bucket, item.dest, headers, m_tuning,
                                    progress);
      break;
    }
    case Direction::download: {
      if (!m_ctx.dry_run()) { // dry-run writes nothing locally
        std::error_code ec;
        fs::create_directories(fs::path(item.dest).parent_path(), ec);
        if (!fs::is_directory(fs::path(item.dest).parent_path()))
          throw oss::client_error("create directory " + fs::path(item.dest).parent_path().string() +
                                  (ec ? ": " + ec.message() : ""));
      }
      client::transfer::download_object(m_pool, m_src.bucket, item.source, item.dest, item.size,
                                        m_tuning, progress);
      break;
    }
    case Direction::copy:
      check_object_key(item.dest);
      client::transfer::copy_object(m_pool, m_src.bucket, item.source, m_dst.bucket, item.dest,
                                    m_headers, m_replace, m_tuning, progress);
      break;
    }
  }

  int summarize() {
    if (m_pool.prototype().dry_run()) {
      m_ctx.print_elapsed();
      return 0;
    }
    TransferTotals totals{m_direction,
                          m_counters.total_count,
                          m_counters.total_bytes,
                          m_counters.done_count,
                          m_counters.done_bytes,
                          m_counters.skipped_count,
                          m_counters.skipped_bytes,
                          m_ctx.elapsed_seconds(),
                          m_counters.failed_count};
    m_ctx.out << format_summary(totals) << "\n";
    if (m_counters.failed_count == 0) {
      m_ctx.print_elapsed();
      return 0;
    }
    std::string message = std::to_string(m_counters.failed_count.load()) + " of " +
                          std::to_string(m_counters.total_count.load()) + " items failed";
    const std::string report = m_report.path();
    message += report.empty() ? " (no error report written)" : "; error report: " + report;
    throw PartialFailure(message);
  }

  const CpOptions& m_o;
  Context& m_ctx;
  Direction m_direction;
  OssPath m_src, m_dst;
  client::transfer::Tuning m_tuning;
  client::transfer::PathFilter m_filter;
  oss::Headers m_headers;
  bool m_replace;
  ClientPool m_pool;
  ErrorReport m_report;
  Progress m_progress;
  Counters m_counters;
};

} // namespace

int run_batch(const CpOptions& o, Context& ctx) {
  const bool src_oss = is_oss_url(o.source);
  const bool dst_oss = is_oss_url(o.destination);
  if (!src_oss && !dst_oss)
    throw oss::usage_error("cp needs an oss:// URL as source or destination");
  if (o.source == "-" || o.destination == "-")
    throw oss::usage_error("-r/--recursive cannot be used with - (stdin/stdout)");
  if (!src_oss) {
    struct stat st {};
    if (::stat(o.source.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      throw oss::usage_error(o.source +
                             " is a not directory, can not work with --recursive option");
    return Batch(o, ctx, Direction::upload, {}, parse_oss_url(o.destination)).run();
  }
  const OssPath src = parse_oss_url(o.source);
  if (dst_oss) return Batch(o, ctx, Direction::copy, src, parse_oss_url(o.destination)).run();
  if (ctx.dry_run()) return Batch(o, ctx, Direction::download, src, {}).run(); // creates nothing
  std::error_code ec;
  fs::create_directories(o.destination, ec);
  if (!fs::is_directory(o.destination))
    throw oss::usage_error("destination " + o.destination + " is not a directory" +
                           (ec ? ": " + ec.message() : ""));
  return Batch(o, ctx, Direction::download, src, {}).run();
}

} // namespace cli::cp_detail
