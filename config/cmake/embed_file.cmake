# Turns INPUT into a C++ source defining hlc::config_schema_text() (OUTPUT).
# Run as `cmake -DINPUT=... -DOUTPUT=... -P embed_file.cmake`; the bytes are
# written as a hex array, so no character in the schema needs escaping.
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}"
"// Generated from config/schema.json by config/cmake/embed_file.cmake.\n"
"// Do not edit; rebuilt whenever the schema changes.\n"
"#include \"config/schema.hpp\"\n\n"
"namespace hlc {\n\nnamespace {\n\n"
"constexpr char schema_bytes[] = {\n  ${bytes}0x00};\n\n"
"} // namespace\n\n"
"std::string_view config_schema_text() noexcept {\n"
"  return {schema_bytes, sizeof(schema_bytes) - 1};\n"
"}\n\n} // namespace hlc\n")
