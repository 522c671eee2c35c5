#pragma once

// The ONE type-id block of hlcopy. Every type that travels in a message is
// listed here; with CAF_ENABLE_TYPE_ID_CHECKS a send of an unlisted type
// fails to compile. Register with
// cfg.add_message_types<caf::id_block::hlcopy>().

#include "messages/inspect.hpp"
#include "messages/interfaces.hpp"

#include <caf/type_id.hpp>

#include <vector>

#define HLC_ADD_TYPE_ID(type) CAF_ADD_TYPE_ID(hlcopy, type)

CAF_BEGIN_TYPE_ID_BLOCK(hlcopy, caf::first_custom_type_id)

  // -- domain types ---------------------------------------------------------
  HLC_ADD_TYPE_ID((hlc::decimal))
  HLC_ADD_TYPE_ID((hlc::fill_key))
  HLC_ADD_TYPE_ID((hlc::leader_fill))
  HLC_ADD_TYPE_ID((hlc::symbol_filters))
  HLC_ADD_TYPE_ID((hlc::mark_price))
  HLC_ADD_TYPE_ID((hlc::coin_mid))
  HLC_ADD_TYPE_ID((hlc::book_top))
  HLC_ADD_TYPE_ID((hlc::symbol_target))
  HLC_ADD_TYPE_ID((hlc::order_intent))
  HLC_ADD_TYPE_ID((hlc::order_update))
  HLC_ADD_TYPE_ID((hlc::order_record))
  HLC_ADD_TYPE_ID((hlc::skip_record))
  HLC_ADD_TYPE_ID((hlc::state_change))
  HLC_ADD_TYPE_ID((hlc::state_reason))
  HLC_ADD_TYPE_ID((hlc::trading_state))
  HLC_ADD_TYPE_ID((hlc::leader_coin_state))
  HLC_ADD_TYPE_ID((hlc::paper_order))
  HLC_ADD_TYPE_ID((hlc::paper_position))
  HLC_ADD_TYPE_ID((hlc::alert))
  HLC_ADD_TYPE_ID((hlc::db_write))
  HLC_ADD_TYPE_ID((hlc::ingest_result))
  HLC_ADD_TYPE_ID((hlc::executor_report))
  HLC_ADD_TYPE_ID((hlc::quarantine_record))

  // -- containers -------------------------------------------------------------
  HLC_ADD_TYPE_ID((std::vector<hlc::leader_fill>))
  HLC_ADD_TYPE_ID((std::vector<hlc::symbol_target>))
  HLC_ADD_TYPE_ID((std::vector<hlc::symbol_filters>))
  HLC_ADD_TYPE_ID((std::vector<hlc::coin_mid>))
  HLC_ADD_TYPE_ID((std::vector<hlc::fill_key>))
  HLC_ADD_TYPE_ID((std::vector<hlc::leader_coin_state>))
  HLC_ADD_TYPE_ID((std::vector<hlc::order_record>))
  HLC_ADD_TYPE_ID((std::vector<hlc::order_update>))
  HLC_ADD_TYPE_ID((std::vector<hlc::paper_order>))
  HLC_ADD_TYPE_ID((std::vector<hlc::paper_position>))
  HLC_ADD_TYPE_ID((std::vector<hlc::executor_report>))

  // -- actor handles
  // ------------------------------------------------------------
  HLC_ADD_TYPE_ID((hlc::notifier_actor))
  HLC_ADD_TYPE_ID((hlc::writer_actor))
  HLC_ADD_TYPE_ID((hlc::order_event_sink))
  HLC_ADD_TYPE_ID((hlc::gateway_actor))
  HLC_ADD_TYPE_ID((hlc::paper_gateway_actor))
  HLC_ADD_TYPE_ID((hlc::executor_actor))
  HLC_ADD_TYPE_ID((hlc::router_actor))
  HLC_ADD_TYPE_ID((hlc::strategy_actor))
  HLC_ADD_TYPE_ID((hlc::dedup_gate_actor))
  HLC_ADD_TYPE_ID((hlc::supervisor_actor))
  HLC_ADD_TYPE_ID((hlc::market_feed_actor))
  HLC_ADD_TYPE_ID((hlc::binance_gateway_actor))
  HLC_ADD_TYPE_ID((hlc::hl_backfill_actor))
  HLC_ADD_TYPE_ID((hlc::hl_stream_actor))

CAF_END_TYPE_ID_BLOCK(hlcopy)

#undef HLC_ADD_TYPE_ID
