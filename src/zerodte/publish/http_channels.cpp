#include "zerodte/publish/http_channels.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "zerodte/publish/json_text.hpp"
#include "zerodte/publish/markdown_v2.hpp"
#include "zerodte/sentiment/http_client.hpp"

namespace zerodte::publish {
namespace {

std::string cut_points(std::string_view s, std::size_t limit) {
  if (utf8_length(s) <= limit) return std::string(s);
  auto parts = chunk_text(s, limit - 1);
  return parts.empty() ? std::string() : parts.front() + "\u2026";
}

double json_double_at(std::string_view body, std::initializer_list<std::string_view> path) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) return 0;
  const boost::json::value* cur = &v;
  for (auto k : path) {
    const auto* o = cur->if_object();
    if (o == nullptr) return 0;
    const auto* next = o->if_contains(k);
    if (next == nullptr) return 0;
    cur = next;
  }
  if (cur->is_double()) return cur->as_double();
  if (cur->is_int64()) return static_cast<double>(cur->as_int64());
  if (cur->is_uint64()) return static_cast<double>(cur->as_uint64());
  return 0;
}

std::string json_id_at(std::string_view body, std::initializer_list<std::string_view> path) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) return {};
  const boost::json::value* cur = &v;
  for (auto k : path) {
    const auto* o = cur->if_object();
    if (o == nullptr) return {};
    const auto* next = o->if_contains(k);
    if (next == nullptr) return {};
    cur = next;
  }
  if (cur->is_string()) return std::string(cur->as_string());
  if (cur->is_int64()) return std::to_string(cur->as_int64());
  if (cur->is_uint64()) return std::to_string(cur->as_uint64());
  return {};
}

// Webhook URLs and bot paths carry tokens: keep only scheme://host:port in messages.
std::string redact(std::string msg, const std::string& url) {
  const auto scheme = url.find("://");
  const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path != std::string::npos) {
    const std::string secret = url.substr(path);
    for (auto at = msg.find(secret); at != std::string::npos; at = msg.find(secret))
      msg.replace(at, secret.size(), "/<redacted>");
  }
  return msg;
}

sentiment::HttpOptions http_options(const HttpChannelOptions& o) {
  sentiment::HttpOptions h;
  h.timeout = o.timeout;
  h.verify_tls = o.verify_tls;
  h.max_body = 1u << 20;
  return h;
}

// One POST; maps transport errors to retry.
DeliveryOutcome post(std::string_view service, const std::string& url, std::string body,
                     const HttpChannelOptions& opt,
                     std::vector<std::pair<std::string, std::string>> headers,
                     std::initializer_list<std::string_view> retry_path,
                     std::initializer_list<std::string_view> id_path) {
  sentiment::HttpRequest req;
  req.method = "POST";
  req.url = url;
  req.headers = std::move(headers);
  req.headers.emplace_back("Content-Type", "application/json");
  req.body = std::move(body);
  auto r = sentiment::http_request(req, http_options(opt));
  if (!r) {
    DeliveryOutcome o;
    o.status = r.error().code == core::ErrorCode::kConfig ? DeliveryStatus::kFailed
                                                          : DeliveryStatus::kRetry;
    o.error = redact(fmt::format("{}: {}", service, r.error().message), url);
    return o;
  }
  auto o = http_outcome(service, r->status, r->body, r->header("Retry-After"),
                        json_double_at(r->body, retry_path));
  if (o.status == DeliveryStatus::kSent) o.receipt = json_id_at(r->body, id_path);
  return o;
}

class DiscordChannel final : public Channel {
 public:
  explicit DiscordChannel(DiscordConfig cfg) : cfg_(std::move(cfg)) {}
  std::string_view name() const override { return "discord"; }
  DeliveryOutcome send(const OutboundMessage& m) override {
    const std::string url = cfg_.webhook_url +
                            (cfg_.webhook_url.find('?') == std::string::npos ? "?" : "&") +
                            "wait=true";
    std::string receipts;
    for (auto& body : discord_payloads(cfg_, m)) {
      auto o = post("discord", url, std::move(body), cfg_.http, {}, {"retry_after"}, {"id"});
      if (o.status != DeliveryStatus::kSent) {
        o.receipt = receipts;  // the parts already posted
        return o;
      }
      receipts += (receipts.empty() ? "" : ",") + o.receipt;
    }
    return DeliveryOutcome::sent(receipts);
  }

 private:
  DiscordConfig cfg_;
};

class TelegramChannel final : public Channel {
 public:
  explicit TelegramChannel(TelegramConfig cfg) : cfg_(std::move(cfg)) {}
  std::string_view name() const override { return "telegram"; }
  DeliveryOutcome send(const OutboundMessage& m) override {
    const std::string url = fmt::format("{}/bot{}/sendMessage", cfg_.api_base, cfg_.bot_token);
    std::string receipts;
    for (auto& body : telegram_payloads(cfg_, m)) {
      auto o = post("telegram", url, std::move(body), cfg_.http, {}, {"parameters", "retry_after"},
                    {"result", "message_id"});
      if (o.status != DeliveryStatus::kSent) {
        o.receipt = receipts;
        return o;
      }
      receipts += (receipts.empty() ? "" : ",") + o.receipt;
    }
    return DeliveryOutcome::sent(receipts);
  }

