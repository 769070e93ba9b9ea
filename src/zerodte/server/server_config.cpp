#include "zerodte/server/server_config.hpp"

#include <fstream>
#include <sstream>

namespace zerodte::server {
namespace cfg = core::config;

void register_server_sections(cfg::ConfigSchema& schema) {
  auto& s = schema.table("server", "HTTP + WebSocket API and dashboard.");
  s.add_string("static_dir", "web/dist", "Built dashboard assets (scripts/build-web.sh).");
  s.add_int("io_threads", 2, "I/O threads of the API server.").range(1, 64);
  s.add_string("tls_cert", "", "PEM certificate chain; with tls_key enables HTTPS/WSS.");
  s.add_string("tls_key", "", "PEM private key file (outside the repo).");
  s.add_bool("auth", true, "Require login (JWT) or an API token; false only on loopback.");
  s.add_string("jwt_secret_file", "",
               "File holding the JWT HMAC key (>= 32 bytes) when ZERODTE_JWT_SECRET is unset.");
  s.add_string("jwt_issuer", "zerodte", "JWT iss claim issued and required.");
  s.add_string("jwt_audience", "zerodte-dashboard", "JWT aud claim issued and required.");
  s.add_duration("access_ttl", "15m", "Lifetime of an access token.").range(10, 86400);
  s.add_duration("refresh_ttl", "8h", "Lifetime of a refresh token.").range(60, 30 * 86400);
  s.add_int("login_attempts_per_minute", 5, "Login attempts allowed per client IP per minute.")
      .range(1, 1000);
  s.add_int("max_ws_clients", 2000, "WebSocket clients accepted at once.").range(1, 100000);
  auto& users = schema.array_of_tables("server.users", "", "Dashboard users.");
  users.add_string("name", "", "User name.").mark_required();
  users.add_enum("role", "viewer", {"admin", "trader", "viewer"}, "admin, trader or viewer.");
  users.add_string("password_hash", "", "PBKDF2 hash from `zerodte server hash-password`.")
      .mark_required();
  auto& tokens = schema.array_of_tables("server.api_tokens", "", "API tokens for scripts.");
  tokens.add_string("name", "", "Token name (shown as the acting user).").mark_required();
  tokens.add_enum("role", "viewer", {"admin", "trader", "viewer"}, "admin, trader or viewer.");
  tokens.add_string("token_sha256", "", "Hex SHA-256 of the token (`zerodte server new-token`).")
      .mark_required();
}

core::Result<ServerConfig> server_config_from(const cfg::Config& config,
                                              const cfg::EnvLookup& env) {
  try {
    const auto& t = config.table("server");
    ServerConfig out;
    out.bind = t.get<std::string>("bind");
    out.port = static_cast<std::uint16_t>(t.get<std::int64_t>("port"));
    out.static_dir = t.get<std::string>("static_dir");
    out.io_threads = static_cast<int>(t.get<std::int64_t>("io_threads"));
    out.tls_cert = t.get<std::string>("tls_cert");
    out.tls_key = t.get<std::string>("tls_key");
    out.max_ws_clients = static_cast<std::size_t>(t.get<std::int64_t>("max_ws_clients"));
    auto& a = out.auth;
    a.enabled = t.get<bool>("auth");
    a.issuer = t.get<std::string>("jwt_issuer");
    a.audience = t.get<std::string>("jwt_audience");
    a.access_ttl_s =
        std::chrono::duration_cast<std::chrono::seconds>(t.get<core::Duration>("access_ttl"))
            .count();
    a.refresh_ttl_s =
        std::chrono::duration_cast<std::chrono::seconds>(t.get<core::Duration>("refresh_ttl"))
            .count();
    a.login_attempts_per_minute =
        static_cast<int>(t.get<std::int64_t>("login_attempts_per_minute"));
    if (auto v = env("ZERODTE_JWT_SECRET"); v && !v->empty()) {
      a.jwt_secret = *v;
    } else if (const auto file = t.get<std::string>("jwt_secret_file"); !file.empty()) {
      std::ifstream in(file, std::ios::binary);
      if (!in)
        return core::fail(core::ErrorCode::kConfig, "{}: server.jwt_secret_file: cannot read '{}'",
                          config.source(), file);
      std::ostringstream ss;
      ss << in.rdbuf();
      a.jwt_secret = ss.str();
      while (!a.jwt_secret.empty() && (a.jwt_secret.back() == '\n' || a.jwt_secret.back() == '\r'))
        a.jwt_secret.pop_back();
    }
    for (const auto& u : config.array_of_tables("server.users")) {
      const auto pw = u.get<std::string>("password_hash");
      if (!pw.starts_with("pbkdf2-sha256$"))
        return core::fail(core::ErrorCode::kConfig,
                          "{}: server.users '{}': password_hash must be a pbkdf2-sha256 hash "
                          "(zerodte server hash-password), never a plaintext password",
                          config.source(), u.get<std::string>("name"));
      a.users.push_back({u.get<std::string>("name"), *parse_role(u.get<std::string>("role")), pw});
    }
    for (const auto& k : config.array_of_tables("server.api_tokens")) {
      const auto h = k.get<std::string>("token_sha256");
      if (h.size() != 64)
        return core::fail(core::ErrorCode::kConfig,
                          "{}: server.api_tokens '{}': token_sha256 must be 64 hex digits",
                          config.source(), k.get<std::string>("name"));
      a.api_tokens.push_back(
          {k.get<std::string>("name"), *parse_role(k.get<std::string>("role")), h});
    }
    return out;
  } catch (const cfg::ConfigAccessError& e) {
    return core::fail(core::ErrorCode::kConfig, "{}: {}", config.source(), e.what());
  }
}

}  // namespace zerodte::server
