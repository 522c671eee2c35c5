#pragma once

// Small RapidJSON helpers shared by the simulators: parse with a clear error,
// serialize a value, read typed members with errors naming the field.

#include "json_input/limits.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hlc::sim {

/// Bad input to a simulator (scenario file, control request, fault rule).
/// The message names the offending field, e.g. `trades[3].px: not a decimal`.
class input_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Parses `text` iteratively within `limits` (ADR 0016); throws
/// input_error("<what>: <parse error> at offset N") or names the limit.
rapidjson::Document parse_json(std::string_view text, std::string_view what,
                               const json_input::input_limits& limits
                               = json_input::limits::sim_file);

/// Compact JSON text of `v`.
std::string to_json(const rapidjson::Value& v);

/// `"text"` as a JSON string literal (quotes and escapes included).
std::string json_quote(std::string_view text);

/// Member accessors; `where` names the object for error messages.
std::string get_string(const rapidjson::Value& obj, const char* key,
                       const std::string& where);
std::optional<std::string> opt_string(const rapidjson::Value& obj,
                                      const char* key,
                                      const std::string& where);
int64_t get_int(const rapidjson::Value& obj, const char* key,
                const std::string& where);
std::optional<int64_t> opt_int(const rapidjson::Value& obj, const char* key,
                               const std::string& where);
std::optional<uint64_t> opt_uint(const rapidjson::Value& obj, const char* key,
                                 const std::string& where);
std::optional<bool> opt_bool(const rapidjson::Value& obj, const char* key,
                             const std::string& where);
std::optional<double> opt_number(const rapidjson::Value& obj, const char* key,
                                 const std::string& where);

/// Reads the whole file (at most `limits::sim_file`); throws input_error
/// naming the path.
std::string read_file(const std::string& path);

} // namespace hlc::sim
