# The transparency log's pure pieces (RFC 9162 Merkle tree, proofs, signed
# tree heads with Ed25519, SHA-256): a library of its own because the CLI
# verifies heads and proofs with the very same code the service proves them
# with. Included by this directory's CMakeLists.txt and by the CLI's, so the
# CLI builds without monitoring among the components; the first to come
# defines the target.
if(TARGET ansinh_monitoring_transparency)
  return()
endif()
add_library(ansinh_monitoring_transparency STATIC
  ${CMAKE_CURRENT_LIST_DIR}/digest.cc
  ${CMAKE_CURRENT_LIST_DIR}/merkle_tree.cc
  ${CMAKE_CURRENT_LIST_DIR}/tree_head.cc)
target_include_directories(ansinh_monitoring_transparency PUBLIC ${PROJECT_SOURCE_DIR}/services)
target_link_libraries(ansinh_monitoring_transparency
  PUBLIC ansinh_messages OpenSSL::Crypto
  PRIVATE ansinh_warnings)
