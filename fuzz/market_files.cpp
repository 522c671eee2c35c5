// The replay's market files (apps/hlcopy/market_data, input_files without
// the file system): the validating scan each file gets, then the exchangeInfo
// and premiumIndex readers. Input: "<exchangeInfo>\0<marks>", or one text used
// as both.

#include "apps/hlcopy/market_data.hpp"
#include "fuzz/fuzz_input.hpp"
#include "json_input/bounded_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto text = hlc::fuzz::text_of(data, size);
  auto cut = text.find('\0');
  auto info = text.substr(0, cut);
  auto marks = cut == std::string_view::npos ? text : text.substr(cut + 1);
  namespace limits = hlc::json_input::limits;
  if (hlc::json_input::check(info, limits::exchange_info)
      || hlc::json_input::check(marks, limits::marks))
    return 0; // the command stops here with exit 2
  auto market = hlc::load_market(info, marks);
  (void)market;
  return 0;
}
