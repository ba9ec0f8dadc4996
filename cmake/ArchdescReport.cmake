# ArchdescReport.cmake: archdesc_add_report(), the report of a project's own descriptor, made at
# build time. Included by archdescConfig.cmake (find_package(archdesc)) and by archdesc's own
# build (add_subdirectory, FetchContent). Documentation: docs/PACKAGE.md.
#
#   archdesc_add_report(<target>
#     HEADER <header>...            the header(s) that define the descriptor (relative paths are
#                                   taken from the current source directory)
#     DESCRIPTOR <expression>       a C++ constant expression naming the descriptor, e.g. my::net
#     OUTPUT <file>                 the report (relative paths: the current binary directory)
#     [NAME <name>]                 the model's name in the report (default: <target>)
#     [FORMAT md|json|csv]          default: by OUTPUT's extension (.json, .csv), else md
#     [CHART <file.png|file.svg>]   also draw the pie chart of parameters by form; a Markdown
#                                   report's image links to it
#     [WITH_COST]                   md: append input, output, MACs and memory
#     [LINK_LIBRARIES <target>...]  what the header needs (include directories, definitions)
#     [ALL])                        build the report with the default target
#
# It writes <target>.cpp, which includes the header, static_asserts archdesc::valid<descriptor>
# and traces it, and hands the trace to the report writer that archdesc ships compiled
# (archdesc::report's library, archdesc::commands' for json, csv, CHART and WITH_COST); builds it
# unoptimized (the trace runs once, and -O2 would triple its compile time) as the executable
# <target>_generator; and adds the custom target <target>,
# which runs it whenever the generator changes (the header, the descriptor, archdesc). A wrong
# descriptor fails the build with its message, like any static_assert. When cross-compiling the
# generator runs through CMAKE_CROSSCOMPILING_EMULATOR.
include_guard(GLOBAL)

set_property(GLOBAL PROPERTY ARCHDESC_REPORT_TEMPLATE "${CMAKE_CURRENT_LIST_DIR}/archdesc_report_generator.cpp.in")

