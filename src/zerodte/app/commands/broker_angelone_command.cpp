// `zerodte angelone check`: logs in to AngelOne SmartAPI with the credentials in the environment
// (ANGELONE_API_KEY, ANGELONE_CLIENT_CODE, ANGELONE_PIN, ANGELONE_TOTP_SECRET), keeps the tokens
// in the 0600 token file, and prints the session's validity (never the tokens), funds, positions
// and open orders. Read-only: it never places or cancels an order.
// `zerodte angelone decode FILE`: decodes a capture of SmartStream binary packets (LTP 51 bytes,
// Quote 123, SnapQuote 379, back to back) and prints one line per tick.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "zerodte/adapters/angelone/angelone_config.hpp"
#include "zerodte/adapters/angelone/angelone_execution_client.hpp"
#include "zerodte/adapters/angelone/smart_stream.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/engine/inbox.hpp"

namespace {

namespace ao = zerodte::adapters::angelone;

int run_check(const std::string& base_url, const std::string& token_file) {
  auto creds = ao::AngelOneCredentials::from_env();
  if (!creds) {
    fmt::print(stderr, "angelone check: {}\n", creds.error().message);
    return 2;
  }
  zerodte::core::LiveClock clock;
  zerodte::model::InstrumentRegistry reg;
  ao::ScripMaster scrips;
  zerodte::engine::Inbox inbox(1u << 10);
  ao::AngelOneConfig cfg;
  cfg.rest.base_url = base_url;
  cfg.tokens.store_path = token_file.empty() ? ao::default_token_path() : token_file;
  ao::AngelOneExecutionClient client(cfg, *creds, reg, scrips, inbox, clock);
  auto t = client.tokens().ensure_valid();
  if (!t) {
    fmt::print(stderr, "angelone check: {}\n", t.error().message);
    return 1;
  }
  const auto left = std::chrono::duration_cast<std::chrono::minutes>(t->expires_at - clock.now());
  fmt::print("session     valid until {} ({} min left; refresh below 30 min)\n",
             zerodte::core::to_iso8601(t->expires_at), left.count());
  fmt::print("token file  {} (0600)\n", cfg.tokens.store_path);
  int rc = 0;
  if (auto a = client.account()) {
    fmt::print("funds       net {} INR, available cash {}\n", a->equity, a->cash);
  } else {
    fmt::print(stderr, "funds: {}\n", a.error().message);
    rc = 1;
  }
  if (auto o = client.open_orders()) {
    fmt::print("open orders {}\n", o->size());
    for (const auto& x : *o) {
      fmt::print("  {:<20} {:<16} {} x{} @ {}\n", x.order.client_order_id.view(),
                 x.venue_order_id.view(), zerodte::model::to_string(x.status),
                 x.order.quantity.value, x.order.limit_price);
    }
  } else {
    fmt::print(stderr, "open orders: {}\n", o.error().message);
    rc = 1;
  }
  return rc;
}

int run_decode(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "angelone decode: {}: cannot be read\n", path);
    return 2;
  }
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t off = 0;
  int n = 0;
  while (off < data.size()) {
    const auto mode = static_cast<unsigned char>(data[off]);
    const std::size_t size = mode == 1 ? 51 : mode == 2 ? 123 : mode == 3 ? 379 : 0;
    if (size == 0 || off + size > data.size()) {
      fmt::print(stderr, "angelone decode: {}: offset {}: bad packet (mode {}, {} bytes left)\n",
                 path, off, mode, data.size() - off);
      return 1;
    }
    auto t = ao::decode_smart_tick(std::as_bytes(std::span(data.data() + off, size)));
    if (!t) {
      fmt::print(stderr, "angelone decode: {}: offset {}: {}\n", path, off, t.error().message);
      return 1;
    }
    fmt::print("{} mode={} ex={} token={} seq={} ltp={}",
               zerodte::core::to_iso8601(t->exchange_time), static_cast<int>(t->mode),
               t->exchange_type, t->token, t->sequence, t->ltp);
    if (t->mode != ao::StreamMode::kLtp)
      fmt::print(" vol={} ltq={}", t->volume, t->last_traded_qty);
    if (!t->bids.empty()) fmt::print(" bid={}x{}", t->bids[0].price, t->bids[0].quantity);
    if (!t->asks.empty()) fmt::print(" ask={}x{}", t->asks[0].price, t->asks[0].quantity);
    if (t->mode == ao::StreamMode::kSnapQuote) fmt::print(" oi={}", t->open_interest);
    fmt::print("\n");
    off += size;
    ++n;
  }
  fmt::print(stderr, "{} packets\n", n);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("angelone", "AngelOne SmartAPI (NSE options) tools");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand("check",
                                    "Log in (TOTP), show session validity, funds and "
                                    "open orders; read-only");
  static std::string base_url = "https://apiconnect.angelone.in";
  static std::string token_file;
  check->add_option("--base-url", base_url, "SmartAPI root URL");
  check->add_option("--token-file", token_file,
                    "0600 token file (default $XDG_STATE_HOME/zerodte/angelone-tokens.json)");
  check->callback([&exit_code] { exit_code = run_check(base_url, token_file); });
  auto* decode = cmd->add_subcommand("decode", "Decode captured SmartStream binary packets");
  static std::string file;
  decode->add_option("file", file, "capture file (packets back to back)")->required();
  decode->callback([&exit_code] { exit_code = run_decode(file); });
}

const zerodte::app::CommandRegistrar kRegistrar{"angelone", 62, &setup};

const zerodte::core::config::SchemaRegistrar kSchema{"broker.angelone", 62,
                                                     &ao::register_angelone_sections};

}  // namespace
