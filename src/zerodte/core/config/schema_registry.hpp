#pragma once
// Areas contribute config sections without editing a shared file: a source file that is linked
// into the executable (e.g. src/zerodte/app/commands/<area>_*.cpp, which the app compiles
// directly) defines
//   const zerodte::core::config::SchemaRegistrar kSchema{"risk", 40, &register_risk_sections};
// (A registrar in a static library's otherwise unreferenced object file would be dropped by the
// linker.) build_schema() = register_foundation_sections + every registrar, by `order`.
// Tests call the register functions they need directly.
#include <string_view>

#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::core::config {

using RegisterSections = void (*)(ConfigSchema& schema);

struct SchemaRegistrar {
  SchemaRegistrar(std::string_view area, int order, RegisterSections fn);
};

ConfigSchema build_schema();

}  // namespace zerodte::core::config
