#pragma once

// One blocking request/answer for `hlcopy run`'s startup steps, before any
// actor runs: a POST to Hyperliquid's /info on the network runtime, waited
// for with a bound.

#include "adapters/net/runtime.hpp"

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace hlc {

/// The body of a 200 answer to `body` POSTed to `info_url`, or nothing with
/// `why` (no answer within `bound`, a transport error, another status).
std::optional<std::string>
post_info(net::runtime& rt, std::shared_ptr<boost::asio::ssl::context> tls,
          const std::string& info_url, const std::string& body,
          std::chrono::milliseconds bound, std::string& why);

/// `post_info`, asked again every 250 ms until it answers or `bound`
/// passed (a restart inside Hyperliquid's rate-limit window waits).
std::optional<std::string>
post_info_retrying(net::runtime& rt,
                   std::shared_ptr<boost::asio::ssl::context> tls,
                   const std::string& info_url, const std::string& body,
                   std::chrono::milliseconds bound, std::string& why);

} // namespace hlc
