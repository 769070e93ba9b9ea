#pragma once
// Email over SMTP through libcurl: STARTTLS (required by default; "try" for servers without it,
// "off" for loopback tests), optional login from environment variables, one MIME message per
// send with the HTML body (or the text) and attachments (the HTML report), addressed to the
// message's recipients (the tier's subscriber list). SMTP 4xx and connection errors are retried,
// 5xx and authentication failures are not. The password never appears in outcomes.
#include <memory>
#include <string>

#include "zerodte/publish/channel.hpp"

namespace zerodte::publish {

enum class StartTls : std::uint8_t { kRequired, kTry, kOff };

struct EmailConfig {
  std::string smtp_url = "smtp://127.0.0.1:25";  // smtp:// (STARTTLS) or smtps://
  std::string from = "zerodte <signals@example.com>";
  std::string username_env;  // empty: no login
  std::string password_env;
  StartTls starttls = StartTls::kRequired;
  bool verify_tls = true;
  core::Duration timeout = std::chrono::seconds(10);
};

std::unique_ptr<Channel> make_email_channel(EmailConfig cfg);
// The subject line header value (RFC 2047 encoded when not ASCII).
std::string encode_header_word(std::string_view text);

}  // namespace zerodte::publish
