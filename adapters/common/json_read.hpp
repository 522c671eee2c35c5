#pragma once

// Internal helpers shared by the venue parsers; not part of the API.

#include "json_input/limits.hpp"
#include "messages/decimal.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hlc::adapters::detail {

/// Thrown inside a parser and turned into a `parse_error` at its boundary.
struct field_failure {
  std::string field;
  std::string message;
};

/// Compact JSON text of a value (quarantine records keep it verbatim).
std::string to_json(const rapidjson::Value& x);

/// The first `n` characters of a frame, for error records.
std::string excerpt(std::string_view text, size_t n = 200);

/// "fills[3]" + "px" -> "fills[3].px"; an empty path yields the name alone.
std::string join(std::string_view path, std::string_view name);

/// "fills" + 3 -> "fills[3]".
std::string index(std::string_view path, size_t i);

/// Parses `text` into `doc` iteratively within `limits` (size, nesting
/// depth; ADR 0016); throws `field_failure{what, ...}` naming the error
/// offset or the broken limit.
void parse_document(rapidjson::Document& doc, std::string_view text,
                    std::string_view what,
                    const json_input::input_limits& limits);

/// Lower-cases ASCII letters (addresses are compared in lower case).
std::string to_lower(std::string_view text);

/// Reads a JSON value as a decimal; wire decimals are always strings, a JSON
/// number is rejected because it may already have passed through a double.
decimal read_decimal(const rapidjson::Value& x, const std::string& path);

/// Reads an unsigned 64-bit id: a JSON integer, or a string of digits (some
/// recorders stringify ids; the conversion is exact either way).
uint64_t read_u64(const rapidjson::Value& x, const std::string& path);

/// Reads a signed 64-bit integer (times), same rules as `read_u64`.
int64_t read_i64(const rapidjson::Value& x, const std::string& path);

/// Typed access to the members of one JSON object. Every failure throws a
/// `field_failure` naming `<path>.<member>`.
class object_reader {
public:
  /// Throws when `obj` is not an object.
  object_reader(const rapidjson::Value& obj, std::string path);

  const std::string& path() const noexcept { return path_; }

  const rapidjson::Value& value() const noexcept { return obj_; }

  std::string path_of(std::string_view name) const { return join(path_, name); }

  /// The member, or null when absent. JSON `null` counts as absent.
  const rapidjson::Value* find(const char* name) const;

  /// The member; throws "missing" when absent or null.
  const rapidjson::Value& get(const char* name) const;

  std::string str(const char* name) const;
  std::optional<std::string> opt_str(const char* name) const;
  decimal dec(const char* name) const;
  std::optional<decimal> opt_dec(const char* name) const;
  uint64_t u64(const char* name) const;
  std::optional<uint64_t> opt_u64(const char* name) const;
  int64_t i64(const char* name) const;
  std::optional<int64_t> opt_i64(const char* name) const;
  bool boolean(const char* name) const;
  std::optional<bool> opt_bool(const char* name) const;
  const rapidjson::Value& object(const char* name) const;
  const rapidjson::Value& array(const char* name) const;

  [[noreturn]] void fail(std::string_view name, std::string message) const;

private:
  const rapidjson::Value& obj_;
  std::string path_;
};

/// Short rendering of a JSON value for messages: `"abc"`, `142.7`, `object`.
std::string describe(const rapidjson::Value& x);

} // namespace hlc::adapters::detail
