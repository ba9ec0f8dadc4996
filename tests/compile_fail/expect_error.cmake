# Compiles SOURCE (with the -D definitions in DEFINES) and passes only if the compiler rejects it
# with EXPECTED in the first five lines of its messages, where a user reads. clang++ 14 prints no
# strings in template arguments, so archdesc's message reaches it spelled character by character
# ('l', 'a', 'y', ...); those are joined again before the search. LINES=0 searches every line
# (for the compilers' own messages, such as their constexpr limits).
set(flags -std=c++20 -fsyntax-only)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags -I${dir})
endforeach()
foreach(definition IN LISTS DEFINES)
  list(APPEND flags -D${definition})
endforeach()
if(NOT DEFINED LINES)
  set(LINES 5)
endif()
execute_process(COMMAND ${COMPILER} ${flags} ${SOURCE}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(messages "${out}${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but must fail with: ${EXPECTED}")
endif()
set(first "${messages}")
if(LINES GREATER 0)
  string(REPLACE ";" "\\;" escaped "${messages}")
  string(REPLACE "\n" ";" lines "${escaped}")
  list(SUBLIST lines 0 ${LINES} first_lines)
  list(JOIN first_lines "\n" first)
endif()
string(REPLACE "', '" "" joined "${first}")
string(REPLACE "\\\"" "\"" joined "${joined}")  # g++ escapes the quotes of a string argument
string(FIND "${first}" "${EXPECTED}" at)
string(FIND "${joined}" "${EXPECTED}" joined_at)
if(at EQUAL -1 AND joined_at EQUAL -1)
  message(FATAL_ERROR "${SOURCE} failed to compile, but without '${EXPECTED}' in its first ${LINES} lines:\n${messages}")
endif()
