# What `cmake --install` installs: the headers, the archdesc command, archdesc::commands and the
# CMake package (find_package(archdesc CONFIG)). Included by the top-level CMakeLists.txt after
# tools/. docs/PACKAGE.md.
include(CMakePackageConfigHelpers)

set(ARCHDESC_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/archdesc" CACHE STRING
    "Where the CMake package goes, relative to the prefix")

# <archdesc/...> and <architectures/...>
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/archdesc" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT archdesc_development FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/architectures" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT archdesc_development FILES_MATCHING PATTERN "*.hpp")

set_target_properties(archdesc_report PROPERTIES EXPORT_NAME report)
set_target_properties(archdesc_knobs PROPERTIES EXPORT_NAME knobs)
install(TARGETS archdesc archdesc_report archdesc_knobs EXPORT archdescTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT archdesc_development)
# <archdesc/report_generator.hpp>, archdesc::report's compiled part (report/include).
install(FILES "${PROJECT_SOURCE_DIR}/report/include/archdesc/report_generator.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/archdesc" COMPONENT archdesc_development)
install(EXPORT archdescTargets NAMESPACE archdesc:: DESTINATION "${ARCHDESC_INSTALL_CMAKEDIR}"
        COMPONENT archdesc_development)

if(TARGET archdesc_commands)
  set_target_properties(archdesc_commands PROPERTIES EXPORT_NAME commands)
  install(TARGETS archdesc_commands EXPORT archdescCommandsTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT archdesc_development)
  # <archdesc/tool/...>: the same names as in the build tree (tools/commands/include).
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/tools/commands/include/archdesc/tool"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/archdesc" COMPONENT archdesc_development
          FILES_MATCHING PATTERN "*.hpp")
  install(EXPORT archdescCommandsTargets NAMESPACE archdesc:: DESTINATION "${ARCHDESC_INSTALL_CMAKEDIR}"
          COMPONENT archdesc_development)
endif()
if(ARCHDESC_BUILD_TOOLS)
  install(TARGETS archdesc_tool RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT archdesc_runtime)
endif()

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/archdescConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/archdescConfig.cmake" INSTALL_DESTINATION "${ARCHDESC_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/archdescConfigVersion.cmake" COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/archdescConfig.cmake" "${PROJECT_BINARY_DIR}/archdescConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/ArchdescReport.cmake" "${PROJECT_SOURCE_DIR}/cmake/archdesc_report_generator.cpp.in"
              "${PROJECT_SOURCE_DIR}/cmake/ArchdescConstexprLimit.cmake"
        DESTINATION "${ARCHDESC_INSTALL_CMAKEDIR}" COMPONENT archdesc_development)
