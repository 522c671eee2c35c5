# Turns INPUT into a C++ source (OUTPUT) defining
#   std::string_view hlc::embedded::FUNCTION() noexcept
# Run as `cmake -DINPUT=... -DOUTPUT=... -DFUNCTION=... -P embed_file.cmake`.
# Bytes are written as a hex array: no escaping, no overlong string literal.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}"
"// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n"
"#include <string_view>\n\n"
"namespace hlc::embedded {\n\nnamespace {\n\n"
"constexpr unsigned char ${FUNCTION}_bytes[] = {${bytes}0x00};\n\n"
"} // namespace\n\n"
"std::string_view ${FUNCTION}() noexcept {\n"
"  return {reinterpret_cast<const char*>(${FUNCTION}_bytes),\n          sizeof(${FUNCTION}_bytes) - 1};\n"
"}\n\n} // namespace hlc::embedded\n")
