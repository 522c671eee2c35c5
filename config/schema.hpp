#pragma once

#include <string_view>

namespace hlc {

/// The text of config/schema.json, compiled into the binary at build time so
/// the schema that validates a config always matches the binary (OPS-5).
std::string_view config_schema_text() noexcept;

} // namespace hlc
