#include "actors/market/market_feed.hpp"

#include "tests/actors/caf_fixture.hpp"
#include "tests/actors/fakes.hpp"

#include <catch2/catch.hpp>

using namespace hlc;
using hlc::test::caf_fixture;

namespace {

using strings = std::vector<std::string>;

/// What one peer saw, in its order ("strategy", "router").
strings seen_by(const test::event_log& log, const std::string& peer) {
  strings out;
  for (auto& e : log.market)
    if (e.rfind(peer + ":", 0) == 0) out.push_back(e.substr(peer.size() + 1));
  return out;
}

mark_price mark(const char* symbol, const char* px) {
  return mark_price{symbol, decimal::parse_or_throw(px), 1'000};
}

} // namespace

TEST_CASE_METHOD(caf_fixture, "the MARKET FEED hands rules and marks on",
                 "[actor][market_feed]") {
  auto log = std::make_shared<test::event_log>();
  auto writer = sys.spawn(test::fake_writer, log);
  auto feed = sys.spawn(market_feed, writer);
  auto strat = sys.spawn(test::fake_strategy, log);
  auto route = sys.spawn(test::fake_router, log);
  self->send(feed, strat);
  self->send(feed, route);
  run();
  CHECK(log->market.empty()); // no rules yet: nothing to hand over

  self->send(feed, std::vector<symbol_filters>{test::sui_filters()});
  self->send(feed, mark("SUIUSDT", "3.51"));
  run();
  CHECK(seen_by(*log, "strategy") == strings{"filters:1", "mark:SUIUSDT"});
  CHECK(seen_by(*log, "router") == strings{"filters:1", "mark:SUIUSDT"});

  SECTION("a restarted peer gets the latest rules at once") {
    log->market.clear();
    auto restarted = sys.spawn(test::fake_strategy, log);
    self->send(feed, restarted);
    run();
    CHECK(log->market == strings{"strategy:filters:1"});
  }

  SECTION("unreadable input goes to the WRITER's quarantine") {
    db_write w;
    w.quarantined.push_back(
        quarantine_record{"market stream", "p: not a decimal", "{}", 1'000});
    self->send(feed, w);
    run();
    REQUIRE(log->writes.size() == 1);
    CHECK(log->writes[0].quarantined.at(0).reason == "p: not a decimal");
  }
  for (auto a :
       {caf::actor_cast<caf::actor>(feed), caf::actor_cast<caf::actor>(strat),
        caf::actor_cast<caf::actor>(route),
        caf::actor_cast<caf::actor>(writer)})
    self->send_exit(a, caf::exit_reason::user_shutdown);
  run();
}
