#pragma once

// Atoms of the hlcopy protocol (CAF 0.17: at most 10 characters each).
// Call sites read `atom::submit_v`. CAF's own get_atom/tick_atom are reused.

#include <caf/atom.hpp>
#include <caf/type_id.hpp>

#define HLC_ADD_ATOM(name, text) CAF_ADD_ATOM(hlcopy, hlc::atom, name, text)

HLC_ADD_ATOM(cancel, "cancel")
HLC_ADD_ATOM(dedup, "dedup")
HLC_ADD_ATOM(escalate, "escalate")
HLC_ADD_ATOM(flush, "flush")
HLC_ADD_ATOM(load, "load")
HLC_ADD_ATOM(orders, "orders")
HLC_ADD_ATOM(paper, "paper")
HLC_ADD_ATOM(persist, "persist")
HLC_ADD_ATOM(position, "position")
HLC_ADD_ATOM(positions, "positions")
HLC_ADD_ATOM(query, "query")
HLC_ADD_ATOM(report, "report")
HLC_ADD_ATOM(resolve, "resolve")
HLC_ADD_ATOM(restart, "restart")
HLC_ADD_ATOM(restore, "restore")
HLC_ADD_ATOM(shutdown, "shutdown")
HLC_ADD_ATOM(state, "state")
HLC_ADD_ATOM(strategy, "strategy")
HLC_ADD_ATOM(submit, "submit")
HLC_ADD_ATOM(wiring, "wiring")
HLC_ADD_ATOM(crash, "crash")
HLC_ADD_ATOM(settle, "settle")
HLC_ADD_ATOM(deadline, "deadline")
HLC_ADD_ATOM(resend, "resend")
HLC_ADD_ATOM(sync, "sync")
HLC_ADD_ATOM(answer, "answer")
HLC_ADD_ATOM(failed, "failed")
HLC_ADD_ATOM(backfill, "backfill")
HLC_ADD_ATOM(poll, "poll")
HLC_ADD_ATOM(processed, "processed")
HLC_ADD_ATOM(resync, "resync")
HLC_ADD_ATOM(tif, "tif")

#undef HLC_ADD_ATOM
