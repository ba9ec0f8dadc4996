# archdesc_raise_constexpr_limit(<target> <factor>): multiplies the compiler's limit on the work of
# one constant expression by <factor> for <target>'s sources (clang: -fconstexpr-steps, 1048576 by
# default; g++: -fconstexpr-ops-limit, 33554432 by default).
#
# Every built-in model's counts fit the defaults, and every table but deepseek-v3's with g++. A
# table of identical blocks (scope::repeat) of roughly 50,000 tensors or more (parameter table) or
# 20,000 (state_dict table, with BatchNorm's buffers; g++, clang++ 35,000) does not, nor a count
# that walks about 4,000 (clang) or 12,000 (g++) tensors written as loops rather than
# scope::repeat: its static_assert then fails with "constexpr evaluation hit maximum step limit" (clang) or
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
