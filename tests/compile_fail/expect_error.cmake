# Compiles SOURCE and passes only if the compiler rejects it with EXPECTED in its messages.
# clang++ 14 prints no strings in template arguments, so archdesc's message reaches it spelled
# character by character ('l', 'a', 'y', ...); those are joined again before the search.
set(flags -std=c++20 -fsyntax-only)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags -I${dir})
endforeach()
execute_process(COMMAND ${COMPILER} ${flags} ${SOURCE}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(messages "${out}${err}")
string(REPLACE "', '" "" joined "${messages}")
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but must fail with: ${EXPECTED}")
endif()
string(FIND "${messages}" "${EXPECTED}" at)
string(FIND "${joined}" "${EXPECTED}" joined_at)
if(at EQUAL -1 AND joined_at EQUAL -1)
  message(FATAL_ERROR "${SOURCE} failed to compile, but without the message '${EXPECTED}':\n${messages}")
endif()
