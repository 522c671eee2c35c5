# Included from actors/CMakeLists.txt: the CAF actor shells.
add_library(hlc_actors STATIC
  dedup/dedup_gate.cpp
  executor/symbol_executor.cpp
  market/market_feed.cpp
  notifier/alert_gate.cpp
  notifier/notifier.cpp
  paper/paper_exchange.cpp
  router/router.cpp
  strategy/strategy.cpp
  supervisor/restart_policy.cpp
  supervisor/supervisor.cpp
  writer/flush_plan.cpp
  writer/writer.cpp)
target_link_libraries(hlc_actors
  PUBLIC hlc_logic hlc_config hlc_persistence hlc_support CAF::core
  PRIVATE hlc_warnings)
# CAF's umbrella header costs ~3 s to parse per unit; parse it once.
target_precompile_headers(hlc_actors PRIVATE <caf/all.hpp>)

# The live venue's actor shells: they hold adapters that run on the net
# runtime (Asio), so they live apart from the replay's actors.
add_library(hlc_live_actors STATIC
  gateway/account_stream.cpp
  gateway/binance_gateway.cpp)
target_link_libraries(hlc_live_actors
  PUBLIC hlc_actors hlc_binance_live
  PRIVATE hlc_warnings)
target_precompile_headers(hlc_live_actors REUSE_FROM hlc_actors)
# The ingest actors (issue 7): thin shells around the live Hyperliquid
# adapters. Separate so that replay-only users need no Boost/OpenSSL/net.
add_library(hlc_ingest_actors STATIC
  ingest/ingest_context.cpp
  ingest/hl_backfill_actor.cpp
  ingest/hl_stream_actor.cpp
  ingest/ingest_children.cpp)
target_link_libraries(hlc_ingest_actors
  PUBLIC hlc_actors hlc_hl_live CAF::core
  PRIVATE hlc_warnings)
target_precompile_headers(hlc_ingest_actors REUSE_FROM hlc_actors)
