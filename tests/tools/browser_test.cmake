# The HTML report in a real browser: Debian's headless Chromium loads the page written by
# `archdesc report resnet18 --format html` at #sort=parameters-descending; the DOM it dumps must
# have the title, the totals, every tensor's row, sorted by the page's script, and both inline
# charts, and the browser's console must show nothing (no script error, nothing blocked by the
# page's Content-Security-Policy, which forbids loading anything from elsewhere).
# -DTOOL=archdesc -DCHROMIUM=path (or CHROMIUM-NOTFOUND) -DSCRATCH=an empty directory
function(fail what)
  message(FATAL_ERROR "browser test: ${what}")
endfunction()

if(NOT CHROMIUM)
  fail("chromium was not found when the build was configured; tools/scripts/install-deps installs it")
endif()
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})

execute_process(COMMAND ${TOOL} report resnet18 --format html -o ${SCRATCH}/resnet18.html RESULT_VARIABLE code
                ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  fail("archdesc report resnet18 --format html exited ${code}: ${err}")
endif()

# A profile of its own in the scratch directory; nothing that would reach the network; console
# messages go to stderr (--enable-logging=stderr) as lines with ":CONSOLE".
execute_process(
  COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-sync
          --disable-background-networking --disable-component-update --user-data-dir=${SCRATCH}/profile
          --enable-logging=stderr --v=0 --dump-dom "file://${SCRATCH}/resnet18.html#sort=parameters-descending"
  RESULT_VARIABLE code OUTPUT_VARIABLE dom ERROR_VARIABLE log TIMEOUT 90)
if(NOT code EQUAL 0)
  fail("chromium exited ${code}:\n${log}")
endif()
string(REGEX MATCHALL "[^\n]*:CONSOLE[^\n]*" console "${log}")
if(console)
  fail("the page wrote to the console:\n${console}")
endif()

function(expect pattern what)
  if(NOT dom MATCHES "${pattern}")
    fail("the DOM lacks ${what} (${pattern}):\n${dom}")
  endif()
endfunction()
expect("<title>resnet18: archdesc report</title>" "the title")
expect("<td id=\"tensors\">62</td>" "the number of tensors")
expect("<td id=\"parameters\">11[.]69M [(]11,689,512[)]</td>" "the number of parameters")
expect("<td id=\"macs\">1[.]81G [(]1,814,073,344[)]</td>" "the MACs")
string(REGEX MATCHALL "<svg " svgs "${dom}")
list(LENGTH svgs svg_count)
if(NOT svg_count EQUAL 2)
  fail("the DOM has ${svg_count} inline SVG charts, not 2 (the pie and the treemap)")
endif()

# The tensor rows, in the order the page's script left them: one per tensor, by parameters,
# largest first, ties in their first order (a stable sort).
string(REGEX MATCHALL "<tr><td class=\"count\" data-value=\"[0-9]+\">[0-9,]+</td><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td class=\"count\" data-value=\"[0-9]+\"" rows "${dom}")
list(LENGTH rows row_count)
if(NOT row_count EQUAL 62)
  fail("the tensor table has ${row_count} rows, not 62")
endif()
expect("<th data-key=\"parameters\" data-numeric=\"\" aria-sort=\"descending\">" "the sorted column's mark")
list(GET rows 0 first)
if(NOT first MATCHES "<td>layer4[.]0[.]conv2[.]weight</td>")
  fail("the first row after sorting is not layer4.0.conv2.weight: ${first}")
endif()
set(previous 9223372036854775807)
foreach(row IN LISTS rows)
  string(REGEX MATCH "data-value=\"([0-9]+)\"$" ignored "${row}")
  if(CMAKE_MATCH_1 GREATER previous)
    fail("the rows are not sorted by parameters, largest first: ${CMAKE_MATCH_1} follows ${previous}")
  endif()
  set(previous ${CMAKE_MATCH_1})
endforeach()
