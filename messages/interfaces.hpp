#pragma once

// Every typed actor handle of hlcopy, in dependency order (VAST style). A
// wrong send fails to compile. Actor names are written in CAPS in prose.

#include "messages/alert.hpp"
#include "messages/atoms.hpp"
#include "messages/fill.hpp"
#include "messages/market.hpp"
#include "messages/order.hpp"
#include "messages/order_record.hpp"
#include "messages/paper.hpp"
#include "messages/persist.hpp"
#include "messages/reports.hpp"
#include "messages/skip.hpp"
#include "messages/strategy_state.hpp"
#include "messages/target.hpp"

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <string>
#include <vector>

namespace hlc {

/// The NOTIFIER: tells operators what happened (stdout; Telegram later).
using notifier_actor = caf::typed_actor<
    // Delivers one alert, subject to dedup window and rate limit.
    caf::reacts_to<alert>>;

/// The WRITER: sole owner of the DB connection; runs detached (blocking I/O).
using writer_actor = caf::typed_actor<
    // Queues a group of writes; groups become durable in arrival order.
    caf::reacts_to<db_write>,
    // Write-ahead (EXE-4): makes this order row and everything queued before it
    // durable, then replies; the order is sent only after the reply.
    caf::replies_to<atom::persist, order_record>::with<bool>,
    // Makes everything queued durable, then replies.
    caf::replies_to<atom::flush>::with<bool>,
    // Loads processed fill keys newer than the given time (dedup warm-up).
    caf::replies_to<atom::load, atom::dedup,
                    int64_t>::with<std::vector<fill_key>>,
    // Loads the strategy's per (leader, coin) rows.
    caf::replies_to<atom::load,
                    atom::strategy>::with<std::vector<leader_coin_state>>,
    // Loads one symbol's non-terminal orders and its next order sequence.
    caf::replies_to<atom::load, atom::orders,
                    std::string>::with<std::vector<order_record>, uint64_t>,
    // Loads the paper exchange's orders, positions and next order id.
    caf::replies_to<atom::load, atom::paper>::with<
        std::vector<paper_order>, std::vector<paper_position>, uint64_t>,
    // Periodic flush timer (internal).
    caf::reacts_to<caf::tick_atom>>;

/// Anything that consumes venue order events.
using order_event_sink = caf::typed_actor<
    // One event about one order (REST reply, user stream, paper exchange).
    caf::reacts_to<order_update>>;

/// The venue contract (EXE-11, ADR 0025): what an EXECUTOR needs from a
/// venue, the same for the paper exchange and the Binance gateway. Answers
/// are `order_update`s whose kind is one of the contract's outcomes:
/// accepted / trade / canceled / expired, rejected (final, with the venue's
/// code), not_placed (retry the same id later), outcome_unknown (query, never
/// resend), not_found (-2013), cancel_rejected.
using gateway_actor = caf::typed_actor<
    // Places an order; replies with what the venue answered, in order.
    caf::replies_to<atom::submit,
                    order_intent>::with<std::vector<order_update>>,
    // Looks an order up by (symbol, client id); kind not_found on -2013.
    caf::replies_to<atom::query, std::string, std::string>::with<order_update>,
    // Cancels an order by (symbol, client id); cancel_rejected on -2011.
    caf::replies_to<atom::cancel, std::string, std::string>::with<order_update>,
    // The venue's position for one symbol.
    caf::replies_to<caf::get_atom, atom::position, std::string>::with<decimal>,
    // Every venue position.
    caf::replies_to<caf::get_atom,
                    atom::positions>::with<std::vector<paper_position>>,
    // Where asynchronous order events go.
    caf::reacts_to<order_event_sink>>;

/// The paper exchange: the venue contract plus what only a simulated venue
/// is told (its trading rules, the marks it fills at, its WRITER).
using paper_gateway_actor = gateway_actor::extend<
    // Trading rules for symbols.
    caf::reacts_to<std::vector<symbol_filters>>,
    // A new mark price.
    caf::reacts_to<mark_price>,
    // The (re)started WRITER.
    caf::reacts_to<writer_actor>,
    // Timer: deliver an answer held back by `paper.latency_ms` (internal).
    caf::reacts_to<atom::answer, uint64_t>>;

/// The Binance GATEWAY: the venue contract over the signed REST gateway
/// (adapters/binance/rest_gateway). Answers come back from the network
/// thread as messages to itself, keyed by request id, and are delivered to
/// the waiting requests here (a response promise is delivered only by its
/// actor).
using binance_gateway_actor = gateway_actor::extend<
    caf::reacts_to<atom::answer, uint64_t, std::vector<order_update>>,
    caf::reacts_to<atom::answer, uint64_t, order_update>,
    caf::reacts_to<atom::answer, uint64_t, std::vector<paper_position>>,
    caf::reacts_to<atom::failed, uint64_t, std::string>>;

/// A SYMBOL EXECUTOR: owns one symbol's orders and order FSMs (EXE-3).
using executor_actor = caf::typed_actor<
    // Trades toward the target; replies true once no order is working.
    caf::replies_to<symbol_target>::with<bool>,
    // An event about one of this symbol's orders.
    caf::reacts_to<order_update>,
    // A new mark price for this symbol.
    caf::reacts_to<mark_price>,
    // The symbol's best bid and ask (the MARKET slippage check, EXE-3).
    caf::reacts_to<book_top>,
    // The venue's view may have moved without us (user stream reconnected
    // or silent, a liquidation): query every working order, then re-read
    // the venue position before trading on (EXE-9).
    caf::reacts_to<atom::resync>,
    // Timer: a LIMIT order's time in force elapsed (EXE-7).
    caf::reacts_to<atom::tif, std::string>,
    // The trading state changed.
    caf::reacts_to<state_change>,
    // Timer: query an unresolved order (EXE-5).
    caf::reacts_to<atom::resolve, std::string>,
    // Timer: resend an order the venue did not place (same id, EXE-5).
    caf::reacts_to<atom::resend, std::string>,
    // Timer: read the venue position again after a failed read.
    caf::reacts_to<atom::sync>,
    // Position, target and working orders.
    caf::replies_to<caf::get_atom, atom::report>::with<executor_report>,
    // Replies true once no order is working (shutdown, MODE-5).
    caf::replies_to<atom::settle>::with<bool>,
    // The (re)started GATEWAY, WRITER and NOTIFIER.
    caf::reacts_to<gateway_actor>, caf::reacts_to<writer_actor>,
    caf::reacts_to<notifier_actor>>;

/// The ROUTER: spawns one EXECUTOR per symbol lazily and routes to it.
using router_actor = order_event_sink::extend<
    // Routes targets; replies with their count once every EXECUTOR settled.
    caf::replies_to<std::vector<symbol_target>>::with<uint64_t>,
    // Trading rules, kept for executors spawned later.
    caf::reacts_to<std::vector<symbol_filters>>,
    // Routes a mark price.
    caf::reacts_to<mark_price>,
    // Routes a symbol's best bid and ask.
    caf::reacts_to<book_top>,
    // Broadcasts a resync to every EXECUTOR (EXE-9).
    caf::reacts_to<atom::resync>,
    // Broadcasts a trading state change to every EXECUTOR.
    caf::reacts_to<state_change>,
    // Every EXECUTOR's report.
    caf::replies_to<caf::get_atom,
                    atom::report>::with<std::vector<executor_report>>,
    // Replies true once every EXECUTOR settled (shutdown, MODE-5).
    caf::replies_to<atom::settle>::with<bool>,
    // Timer: respawn the EXECUTOR of a symbol after its backoff.
    caf::reacts_to<atom::restart, std::string>,
    // The restarted NOTIFIER.
    caf::reacts_to<notifier_actor>,
    // The (re)started GATEWAY and WRITER.
    caf::reacts_to<gateway_actor>, caf::reacts_to<writer_actor>>;

/// The STRATEGY: leader fills in, per-symbol targets out (STR-*).
using strategy_actor = caf::typed_actor<
    // Decides on deduplicated fills; replies with the number of targets once
    // the ROUTER settled them.
    caf::replies_to<std::vector<leader_fill>>::with<uint64_t>,
    // Restart recovery: re-emits every target; replies with their count once
    // the ROUTER settled them. Sent by the driver once the market is known.
    caf::replies_to<atom::restore>::with<uint64_t>,
    // Trading rules (symbol verification).
    caf::reacts_to<std::vector<symbol_filters>>,
    // A new mark price.
    caf::reacts_to<mark_price>,
    // Hyperliquid mids at start: price sanity of the symbol map (STR-1).
    caf::reacts_to<std::vector<coin_mid>>,
    // The trading state changed.
    caf::reacts_to<state_change>,
    // The (re)started ROUTER and WRITER.
    caf::reacts_to<router_actor>, caf::reacts_to<writer_actor>>;

/// The DEDUP GATE: drops fills already seen (ING-6).
using dedup_gate_actor = caf::typed_actor<
    // Filters a batch; replies once the fresh fills went through the STRATEGY.
    caf::replies_to<std::vector<leader_fill>>::with<ingest_result>,
    // The (re)started STRATEGY and WRITER.
    caf::reacts_to<strategy_actor>, caf::reacts_to<writer_actor>>;

/// The MARKET FEED: Binance trading rules and mark prices (dry-run, live),
/// sent here by its adapter on the network thread and handed on.
using market_feed_actor = caf::typed_actor<
    // exchangeInfo's rules, at start and on every refresh.
    caf::reacts_to<std::vector<symbol_filters>>,
    // One mark price (stream or REST fallback).
    caf::reacts_to<mark_price>,
    // Input that could not be read, to quarantine.
    caf::reacts_to<db_write>,
    // The (re)started peers it feeds, and the WRITER.
    caf::reacts_to<strategy_actor>, caf::reacts_to<router_actor>,
    caf::reacts_to<paper_gateway_actor>, caf::reacts_to<writer_actor>>;
/// HL_BACKFILL: `userFillsByTime` backfill and polling (ING-4, ING-5, ING-7)
/// around `hyperliquid::hl_backfill`, whose results enter with anon_send.
using hl_backfill_actor = caf::typed_actor<
    // Backfills every leader from its cursor (after a (re)connect or a lost
    // frame); the gap policy runs first.
    caf::reacts_to<atom::backfill>,
    // Polls while the stream is stale (true) or stops (false).
    caf::reacts_to<atom::poll, bool>,
    // Fills of `leader` up to this time were durably processed: the cursor.
    caf::reacts_to<atom::processed, std::string, int64_t>,
    // A batch of `leader` from this time on failed downstream: rewind the
    // cursor to it (never forward) and backfill.
    caf::reacts_to<atom::backfill, std::string, int64_t>,
    // From the adapter: one page's fills; forwarded to the DEDUP GATE.
    caf::reacts_to<std::vector<leader_fill>>,
    // From the adapter: a malformed fill or body (ING-8).
    caf::reacts_to<quarantine_record>,
    // From the adapter: the gap of a leader cannot be covered (ING-7).
    caf::reacts_to<atom::escalate, std::string, std::string>,
    // The (re)started DEDUP GATE, WRITER and NOTIFIER.
    caf::reacts_to<dedup_gate_actor>, caf::reacts_to<writer_actor>,
    caf::reacts_to<notifier_actor>>;

/// HL_STREAM: the Hyperliquid WebSocket session (ING-1..ING-4) around
/// `hyperliquid::hl_stream`, whose results enter with anon_send.
using hl_stream_actor = caf::typed_actor<
    // From the adapter: a userFills frame's fills (snapshot or live).
    caf::reacts_to<std::vector<leader_fill>>,
    // From the adapter: a malformed frame or fill (ING-8).
    caf::reacts_to<quarantine_record>,
    // From the adapter: subscribed again or a frame lost: backfill.
    caf::reacts_to<atom::backfill>,
    // From the adapter: stale (true) or recovered (false).
    caf::reacts_to<atom::poll, bool>,
    // The (re)started DEDUP GATE, WRITER, NOTIFIER and HL_BACKFILL.
    caf::reacts_to<dedup_gate_actor>, caf::reacts_to<writer_actor>,
    caf::reacts_to<notifier_actor>, caf::reacts_to<hl_backfill_actor>>;

/// ACCOUNT STREAM: the Binance user-data stream (EXE-9) around
/// `binance::user_stream_client`, whose results enter with anon_send.
using account_stream_actor = caf::typed_actor<
    // From the adapter: an event about one of our orders; to the ROUTER.
    caf::reacts_to<order_update>,
    // From the adapter: reconcile with REST; to the ROUTER (every EXECUTOR).
    caf::reacts_to<atom::resync>,
    // From the adapter: liquidation/ADL, a quarantined frame; to the
    // NOTIFIER.
    caf::reacts_to<alert>,
    // The (re)started ROUTER and NOTIFIER.
    caf::reacts_to<router_actor>, caf::reacts_to<notifier_actor>,
    // One status line: connection, key (last 4 chars), counters.
    caf::replies_to<caf::get_atom, atom::state>::with<std::string>>;

/// The SUPERVISOR: spawns and monitors everything above, restarts with
/// backoff, escalates to HALTED, owns the trading state (SAF-1, MODE-4).
using supervisor_actor = caf::typed_actor<
    // A child reports a condition that must halt trading.
    caf::reacts_to<atom::escalate, state_reason, std::string>,
    // An operator or safety rule changes the trading state.
    caf::reacts_to<state_change>,
    // The current trading state.
    caf::replies_to<caf::get_atom, atom::state>::with<state_change>,
    // The current children, for drivers (replay) and status.
    caf::replies_to<caf::get_atom, atom::wiring>::with<
        dedup_gate_actor, strategy_actor, router_actor, paper_gateway_actor,
        writer_actor>,
    // Ordered shutdown (MODE-5): stops the children phase by phase (intake,
    // decision, execution after it settled, support, the WRITER last), then
    // replies true (false when a phase had to be cut at its bound).
    caf::replies_to<atom::shutdown>::with<bool>,
    // Timer: the shutdown phase with this sequence number ran out of time.
    caf::reacts_to<atom::deadline, uint32_t>,
    // Timer: restart child kind after backoff, if the generation still matches.
    caf::reacts_to<atom::restart, uint32_t, uint64_t>>;

} // namespace hlc
