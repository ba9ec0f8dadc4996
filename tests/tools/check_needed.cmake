# The command must not load cairo (and X11, fontconfig, freetype ... with it) on every run: charts
# load it when they are drawn. Fails if TOOL's dynamic section needs libcairo.
execute_process(COMMAND readelf -d ${TOOL} RESULT_VARIABLE result OUTPUT_VARIABLE dynamic ERROR_VARIABLE error)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "readelf -d ${TOOL} failed: ${error}")
endif()
if(NOT dynamic MATCHES "NEEDED")
  message(FATAL_ERROR "readelf -d ${TOOL} lists no needed library: ${dynamic}")
endif()
if(dynamic MATCHES "libcairo")
  message(FATAL_ERROR "${TOOL} loads cairo at start-up:\n${dynamic}")
endif()
