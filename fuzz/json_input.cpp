// The shared bounded parser itself, every dialect, parse and scan agreeing
// (json_input/bounded_parse).

#include "fuzz/fuzz_input.hpp"
#include "json_input/bounded_parse.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hlc::json_input;
  auto text = hlc::fuzz::text_of(data, size);
  constexpr input_limits small{"fuzz input", 4096, 8};
  constexpr dialect dialects[]
      = {dialect::strict, dialect::relaxed, dialect::relaxed_numbers_as_text};
  auto d = dialects[hlc::fuzz::pick(size, 3)];
  rapidjson::Document doc;
  auto parsed = parse(doc, text, small, d);
  auto scanned = check(text, small, d);
  // The scan must judge exactly as the parse does.
  if (parsed.has_value() != scanned.has_value()) std::abort();
  if (parsed && parsed->message != scanned->message) std::abort();
  return 0;
}
