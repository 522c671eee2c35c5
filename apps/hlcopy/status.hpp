#pragma once

#include <ostream>

namespace hlc {

/// `hlcopy status [--db F | --config F] [--json]` (SPEC OPS-1, OPS-7,
/// STR-9): trading state and reason, cursors, per-symbol leader / target /
/// follower positions, open orders, skip counts and the last skips per
/// symbol in words, from the database opened read-only (works beside a
/// running service). Exit 0, 2 on usage errors, 1 when the DB cannot be read.
int status_main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace hlc
