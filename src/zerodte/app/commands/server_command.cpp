// `zerodte server hash-password` / `zerodte server new-token`: create the values that
// [[server.users]] and [[server.api_tokens]] hold (the config never holds a plaintext secret).
// Also registers the [server] keys of the API server with the config schema.
#include <fmt/core.h>
#include <openssl/rand.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/server/auth.hpp"
#include "zerodte/server/server_config.hpp"

namespace {

std::string random_bytes(int n) {
  std::string s(static_cast<std::size_t>(n), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(s.data()), n) != 1)
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  return s;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("server", "API server helpers (password hashes, API tokens)");
  cmd->require_subcommand(1);
  auto* hp = cmd->add_subcommand(
      "hash-password", "Read a password from stdin and print its PBKDF2 hash for [[server.users]]");
  static int iterations = 200000;
  hp->add_option("--iterations", iterations, "PBKDF2 iterations")
      ->check(CLI::Range(1000, 10000000));
  hp->callback([&exit_code] {
    std::string pw;
    std::getline(std::cin, pw);
    if (pw.empty()) {
      fmt::print(stderr, "server hash-password: empty password on stdin\n");
      exit_code = 2;
      return;
    }
    fmt::print("{}\n", zerodte::server::hash_password(pw, random_bytes(16), iterations));
  });
  auto* nt = cmd->add_subcommand(
      "new-token",
      "Print a new API token (give it to the script) and its SHA-256 (for the config)");
  nt->callback([] {
    const auto token = "zdt_" + zerodte::server::base64url_encode(random_bytes(24));
    fmt::print("token        = {}\ntoken_sha256 = \"{}\"\n", token,
               zerodte::server::sha256_hex(token));
  });
}

const zerodte::app::CommandRegistrar kRegistrar{"server", 85, &setup};
const zerodte::core::config::SchemaRegistrar kSchema{"server", 85,
                                                     &zerodte::server::register_server_sections};

}  // namespace
