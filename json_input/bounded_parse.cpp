#include "json_input/bounded_parse.hpp"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace hlc::json_input {

namespace {

using rapidjson::SizeType;

/// Forwards SAX events to `Inner` and stops the parse when containers nest
/// deeper than the limit.
template <class Inner>
class depth_guard {
public:
  depth_guard(Inner& inner, unsigned max_depth)
      : inner_(inner), max_depth_(max_depth) {}

  bool exceeded() const noexcept { return exceeded_; }

  bool Null() { return inner_.Null(); }
  bool Bool(bool b) { return inner_.Bool(b); }
  bool Int(int i) { return inner_.Int(i); }
  bool Uint(unsigned u) { return inner_.Uint(u); }
  bool Int64(int64_t i) { return inner_.Int64(i); }
  bool Uint64(uint64_t u) { return inner_.Uint64(u); }
  bool Double(double d) { return inner_.Double(d); }
  bool RawNumber(const char* s, SizeType n, bool copy) {
    return inner_.RawNumber(s, n, copy);
  }
  bool String(const char* s, SizeType n, bool copy) {
    return inner_.String(s, n, copy);
  }
  bool Key(const char* s, SizeType n, bool copy) {
    return inner_.Key(s, n, copy);
  }
  bool StartObject() { return enter() && inner_.StartObject(); }
  bool EndObject(SizeType members) {
    --depth_;
    return inner_.EndObject(members);
  }
  bool StartArray() { return enter() && inner_.StartArray(); }
  bool EndArray(SizeType elements) {
    --depth_;
    return inner_.EndArray(elements);
  }

private:
  bool enter() {
    if (++depth_ <= max_depth_) return true;
    exceeded_ = true;
    return false;
  }

  Inner& inner_;
  unsigned max_depth_;
  unsigned depth_ = 0;
  bool exceeded_ = false;
};

constexpr unsigned iterative = rapidjson::kParseIterativeFlag;
constexpr unsigned relaxed
    = rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;

template <unsigned Flags, class Handler>
rapidjson::ParseResult run_reader(std::string_view text, Handler& handler) {
  rapidjson::MemoryStream ms{text.data(), text.size()};
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in{
      ms};
  rapidjson::Reader reader;
  return reader.Parse<Flags | iterative>(in, handler);
}

template <class Handler>
rapidjson::ParseResult run_reader(std::string_view text, Handler& handler,
                                  dialect d) {
  switch (d) {
  case dialect::strict:
    return run_reader<rapidjson::kParseDefaultFlags>(text, handler);
  case dialect::relaxed:
    return run_reader<relaxed>(text, handler);
  case dialect::relaxed_numbers_as_text:
    return run_reader<relaxed | rapidjson::kParseNumbersAsStringsFlag>(text,
                                                                       handler);
  }
  return run_reader<rapidjson::kParseDefaultFlags>(text, handler);
}

std::optional<parse_failure> too_large(size_t size,
                                       const input_limits& limits) {
  if (size <= limits.max_bytes) return std::nullopt;
  return parse_failure{parse_failure::kind::too_large, size,
                       std::to_string(size) + " bytes, more than the "
                           + std::to_string(limits.max_bytes)
                           + "-byte limit for " + limits.input};
}

template <class Inner>
std::optional<parse_failure> failure_of(const rapidjson::ParseResult& r,
                                        const depth_guard<Inner>& guard,
                                        const input_limits& limits) {
  if (!r.IsError()) return std::nullopt;
  if (guard.exceeded())
    return parse_failure{parse_failure::kind::too_deep, r.Offset(),
                         "nesting deeper than "
                             + std::to_string(limits.max_depth)
                             + " levels (the limit for " + limits.input
                             + ") at offset " + std::to_string(r.Offset())};
  return parse_failure{parse_failure::kind::syntax, r.Offset(),
                       "invalid JSON at offset " + std::to_string(r.Offset())
                           + ": " + rapidjson::GetParseError_En(r.Code())};
}

} // namespace

std::optional<parse_failure> parse(rapidjson::Document& doc,
                                   std::string_view text,
                                   const input_limits& limits, dialect d) {
  doc.SetNull();
  if (auto err = too_large(text.size(), limits)) return err;
  std::optional<parse_failure> failure;
  // Populate hands the document to us as a SAX handler and keeps the value
  // only when the generator reports success.
  auto generate = [&](rapidjson::Document& handler) {
    depth_guard<rapidjson::Document> guard{handler, limits.max_depth};
    failure = failure_of(run_reader(text, guard, d), guard, limits);
    return !failure;
  };
  doc.Populate(generate);
  return failure;
}

std::optional<parse_failure> check(std::string_view text,
                                   const input_limits& limits, dialect d) {
  if (auto err = too_large(text.size(), limits)) return err;
  rapidjson::BaseReaderHandler<> sink;
  depth_guard<rapidjson::BaseReaderHandler<>> guard{sink, limits.max_depth};
  return failure_of(run_reader(text, guard, d), guard, limits);
}

read_failure::read_failure(const std::string& path, std::string why)
    : std::runtime_error("cannot read " + path + ": " + why),
      reason(std::move(why)) {}

std::string read_file(const std::string& path, const input_limits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw read_failure(path, "is a directory");
  std::ifstream in{path, std::ios::binary};
  if (!in) throw read_failure(path, std::strerror(errno));
  std::string text;
  char chunk[64 * 1024];
  // Read in chunks so a pipe or a huge file is refused after max_bytes + 1,
  // not after it filled the memory.
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > limits.max_bytes)
      throw read_failure(path, "more than the "
                                   + std::to_string(limits.max_bytes)
                                   + "-byte limit for " + limits.input);
  }
  if (!in.eof()) throw read_failure(path, std::strerror(errno));
  return text;
}

} // namespace hlc::json_input