function(archdesc_add_report target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALL;WITH_COST" "DESCRIPTOR;NAME;OUTPUT;FORMAT;CHART" "HEADER;LINK_LIBRARIES")
  set(usage "archdesc_add_report(${target} HEADER <header> DESCRIPTOR <expression> OUTPUT <file> [NAME <name>] [FORMAT md|json|csv] [CHART <file.png|file.svg>] [WITH_COST] [LINK_LIBRARIES <target>...] [ALL])")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "archdesc_add_report: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}\n  ${usage}")
  endif()
  foreach(required HEADER DESCRIPTOR OUTPUT)
    if(NOT arg_${required})
      message(FATAL_ERROR "archdesc_add_report: ${required} is missing\n  ${usage}")
    endif()
  endforeach()
  if(TARGET ${target})
    message(FATAL_ERROR "archdesc_add_report: a target named ${target} already exists")
  endif()
  if(NOT TARGET archdesc::report)
    message(FATAL_ERROR "archdesc_add_report: archdesc::report is not defined here; call find_package(archdesc CONFIG REQUIRED) in this directory or above")
  endif()
  if(NOT DEFINED arg_NAME)
    set(arg_NAME ${target})
  endif()

  cmake_path(ABSOLUTE_PATH arg_OUTPUT BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE OUTPUT_VARIABLE output)
  cmake_path(GET output EXTENSION LAST_ONLY extension)
  string(TOLOWER "${extension}" extension)
  if(NOT arg_FORMAT)
    if(extension STREQUAL ".json")
      set(arg_FORMAT json)
    elseif(extension STREQUAL ".csv")
      set(arg_FORMAT csv)
    else()
      set(arg_FORMAT md)
    endif()
  endif()
  if(NOT arg_FORMAT MATCHES "^(md|json|csv)$")
    message(FATAL_ERROR "archdesc_add_report: FORMAT ${arg_FORMAT} is none of md, json, csv")
  endif()
  if(arg_WITH_COST AND NOT arg_FORMAT STREQUAL "md")
    message(FATAL_ERROR "archdesc_add_report: WITH_COST is for FORMAT md (json always carries the cost)")
  endif()
  set(outputs "${output}")
  set(chart "")
  if(DEFINED arg_CHART)
    cmake_path(ABSOLUTE_PATH arg_CHART BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE OUTPUT_VARIABLE chart)
    cmake_path(GET chart EXTENSION LAST_ONLY chart_extension)
    string(TOLOWER "${chart_extension}" chart_extension)
    if(NOT chart_extension MATCHES "^\\.(png|svg)$")
      message(FATAL_ERROR "archdesc_add_report: CHART ${arg_CHART} is neither a .png nor a .svg file")
    endif()
    list(APPEND outputs "${chart}")
  endif()

  # The core (archdesc::report, {fmt} only) writes Markdown; the rest is archdesc::commands.
  set(ARCHDESC_REPORT_WITH_COMMANDS 0)
  if(NOT arg_FORMAT STREQUAL "md" OR chart OR arg_WITH_COST)
    if(NOT TARGET archdesc::commands)
      message(FATAL_ERROR "archdesc_add_report(${target}): FORMAT ${arg_FORMAT}, CHART and WITH_COST need archdesc::commands "
                          "(nlohmann_json and cairo): find_package(archdesc CONFIG REQUIRED COMPONENTS commands)")
    endif()
    set(ARCHDESC_REPORT_WITH_COMMANDS 1)
  endif()

  # The generator's source: every value in it is a C++ literal or the user's expression.
  set(ARCHDESC_REPORT_TARGET "${target}")
  set(ARCHDESC_REPORT_INCLUDES "")
  foreach(header IN LISTS arg_HEADER)
    cmake_path(ABSOLUTE_PATH header BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    string(APPEND ARCHDESC_REPORT_INCLUDES "#include \"${header}\"\n")
  endforeach()
  set(ARCHDESC_REPORT_DESCRIPTOR "${arg_DESCRIPTOR}")
  string(REPLACE "\\" "\\\\" ARCHDESC_REPORT_NAME "${arg_NAME}")
  string(REPLACE "\"" "\\\"" ARCHDESC_REPORT_NAME "${ARCHDESC_REPORT_NAME}")
  set(ARCHDESC_REPORT_FORMAT "${arg_FORMAT}")
  if(arg_WITH_COST)
    set(ARCHDESC_REPORT_WITH_COST true)
  else()
    set(ARCHDESC_REPORT_WITH_COST false)
  endif()
  get_property(template GLOBAL PROPERTY ARCHDESC_REPORT_TEMPLATE)
  set(source "${CMAKE_CURRENT_BINARY_DIR}/archdesc_reports/${target}.cpp")
  configure_file("${template}" "${source}" @ONLY)  # rewritten only when it changes

  add_executable(${target}_generator EXCLUDE_FROM_ALL "${source}")
  target_link_libraries(${target}_generator PRIVATE archdesc::report ${arg_LINK_LIBRARIES})
  # After the build type's flags, so it wins: the generator's code runs once per build.
  target_compile_options(${target}_generator PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-O0>
                                                     $<$<CXX_COMPILER_ID:MSVC>:/Od>)
  if(ARCHDESC_REPORT_WITH_COMMANDS)
    target_link_libraries(${target}_generator PRIVATE archdesc::commands)
  endif()

  set(directories "")
  foreach(file IN LISTS outputs)
    cmake_path(GET file PARENT_PATH directory)
    list(APPEND directories "${directory}")
  endforeach()
  list(REMOVE_DUPLICATES directories)
  cmake_path(RELATIVE_PATH output BASE_DIRECTORY "${CMAKE_BINARY_DIR}" OUTPUT_VARIABLE shown)
  add_custom_command(OUTPUT ${outputs}
    COMMAND "${CMAKE_COMMAND}" -E make_directory ${directories}
    COMMAND ${target}_generator "${output}" ${chart}
    DEPENDS ${target}_generator
    COMMENT "archdesc: writing the ${arg_FORMAT} report of ${arg_NAME} to ${shown}"
    VERBATIM)
  if(arg_ALL)
    add_custom_target(${target} ALL DEPENDS ${outputs})
  else()
    add_custom_target(${target} DEPENDS ${outputs})
  endif()
endfunction()
