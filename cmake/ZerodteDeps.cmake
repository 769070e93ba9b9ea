# Third-party dependencies, all from Debian 12 packages (scripts/deps-debian.txt) or unpacked
# into .deps/ by scripts/install-deps.sh (scripts/deps-extract.txt).
set(ZERODTE_DEPS_ROOT "${CMAKE_SOURCE_DIR}/.deps/root/usr" CACHE PATH "unpacked header-only deps")

find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS json url)
find_package(OpenSSL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
find_package(simdjson REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)

# Howard Hinnant's date/tz (g++ 12 has no std::chrono time zones). Debian ships libdate-tz.
find_library(DATE_TZ_LIB NAMES date-tz REQUIRED)
add_library(zerodte_date_tz INTERFACE)
target_link_libraries(zerodte_date_tz INTERFACE ${DATE_TZ_LIB})
target_compile_definitions(zerodte_date_tz INTERFACE USE_OS_TZDB=1 HAS_REMOTE_API=0)

# QuantLib 1.29: headers unpacked from libquantlib0-dev, library from libquantlib0v5.
add_library(zerodte_quantlib INTERFACE)
find_file(QUANTLIB_SO NAMES libQuantLib.so.0 PATHS /usr/lib /usr/lib/x86_64-linux-gnu NO_DEFAULT_PATH)
if(QUANTLIB_SO AND EXISTS "${ZERODTE_DEPS_ROOT}/include/ql/quantlib.hpp")
  target_include_directories(zerodte_quantlib SYSTEM INTERFACE "${ZERODTE_DEPS_ROOT}/include")
  target_link_libraries(zerodte_quantlib INTERFACE "${QUANTLIB_SO}" Boost::headers)
  set(ZERODTE_HAVE_QUANTLIB ON)
else()
  message(WARNING "QuantLib not found: run scripts/install-deps.sh (QuantLib oracle tests and peers disabled)")
  set(ZERODTE_HAVE_QUANTLIB OFF)
endif()

# msgpack-cxx (header-only) unpacked from libmsgpack-cxx-dev; used without Boost.
add_library(zerodte_msgpack INTERFACE)
target_include_directories(zerodte_msgpack SYSTEM INTERFACE "${ZERODTE_DEPS_ROOT}/include")
target_compile_definitions(zerodte_msgpack INTERFACE MSGPACK_NO_BOOST=1)
