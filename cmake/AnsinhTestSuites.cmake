# ansinh_add_test_suites(<target> [PREFIX <prefix>]): one ctest test per
# GoogleTest suite of a unit-test executable, named <prefix><Suite> and run as
# `<target> --gtest_filter=<Suite>.*`.
#
# Why not gtest_discover_tests' one process per test: a unit test takes
# milliseconds, but its process costs 10 to 50 ms to start (gRPC, protobuf and
# absl loaded and initialised) plus ctest's own bookkeeping. Over the ~1,000
# unit tests that was about 58 s of CPU of every `make test`, most of it spent
# starting processes; a process per suite (about 235) keeps `ctest -R` able to
# pick a suite or a service's prefix, and gtest's output still names every test
# and every failure. The integration tests keep a process per test: each
# starts its own Redis and services, and runs side by side with the others.
#
# The suites are listed when ctest runs (as gtest_discover_tests' PRE_TEST
# mode does), not at build time: the build does not wait on running every new
# binary.
function(ansinh_add_test_suites target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PREFIX" "")
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake)
  file(GENERATE OUTPUT ${script} CONTENT "
set(executable \"$<TARGET_FILE:${target}>\")
if(NOT EXISTS \"\${executable}\")
  add_test(\"${arg_PREFIX}NOT_BUILT\" \"\${executable}\")
  return()
endif()
execute_process(COMMAND \"\${executable}\" --gtest_list_tests
  OUTPUT_VARIABLE listing RESULT_VARIABLE listed TIMEOUT 30)
if(NOT listed EQUAL 0)
  message(FATAL_ERROR \"${target} --gtest_list_tests failed (\${listed}):\\n\${listing}\")
endif()
string(REPLACE \"\\n\" \";\" lines \"\${listing}\")
foreach(line IN LISTS lines)
  # A suite line starts in column 0 and ends its name with a dot (a typed
  # suite is followed by a comment naming its parameter).
  if(line MATCHES \"^([^ #][^ ]*)\\\\.\")
    set(suite \"\${CMAKE_MATCH_1}\")
    add_test(\"${arg_PREFIX}\${suite}\" \"\${executable}\" \"--gtest_filter=\${suite}.*\")
    set_tests_properties(\"${arg_PREFIX}\${suite}\" PROPERTIES WORKING_DIRECTORY \"${CMAKE_CURRENT_BINARY_DIR}\")
  endif()
endforeach()
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()
