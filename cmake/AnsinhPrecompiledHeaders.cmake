# Precompiled headers, with clang only: most of a translation unit's time
# here is spent parsing the same headers (the standard library, protobuf,
# gRPC, the generated service classes, GoogleTest). Clang parses them once
# into a header image that every unity batch then loads lazily: measured on
# tests/integration's registry batch, 11.7 s of CPU without and 7.8 s with.
# GCC's image (280 MB, read whole) saved less than it cost, so the GCC
# Release of `make run` builds without.
#
# Two images, each built once by its own small target and reused by many:
#   ansinh_pch_adapters  what adapters, service mains, the CLI and the console
#                        include: std, protobuf, gRPC, the generated classes,
#                        spdlog, nlohmann/json, CLI11;
#   ansinh_pch_tests     the same plus GoogleTest and GoogleMock.
# The cores, the kernel, the standards and the catalogs get none: they never
# include gRPC, and the image would hide an include they must not have.
#
# -DANSINH_PCH=OFF turns them off.
option(ANSINH_PCH "Precompile the shared headers (clang only)" ON)

set(ansinh_pch_adapter_headers
    <algorithm> <chrono> <filesystem> <functional> <map> <memory> <optional> <set> <string>
    <string_view> <thread> <unordered_map> <variant> <vector>
    <google/protobuf/message.h> <google/protobuf/util/json_util.h> <grpcpp/grpcpp.h>
    <spdlog/spdlog.h> <nlohmann/json.hpp> <CLI/CLI.hpp>
    <ansinh/v1/registry.grpc.pb.h> <ansinh/v1/classification.grpc.pb.h>
    <ansinh/v1/assignment.grpc.pb.h> <ansinh/v1/monitoring.grpc.pb.h>)

function(ansinh_precompiled_headers_enabled out)
  set(enabled OFF)
  if(ANSINH_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND NOT ANSINH_BUILD_FUZZ)
    set(enabled ON)
  endif()
  set(${out} ${enabled} PARENT_SCOPE)
endfunction()

# Clang refuses an image built with another thread setting, and gRPC's
# users compile with -pthread: every file does, which changes nothing for
# programs that all link gRPC's threads anyway.
ansinh_precompiled_headers_enabled(ansinh_pch_enabled)
if(ansinh_pch_enabled)
  add_compile_options(-pthread)
endif()

# The targets that build the images: an object library of one empty file,
# linked like its users so the image sees the same include paths and
# definitions.
function(ansinh_add_precompiled_header_targets)
  ansinh_precompiled_headers_enabled(enabled)
  if(NOT enabled)
    return()
  endif()
  set(anchor ${CMAKE_BINARY_DIR}/ansinh_pch_anchor.cc)
  file(CONFIGURE OUTPUT ${anchor} CONTENT "// The precompiled headers' anchor (cmake/AnsinhPrecompiledHeaders.cmake).\n")

  # ccache can cache the images and what uses them only if an image carries
  # no timestamp (the Makefile sets the matching CCACHE_SLOPPINESS).
  set(image_options -Xclang -fno-pch-timestamp)

  add_library(ansinh_pch_adapters OBJECT ${anchor})
  target_compile_options(ansinh_pch_adapters PRIVATE ${image_options})
  target_link_libraries(ansinh_pch_adapters PRIVATE ansinh_grpc spdlog::spdlog nlohmann_json::nlohmann_json
                                                    CLI11::CLI11 ansinh_warnings)
  target_precompile_headers(ansinh_pch_adapters PRIVATE ${ansinh_pch_adapter_headers})

  if(ANSINH_BUILD_TESTS)
    add_library(ansinh_pch_tests OBJECT ${anchor})
    target_compile_options(ansinh_pch_tests PRIVATE ${image_options})
    target_link_libraries(ansinh_pch_tests PRIVATE ansinh_grpc spdlog::spdlog nlohmann_json::nlohmann_json
                                                  CLI11::CLI11 GTest::gtest GTest::gmock ansinh_warnings)
    target_precompile_headers(ansinh_pch_tests PRIVATE ${ansinh_pch_adapter_headers} <gtest/gtest.h>
                              <gmock/gmock.h>)
  endif()
endfunction()

# ansinh_precompiled_headers(<kind> <directory>): every compiled target
# defined in <directory> or below gets the image of <kind> (adapters or
# tests), except the pure ones named above. Called once for
# services/ and once for tests/ at the end of the top-level CMakeLists.txt,
# so a new target gets its image without a line of its own.
function(ansinh_precompiled_headers kind directory)
  ansinh_precompiled_headers_enabled(enabled)
  if(NOT enabled)
    return()
  endif()
  get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    get_target_property(source_dir ${target} SOURCE_DIR)
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${source_dir})
    if(type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$" AND NOT relative MATCHES "(/core|/kernel|/standards|/i18n)$")
      target_precompile_headers(${target} REUSE_FROM ansinh_pch_${kind})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    ansinh_precompiled_headers(${kind} ${subdirectory})
  endforeach()
endfunction()
