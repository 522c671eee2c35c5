#include "adapters/net/runtime.hpp"

namespace hlc::net {

runtime::runtime() = default;

runtime::~runtime() {
  stop();
}

void runtime::start() {
  if (thread_.joinable()) return;
  work_.emplace(ioc_.get_executor());
  std::promise<void> done;
  finished_ = done.get_future();
  thread_ = std::thread{[this, done = std::move(done)]() mutable {
    ioc_.run();
    done.set_value();
  }};
}

void runtime::stop(std::chrono::milliseconds drain) {
  if (!thread_.joinable()) return;
  work_.reset(); // run() returns once nothing is pending
  if (finished_.wait_for(drain) != std::future_status::ready) ioc_.stop();
  thread_.join();
}

bool runtime::on_io_thread() const noexcept {
  return thread_.get_id() == std::this_thread::get_id();
}

} // namespace hlc::net
