#pragma once
// HTTP channels: Discord webhooks, the Telegram Bot API and outbound webhooks.
//   Discord   POST <webhook>?wait=true {"content", "embeds":[{title, description, color,
//             footer:{text: id}, timestamp}]}; content <= 2,000 characters, an embed description
//             <= 4,096, title <= 256, <= 6,000 characters per message: longer texts go out as
//             several messages. 429: {"retry_after": seconds} is honoured. Receipt: message ids.
//   Telegram  POST <api>/bot<token>/sendMessage {"chat_id", "text", "parse_mode":"MarkdownV2"},
//             text escaped and cut into <= 4,096-character chunks. 429: parameters.retry_after.
//   Webhook   POST <url> {"id","kind","tier","title","text","ts"} with Idempotency-Key: <key>
//             and, with a secret, X-Zerodte-Signature: sha256=<hex HMAC of the body>.
#include <memory>
#include <string>

#include "zerodte/publish/channel.hpp"

namespace zerodte::publish {

struct HttpChannelOptions {
  core::Duration timeout = std::chrono::seconds(5);
  bool verify_tls = true;
};

struct DiscordConfig {
  std::string webhook_url;  // https://discord.com/api/webhooks/<id>/<token> (a secret)
  std::string username = "zerodte";
  int color = 0x2ecc71;
  HttpChannelOptions http;
};

struct TelegramConfig {
  std::string api_base = "https://api.telegram.org";
  std::string bot_token;  // a secret
  std::string chat_id;    // "@channel" or "-100..."
  HttpChannelOptions http;
};

struct WebhookConfig {
  std::string url;
  std::string secret;  // HMAC-SHA256 key; empty: unsigned
  HttpChannelOptions http;
};

inline constexpr std::size_t kDiscordContentLimit = 2000;
inline constexpr std::size_t kDiscordDescriptionLimit = 4096;
inline constexpr std::size_t kDiscordTitleLimit = 256;
inline constexpr std::size_t kTelegramLimit = 4096;

std::unique_ptr<Channel> make_discord_channel(DiscordConfig cfg);
std::unique_ptr<Channel> make_telegram_channel(TelegramConfig cfg);
std::unique_ptr<Channel> make_webhook_channel(WebhookConfig cfg);

// The JSON bodies each channel sends for a message (one per chunk), for tests and dry runs.
std::vector<std::string> discord_payloads(const DiscordConfig& cfg, const OutboundMessage& m);
std::vector<std::string> telegram_payloads(const TelegramConfig& cfg, const OutboundMessage& m);
std::string webhook_payload(const OutboundMessage& m);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace zerodte::publish
