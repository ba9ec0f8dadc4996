# archdesc_raise_constexpr_limit(<target> <factor>): multiplies the compiler's limit on the work of
# one constant expression by <factor> for <target>'s sources (clang: -fconstexpr-steps, 1048576 by
# default; g++: -fconstexpr-ops-limit, 33554432 by default).
#
# Every built-in model fits the defaults (mixtral-8x7b-v0.1, the costliest, uses about two thirds of
# clang's for a count and 95 % for its parameter_table). A descriptor of roughly 9000 parameter tensors or more (clang) or 30000 (g++) does not:
# its static_assert then fails with "constexpr evaluation hit maximum step limit" (clang) or
# "'constexpr' evaluation operation count exceeds limit" (g++). Raise the limit for the target that
# compiles its checks:
#
#   add_executable(my_checks checks.cpp)
#   archdesc_raise_constexpr_limit(my_checks 4)
function(archdesc_raise_constexpr_limit target factor)
  if(NOT factor MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "archdesc_raise_constexpr_limit(${target} ${factor}): the factor must be a positive integer")
  endif()
  math(EXPR clang_steps "1048576 * ${factor}")
  math(EXPR gcc_operations "33554432 * ${factor}")
  target_compile_options(${target} PRIVATE
    $<$<CXX_COMPILER_ID:Clang>:-fconstexpr-steps=${clang_steps}>
    $<$<CXX_COMPILER_ID:GNU>:-fconstexpr-ops-limit=${gcc_operations}>)
endfunction()
