#pragma once
// [broker.angelone] configuration (secrets stay in the environment: ANGELONE_API_KEY,
// ANGELONE_CLIENT_CODE, ANGELONE_PIN, ANGELONE_TOTP_SECRET) and [broker.angelone] stream keys.
#include "zerodte/adapters/angelone/angelone_execution_client.hpp"
#include "zerodte/adapters/angelone/smart_stream_feed.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::adapters::angelone {

void register_angelone_sections(core::config::ConfigSchema& schema);
AngelOneConfig angelone_config_from(const core::config::Config& config);
SmartStreamConfig smart_stream_config_from(const core::config::Config& config);
// The scrip master path ("" = none configured).
std::string scrip_master_path_from(const core::config::Config& config);

}  // namespace zerodte::adapters::angelone
