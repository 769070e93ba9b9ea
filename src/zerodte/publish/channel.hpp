#pragma once
// A delivery channel (Discord webhook, Telegram chat, email list, outbound webhook). send() makes
// one blocking attempt and says what happened: sent (with the receipt: message ids), retry later
// (429 with retry_after, 5xx, transport errors) or failed for good (4xx, bad configuration).
// Secrets (webhook URLs carry tokens, bot tokens, SMTP passwords) never appear in outcomes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/time.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::publish {

enum class MessageKind : std::uint8_t { kSignal, kAlert, kReport };

struct Attachment {
  std::string filename;      // "close-2025-11-21.html"
  std::string content_type;  // "text/html"
  std::string data;
};

struct OutboundMessage {
  std::string key;  // de-duplication id: "SIG-000042/basic/discord"
  std::string id;   // what receivers see: "SIG-000042"
  MessageKind kind = MessageKind::kSignal;
  Tier tier = Tier::kPremium;
  std::string title;
  std::string text;  // plain text (channels escape/format it)
  std::string html;  // optional HTML body (email)
  std::vector<Attachment> attachments;
  std::vector<std::string> recipients;  // email addresses (from the subscriber list)
  core::Timestamp ts;
};

enum class DeliveryStatus : std::uint8_t { kSent, kRetry, kFailed };

struct DeliveryOutcome {
  DeliveryStatus status = DeliveryStatus::kFailed;
  std::string receipt;            // message id(s), comma separated
  core::Duration retry_after{0};  // kRetry: at least this long (0: caller's backoff)
  std::string error;              // kRetry/kFailed: why
  int http_status = 0;
  static DeliveryOutcome sent(std::string receipt) {
    return {DeliveryStatus::kSent, std::move(receipt), core::Duration{0}, {}, 0};
  }
};

class Channel {
 public:
  virtual ~Channel() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;  // "discord", "telegram", ...
  virtual DeliveryOutcome send(const OutboundMessage& m) = 0;
};

// Maps an HTTP exchange to an outcome: 2xx sent, 429 retry (retry_after from the body's
// seconds or the Retry-After header), 5xx retry, other statuses failed.
DeliveryOutcome http_outcome(std::string_view service, int status, std::string_view body,
                             std::string_view retry_after_header, double body_retry_after_s);

}  // namespace zerodte::publish
