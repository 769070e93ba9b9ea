#pragma once
// The [server] config section (extends the foundation's [server] table: bind, port, enabled) and
// its translation into a ServerConfig. The JWT secret comes from the environment variable
// ZERODTE_JWT_SECRET or from server.jwt_secret_file (a file outside the repo), never from TOML.
//
//   [server]
//   static_dir = "web/dist"
//   auth = true
//   [[server.users]]
//   name = "alice"
//   role = "trader"
//   password_hash = "pbkdf2-sha256$200000$...$..."   # zerodte server hash-password
//   [[server.api_tokens]]
//   name = "grafana"
//   role = "viewer"
//   token_sha256 = "..."                               # zerodte server new-token
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/config/env_expand.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/server/server.hpp"

namespace zerodte::server {

void register_server_sections(core::config::ConfigSchema& schema);

core::Result<ServerConfig> server_config_from(const core::config::Config& config,
                                              const core::config::EnvLookup& env);

}  // namespace zerodte::server
