#pragma once

// Helpers for the adapter tests: read fixtures, cut members out of capture
// files (re-serialized compactly, ids stay exact integers).

#include <rapidjson/document.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace hlc::test {

/// The text of `tests/fixtures/<relative>`; fails the test when unreadable.
std::string read_fixture(const std::string& relative);

/// Absolute path of `tests/fixtures/<relative>`.
std::string fixture_path(const std::string& relative);

/// Compact JSON text of a value.
std::string to_json(const rapidjson::Value& x);

/// The JSON text of the member reached by `keys` (object keys, or array
/// indexes written as decimal strings) inside fixture `relative`.
std::string fixture_member(const std::string& relative,
                           std::initializer_list<std::string_view> keys);

/// Parses text into a document (test helper, REQUIREs validity).
void parse_into(rapidjson::Document& doc, const std::string& text);

/// The first member of an object whose name starts with `prefix` (capture
/// files use long descriptive keys).
const rapidjson::Value& member_starting_with(const rapidjson::Value& obj,
                                             std::string_view prefix);

} // namespace hlc::test
