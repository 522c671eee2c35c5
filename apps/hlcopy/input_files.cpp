#include "apps/hlcopy/input_files.hpp"

#include "json_input/bounded_parse.hpp"

namespace hlc {

std::string read_json_input(const std::string& option, const std::string& path,
                            const json_input::input_limits& limits) {
  std::string text;
  try {
    text = json_input::read_file(path, limits);
  } catch (const json_input::read_failure& e) {
    throw input_file_error("--" + option + " " + path + ": " + e.reason);
  }
  // A validating scan without a document: cheap next to the readers' own
  // parse, and it keeps deep input away from every recursive reader.
  if (auto err = json_input::check(text, limits))
    throw input_file_error("--" + option + " " + path + ": " + err->message);
  return text;
}

} // namespace hlc
