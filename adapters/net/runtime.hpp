#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

namespace hlc::net {

using strand_type = boost::asio::strand<boost::asio::io_context::executor_type>;

/// The network runtime (ADR 0032): one Asio io_context on a thread of its
/// own. Every socket of the process lives here; no CAF scheduler thread ever
/// waits on one. Each client runs its steps on a strand made here; results
/// enter CAF with `anon_send`, commands come in by posting to the strand.
class runtime {
public:
  runtime();
  ~runtime(); ///< stops and joins
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;

  /// Starts the io thread (idempotent).
  void start();
  /// Lets the io thread finish what is pending (clients asked to stop
  /// close their sockets and cancel their timers) for at most `drain`, then
  /// stops the io_context and joins. Destroying pending handlers that own
  /// I/O objects while the io_context shuts down is what this avoids.
  void stop(std::chrono::milliseconds drain = std::chrono::milliseconds{2000});

  boost::asio::io_context& context() noexcept { return ioc_; }
  strand_type make_strand() { return boost::asio::make_strand(ioc_); }
  bool on_io_thread() const noexcept;

private:
  boost::asio::io_context ioc_{1};
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_;
  std::thread thread_;
  std::future<void> finished_; ///< ready once run() returned
};

} // namespace hlc::net
