# Unity builds: a target's files compiled in batches, so the headers they
# share (gRPC, the generated protos, GoogleTest) are parsed and their
# templates instantiated once per batch rather than once per file. On this
# code a batch of 8 costs about a third of its files compiled one by one.
# Batches of 16 were measured with clang: a cold build took 648 s of CPU
# against 682 s, too little to pay for the longer rebuild of a touched file.
# (Precompiled headers were measured too: GCC's 280 MB header image saved
# less than it cost to load. Clang's images of the shared headers, one for
# the adapters and one for the tests, halved the heaviest test batches but
# made the whole cold build slower: 366 s and 722 s of CPU against 343 s
# and 677 s, as every light file paid for loading a 100 MB image.)
#
# ansinh_unity_build(<target>...) turns it on for each target. Names at
# namespace scope must then be unique across a target's files, anonymous
# namespaces included: a clash is a repeated helper to fold into one place.
# -DANSINH_UNITY_BUILD=OFF compiles file by file (a change to one file then
# recompiles only that file).
option(ANSINH_UNITY_BUILD "Compile targets' files in batches (faster clean builds)" ON)

function(ansinh_unity_build)
  if(NOT ANSINH_UNITY_BUILD OR ANSINH_BUILD_FUZZ)
    return()
  endif()
  foreach(target IN LISTS ARGN)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endforeach()
endfunction()

# ansinh_unity_build_whole(<target>...): one batch for all of a target's
# files, for the test executables and their support library. Their files
# include the same heavy headers (GoogleTest, gRPC, the generated protos, the
# test support) and little else, so each extra batch mostly parses those
# again: whole-target batches took the cold compile of the four largest test
# targets (common_test, registry_core_test, registry_ and stack_integration_test)
# from 107 s to 64 s of CPU. A changed test file recompiles its whole target,
# but a changed service or core file, which the tests only link, does not.
function(ansinh_unity_build_whole)
  if(NOT ANSINH_UNITY_BUILD OR ANSINH_BUILD_FUZZ)
    return()
  endif()
  foreach(target IN LISTS ARGN)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 0)
  endforeach()
endfunction()
