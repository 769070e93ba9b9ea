#pragma once
// [broker.fix] configuration (Logon credentials stay in the environment: FIX_USERNAME,
// FIX_PASSWORD).
#include "zerodte/adapters/fix/fix_config.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::adapters::fix {

void register_fix_sections(core::config::ConfigSchema& schema);
FixConfig fix_config_from(const core::config::Config& config);

}  // namespace zerodte::adapters::fix
