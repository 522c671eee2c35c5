#include "apps/hlcopy/live_pipeline.hpp"

#include "actors/gateway/account_stream.hpp"
#include "actors/gateway/binance_gateway.hpp"
#include "messages/type_ids.hpp"

#include <caf/all.hpp>

namespace hlc {

supervisor_config
make_live_pipeline(std::shared_ptr<pipeline_context> ctx,
                   std::shared_ptr<binance::rest_gateway> rest,
                   std::string epoch, net::runtime& rt,
                   std::shared_ptr<boost::asio::ssl::context> tls) {
  supervisor_config sc;
  add_support_children(sc, ctx);
  sc.add<binance_gateway_actor>(
      "binance_gateway", shutdown_phase::execution,
      [rest](caf::local_actor* self, const child_handles&) {
        return self->spawn(binance_gateway, rest);
      });
  executor_options opts;
  opts.client_id_prefix = ctx->cfg.execution.client_id_prefix;
  opts.epoch = std::move(epoch);
  // EXE-5: an unanswered order is queried only after its request can no
  // longer be accepted (timestamp + recvWindow), plus a margin.
  opts.recv_window_ms = ctx->cfg.binance.recv_window_ms;
  opts.query_margin_ms = 1000;
  apply_pricing(opts, ctx->cfg.execution); // EXE-7
  add_decision_children(sc, ctx, opts, [](const child_handles& peers) {
    return caf::actor_cast<gateway_actor>(peers.get<binance_gateway_actor>());
  });
  sc.add<account_stream_actor>(
      "account_stream", shutdown_phase::support,
      [ctx, &rt, tls](caf::local_actor* self, const child_handles& peers) {
        binance::user_stream_settings us;
        us.rest_url = ctx->cfg.binance.rest_url;
        us.ws_url = ctx->cfg.binance.ws_url;
        us.api_key = ctx->cfg.keys.binance_api_key;
        us.request_timeout_ms = ctx->cfg.binance.request_timeout_ms;
        return spawn_account_stream(self->system(), rt, tls, us,
                                    peers.get<router_actor>(),
                                    peers.get<notifier_actor>(), *ctx->clock);
      });
  return sc;
}

} // namespace hlc
