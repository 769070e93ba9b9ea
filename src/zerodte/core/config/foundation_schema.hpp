#pragma once
// The foundation's config sections: [system], [broker], [data], [strategy], [[strategies]],
// [risk], [risk.vix_adjustments], [entry], [exit], [calendar] (+ .nyse/.nse), [server],
// [journal], [store]. Keys follow seed 004 §7.1; later areas add keys and sections with their own
// register_<area>_sections(ConfigSchema&) (see schema_registry.hpp).
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/log/log.hpp"

namespace zerodte::core::config {

void register_foundation_sections(ConfigSchema& schema);

// [system] log_level / log_format / log_file as logging options (stderr on).
log::Options log_options(const Config& config);

}  // namespace zerodte::core::config
