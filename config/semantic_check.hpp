#pragma once

#include "config/config_error.hpp"
#include "config/settings.hpp"

#include <optional>

namespace hlc {

/// The rules a JSON schema cannot express (ranges of exact decimals, distinct
/// leaders, cross-field orderings, plain-text URLs only for loopback).
/// Applies to settings built in code too, so a test or `hlcopy demo` that
/// assembles settings by hand gets the same guarantees as a config file.
/// Pointers name the JSON path of the offending option.
std::optional<config_error> check_settings(const settings& s);

} // namespace hlc
