#pragma once
// The effective configuration (file values plus defaults) as TOML, for `zerodte config show`.
// Secret keys (declared secret, or named like a credential) print as "***". Without secrets the
// output loads back to the same values.
#include <string>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::core::config {

std::string to_toml(const Config& config, const ConfigSchema& schema);

}  // namespace zerodte::core::config
