#pragma once

#include <ostream>

namespace hlc {

/// `hlcopy why <leader fill key | client order id | symbol> [--db F |
/// --config F]` (SPEC OPS-7, STR-9): what hlcopy decided about that fill,
/// order or symbol and why, from the skip ledger, the strategy rows and the
/// order rows (database opened read-only). Exit 0 when the subject was
/// found, 3 when nothing is recorded about it, 2 on usage errors, 1 when the
/// DB cannot be read.
int why_main(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace hlc