 private:
  TelegramConfig cfg_;
};

class WebhookChannel final : public Channel {
 public:
  explicit WebhookChannel(WebhookConfig cfg) : cfg_(std::move(cfg)) {}
  std::string_view name() const override { return "webhook"; }
  DeliveryOutcome send(const OutboundMessage& m) override {
    std::string body = webhook_payload(m);
    std::vector<std::pair<std::string, std::string>> headers{{"Idempotency-Key", m.key}};
    if (!cfg_.secret.empty()) {
      headers.emplace_back("X-Zerodte-Signature", "sha256=" + hmac_sha256_hex(cfg_.secret, body));
    }
    auto o = post("webhook", cfg_.url, std::move(body), cfg_.http, std::move(headers),
                  {"retry_after"}, {"id"});
    if (o.status == DeliveryStatus::kSent && o.receipt.empty()) o.receipt = m.key;
    return o;
  }

 private:
  WebhookConfig cfg_;
};

}  // namespace

DeliveryOutcome http_outcome(std::string_view service, int status, std::string_view body,
                             std::string_view retry_after_header, double body_retry_after_s) {
  DeliveryOutcome o;
  o.http_status = status;
  if (status >= 200 && status < 300) {
    o.status = DeliveryStatus::kSent;
    return o;
  }
  const std::string snippet(body.substr(0, 200));
  if (status == 429 || status >= 500) {
    o.status = DeliveryStatus::kRetry;
    double s = body_retry_after_s;
    if (s <= 0 && !retry_after_header.empty()) {
      try {
        s = std::stod(std::string(retry_after_header));
      } catch (...) {
        s = 0;
      }
    }
    if (s > 0) o.retry_after = core::Duration{static_cast<std::int64_t>(s * 1e9)};
    o.error = fmt::format("{}: HTTP {}{}: {}", service, status,
                          status == 429 ? " (rate limited)" : "", snippet);
    return o;
  }
  o.status = DeliveryStatus::kFailed;
  o.error = fmt::format("{}: HTTP {}: {}", service, status, snippet);
  return o;
}

std::vector<std::string> discord_payloads(const DiscordConfig& cfg, const OutboundMessage& m) {
  std::vector<std::string> out;
  auto chunks = chunk_text(m.text, kDiscordContentLimit);
  if (chunks.empty()) chunks.emplace_back();
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    std::string body = fmt::format(R"({{"username":{},"content":{})", json_string(cfg.username),
                                   json_string(chunks[i]));
    if (i == 0) {
      std::string title = m.title.empty() ? m.id : m.title;
      body += fmt::format(
          R"(,"embeds":[{{"title":{},"color":{},"footer":{{"text":{}}},"timestamp":{}}}])",
          json_string(cut_points(title, kDiscordTitleLimit)), cfg.color,
          json_string(fmt::format("{} \u00b7 {}", m.id, to_string(m.tier))),
          json_string(core::to_iso8601(m.ts).substr(0, 19) + "Z"));
    }
    out.push_back(body + "}");
  }
  return out;
}

std::vector<std::string> telegram_payloads(const TelegramConfig& cfg, const OutboundMessage& m) {
  std::string text;
  if (!m.title.empty()) text += "*" + escape_markdown_v2(m.title) + "*\n";
  text += escape_markdown_v2(m.text);
  if (!m.id.empty()) text += "\n_" + escape_markdown_v2(m.id) + "_";
  std::vector<std::string> out;
  for (const auto& c : chunk_text(text, kTelegramLimit)) {
    out.push_back(fmt::format(
        R"({{"chat_id":{},"text":{},"parse_mode":"MarkdownV2","disable_web_page_preview":true}})",
        json_string(cfg.chat_id), json_string(c)));
  }
  return out;
}

std::string webhook_payload(const OutboundMessage& m) {
  const std::string_view kind = m.kind == MessageKind::kSignal  ? "signal"
                                : m.kind == MessageKind::kAlert ? "alert"
                                                                : "report";
  return fmt::format(R"({{"id":{},"key":{},"kind":"{}","tier":"{}","title":{},"text":{},"ts":{}}})",
                     json_string(m.id), json_string(m.key), kind, to_string(m.tier),
                     json_string(m.title), json_string(m.text),
                     json_string(core::to_iso8601(m.ts)));
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i)
    hex += fmt::format("{:02x}", md[i]);
  return hex;
}

std::unique_ptr<Channel> make_discord_channel(DiscordConfig cfg) {
  return std::make_unique<DiscordChannel>(std::move(cfg));
}
std::unique_ptr<Channel> make_telegram_channel(TelegramConfig cfg) {
  return std::make_unique<TelegramChannel>(std::move(cfg));
}
std::unique_ptr<Channel> make_webhook_channel(WebhookConfig cfg) {
  return std::make_unique<WebhookChannel>(std::move(cfg));
}

}  // namespace zerodte::publish
