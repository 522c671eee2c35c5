#include "apps/hlcopy/info_fetch.hpp"

#include "adapters/net/http_client.hpp"
#include "adapters/net/url.hpp"

#include <future>
#include <thread>

namespace hlc {

std::optional<std::string>
post_info(net::runtime& rt, std::shared_ptr<boost::asio::ssl::context> tls,
          const std::string& info_url, const std::string& body,
          std::chrono::milliseconds bound, std::string& why) {
  auto url = net::parse_url_or_throw(info_url);
  auto http = net::http_client::create(rt.make_strand(), std::move(tls), url);
  auto answer = std::make_shared<std::promise<net::http_reply>>();
  auto got = answer->get_future();
  http->post_json(url.target, body, [answer](net::http_reply r) {
    answer->set_value(std::move(r));
  });
  if (got.wait_for(bound) != std::future_status::ready) {
    http->shutdown();
    why = "no answer within " + std::to_string(bound.count()) + " ms";
    return std::nullopt;
  }
  auto r = got.get();
  http->shutdown();
  if (!r.ok()) {
    why = r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error;
    return std::nullopt;
  }
  return std::move(r.body);
}

std::optional<std::string>
post_info_retrying(net::runtime& rt,
                   std::shared_ptr<boost::asio::ssl::context> tls,
                   const std::string& info_url, const std::string& body,
                   std::chrono::milliseconds bound, std::string& why) {
  auto deadline = std::chrono::steady_clock::now() + bound;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    if (auto answer = post_info(rt, tls, info_url, body, left, why))
      return answer;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

} // namespace hlc
