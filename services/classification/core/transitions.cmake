# The transition rule (transitions.h): which transition an approval is and
# what it counts as in the ward's figures. A library of its own because
# monitoring's core counts the figures with the same rule
# (docs/architecture.md). Included by this directory's CMakeLists.txt and by
# monitoring's core, so that monitoring builds without classification among
# the components; the first to come defines the target.
if(TARGET ansinh_classification_transitions)
  return()
endif()
add_library(ansinh_classification_transitions STATIC ${CMAKE_CURRENT_LIST_DIR}/transitions.cc)
target_include_directories(ansinh_classification_transitions PUBLIC ${PROJECT_SOURCE_DIR}/services)
target_link_libraries(ansinh_classification_transitions
  PUBLIC ansinh_messages
  PRIVATE ansinh_warnings)
