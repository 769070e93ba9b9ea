# Helpers that give every zerodte target the same flags.
#   zerodte_library(NAME SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
#   zerodte_test(NAME LABEL area SOURCES ... [DEPS ...])   (one GoogleTest binary, tests labelled)
#   zerodte_bench(NAME SOURCES ... [DEPS ...])

# GCC 12 at -O2/-O3 reports known false positives inside libstdc++'s std::string
# (-Wrestrict, -Wstringop-overflow, -Warray-bounds; GCC bugs 105329, 105651): they stay warnings,
# not errors.
set(ZERODTE_WARNINGS -Wall -Wextra -Werror -Wno-missing-field-initializers
    -Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=array-bounds)
if(ZERODTE_SANITIZE)
  set(ZERODTE_SAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${ZERODTE_SAN_FLAGS})
  add_link_options(${ZERODTE_SAN_FLAGS})
endif()

# While several people edit one tree, a folder may name a source that is still being written.
# Outside CI such sources are skipped with a warning (so one half-written area does not block
# everyone's configure); under CI (CI=true) a missing source is an error.
function(zerodte_existing_sources out)
  set(result "")
  foreach(src ${ARGN})
    if(IS_ABSOLUTE "${src}")
      set(path "${src}")
    else()
      set(path "${CMAKE_CURRENT_SOURCE_DIR}/${src}")
    endif()
    string(FIND "${path}" "${CMAKE_BINARY_DIR}" in_build_dir)
    if(EXISTS "${path}" OR src MATCHES "^\\$<" OR in_build_dir EQUAL 0)  # generated sources
      list(APPEND result "${src}")
    elseif(DEFINED ENV{CI})
      message(FATAL_ERROR "missing source ${path}")
    else()
      message(WARNING "skipping missing source ${path}")
    endif()
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

function(zerodte_flags target)
  target_compile_options(${target} PRIVATE ${ZERODTE_WARNINGS})
  target_compile_features(${target} PUBLIC cxx_std_23)
endfunction()

function(zerodte_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  zerodte_existing_sources(sources ${ARG_SOURCES})
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  zerodte_flags(${name})
endfunction()

include(GoogleTest)
function(zerodte_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  zerodte_existing_sources(sources ${ARG_SOURCES})
  if(NOT sources)
    message(WARNING "test ${name} has no sources yet; skipped")
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
  target_compile_definitions(${name} PRIVATE ZERODTE_SHARED_DATA="${ZERODTE_SHARED_DATA}"
                                             ZERODTE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  zerodte_flags(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABEL}" DISCOVERY_TIMEOUT 60
                       WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
endfunction()

function(zerodte_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  zerodte_existing_sources(sources ${ARG_SOURCES})
  if(NOT sources)
    message(WARNING "benchmark ${name} has no sources yet; skipped")
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  target_compile_definitions(${name} PRIVATE ZERODTE_SHARED_DATA="${ZERODTE_SHARED_DATA}")
  zerodte_flags(${name})
endfunction()
