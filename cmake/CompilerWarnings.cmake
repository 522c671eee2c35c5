# One INTERFACE target carrying the project's warning set; every target links it PRIVATE.
add_library(hlc_warnings INTERFACE)
target_compile_options(hlc_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wpedantic -Wnull-dereference -Wformat=2
  -Wimplicit-fallthrough -Wmisleading-indentation -Wduplicated-cond
  -Wlogical-op -Wsuggest-override
  $<$<BOOL:${HLC_WERROR}>:-Werror>)
