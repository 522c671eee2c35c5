#include "actors/gateway/account_stream.hpp"

#include "adapters/net/url.hpp"
#include "messages/type_ids.hpp"
#include "support/log.hpp"

#include <caf/all.hpp>

namespace hlc {

namespace {

constexpr const char* component = "account_stream";

severity severity_of(binance::order_origin o) {
  // A settlement close is planned by the venue; liquidation and ADL mean
  // the account lost (part of) a position it should have.
  return o == binance::order_origin::settlement ? severity::warn
                                                : severity::critical;
}

alert to_alert(const binance::venue_order_alert& a) {
  alert out;
  out.level = severity_of(a.origin);
  out.key = std::string{binance::to_string(a.origin)} + ":" + a.symbol;
  out.text = std::string{binance::to_string(a.origin)} + " order on " + a.symbol
             + ": " + std::string{to_string(a.side)} + " " + a.qty.to_string()
             + " (" + a.execution_type + ", total " + a.cum_qty.to_string()
             + ", client id " + a.client_id
             + "); executors resync their position";
  out.time_ms = a.event_time_ms;
  return out;
}

} // namespace

account_stream_actor::behavior_type account_stream(
    account_stream_actor::stateful_pointer<account_stream_state> self,
    std::function<std::shared_ptr<binance::user_stream_client>(
        binance::user_stream_events)>
        make_client,
    router_actor router, notifier_actor notifier) {
  auto& st = self->state;
  st.router = std::move(router);
  st.notifier = std::move(notifier);
  st.status = std::make_shared<account_stream_status>();
  caf::weak_actor_ptr weak = self->ctrl();
  auto to_me = [weak](auto... xs) {
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<account_stream_actor>(strong),
                     std::move(xs)...);
  };
  binance::user_stream_events ev;
  ev.order = [to_me](binance::order_event o) {
    if (!o.lite) to_me(std::move(o.update));
  };
  ev.account = [](binance::account_update a) {
    // The reconciler (issue 10) will take positions from here.
    log_info(component, "account_update", {},
             {{"reason", a.reason},
              {"positions", std::to_string(a.positions.size())}});
  };
  ev.alert = [to_me](binance::venue_order_alert a) {
    // TRADE_LITE repeats the ORDER_TRADE_UPDATE of the same trade.
    if (a.execution_type == "TRADE_LITE") return;
    log_warn(component, "venue_order", a.client_id,
             {{"origin", std::string{binance::to_string(a.origin)}},
              {"symbol", a.symbol},
              {"qty", a.qty.to_string()}});
    to_me(to_alert(a));
    to_me(atom::resync_v); // the position changed behind the executors
  };
  ev.resync = [to_me](binance::resync_reason why, const std::string& detail) {
    log_warn(component, "resync", {},
             {{"reason", binance::to_string(why)}, {"detail", detail}});
    to_me(atom::resync_v);
  };
  ev.quarantine = [to_me](quarantine_record q) {
    log_warn(component, "quarantined", {}, {{"reason", q.reason}});
    to_me(alert{severity::warn, "quarantine:" + q.source,
                "unreadable user-stream frame: " + q.reason, q.time_ms});
  };
  ev.status = [status = st.status](const std::string& event,
                                   const std::string& detail) {
    log_info(component, event, {}, {{"detail", detail}});
    std::lock_guard<std::mutex> g{status->m};
    status->last_event = event;
    status->last_detail = detail;
  };
  st.client = make_client(std::move(ev));
  st.client->start();
  return {
      [self](order_update& u) {
        if (!self->state.router) return; // no ROUTER yet: resync covers it
        ++self->state.forwarded;
        self->send(self->state.router, std::move(u));
      },
      [self](atom::resync) {
        if (!self->state.router) return;
        ++self->state.resyncs;
        self->send(self->state.router, atom::resync_v);
      },
      [self](alert& a) {
        ++self->state.alerts;
        if (self->state.notifier)
          self->send(self->state.notifier, std::move(a));
      },
      [self](router_actor& r) {
        self->state.router = std::move(r);
        // Whatever it missed while it was away: reconcile.
        self->send(self->state.router, atom::resync_v);
      },
      [self](notifier_actor& n) { self->state.notifier = std::move(n); },
      [self](caf::get_atom, atom::state) -> std::string {
        auto& s = self->state;
        std::string last;
        {
          std::lock_guard<std::mutex> g{s.status->m};
          last = s.status->last_event;
          if (!s.status->last_detail.empty())
            last += " (" + s.status->last_detail + ")";
        }
        const auto& k = s.client->stats();
        return "account stream: " + last
               + "; connects=" + std::to_string(k.connects.load())
               + " frames=" + std::to_string(k.frames.load())
               + " forwarded=" + std::to_string(s.forwarded)
               + " resyncs=" + std::to_string(s.resyncs)
               + " alerts=" + std::to_string(s.alerts);
      },
  };
}

account_stream_actor
spawn_account_stream(caf::actor_system& sys, net::runtime& rt,
                     std::shared_ptr<boost::asio::ssl::context> tls,
                     binance::user_stream_settings settings,
                     router_actor router, notifier_actor notifier,
                     const wall_clock& clock) {
  // A bad URL fails here, in the caller, not inside the actor.
  net::parse_url_or_throw(settings.rest_url);
  net::parse_url_or_throw(settings.ws_url + "/private/ws");
  auto make = [&rt, tls = std::move(tls), settings = std::move(settings),
               &clock](binance::user_stream_events ev) {
    return binance::user_stream_client::create(rt, tls, settings, clock,
                                               std::move(ev));
  };
  return sys.spawn(account_stream, std::move(make), std::move(router),
                   std::move(notifier));
}

} // namespace hlc
