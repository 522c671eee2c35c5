#include "adapters/net/runtime.hpp"

namespace hlc::net {

runtime::runtime() = default;

runtime::~runtime() {
  stop();
}

void runtime::start() {
  if (thread_.joinable()) return;
  work_.emplace(ioc_.get_executor());
  thread_ = std::thread{[this] { ioc_.run(); }};
}

void runtime::stop() {
  if (!thread_.joinable()) return;
  work_.reset();
  ioc_.stop();
  thread_.join();
}

bool runtime::on_io_thread() const noexcept {
  return thread_.get_id() == std::this_thread::get_id();
}

} // namespace hlc::net
