#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hlc {

/// Deterministic client order id (SPEC EXE-4): `prefix-epoch-SYMBOL-seq`,
/// seq in base 36. `prefix` separates instances on one account; `epoch`
/// separates databases of one instance (a fresh DB must never reuse an id an
/// older order still answers to). When the result would exceed 36 chars the
/// symbol is replaced by a 6-char hash. Always matches
/// `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
std::string make_client_order_id(std::string_view prefix,
                                 std::string_view epoch,
                                 std::string_view symbol, uint64_t seq);

/// Base-36 text of `x` (lower-case), used for seq and epochs.
std::string to_base36(uint64_t x);

} // namespace hlc
