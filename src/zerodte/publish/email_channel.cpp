#include "zerodte/publish/email_channel.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include <fmt/format.h>

namespace zerodte::publish {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string base64(std::string_view s) {
  std::string out(4 * ((s.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "<br>\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// "Name <a@b>" -> "<a@b>"; "a@b" -> "<a@b>".
std::string envelope(std::string_view addr) {
  const auto lt = addr.find('<');
  if (lt != std::string_view::npos) return std::string(addr.substr(lt));
  return fmt::format("<{}>", addr);
}

bool header_safe(std::string_view s) {
  return s.find_first_of("\r\n") == std::string_view::npos;
}

class EmailChannel final : public Channel {
 public:
  explicit EmailChannel(EmailConfig cfg) : cfg_(std::move(cfg)) { global_init(); }
  std::string_view name() const override { return "email"; }

  DeliveryOutcome send(const OutboundMessage& m) override {
    DeliveryOutcome o;
    if (m.recipients.empty()) {
      o.error = fmt::format("email {}: no recipients", m.id);
      return o;
    }
    for (const auto& r : m.recipients) {
      if (!header_safe(r) || r.find('@') == std::string::npos) {
        o.error = fmt::format("email {}: recipient '{}' is not an address", m.id, r);
        return o;
      }
    }
    CURL* c = curl_easy_init();
    if (c == nullptr) {
      o.status = DeliveryStatus::kRetry;
      o.error = "email: curl_easy_init failed";
      return o;
    }
    curl_slist* rcpt = nullptr;
    for (const auto& r : m.recipients)
      rcpt = curl_slist_append(rcpt, envelope(r).c_str());
    std::string to;
    for (const auto& r : m.recipients)
      to += (to.empty() ? "" : ", ") + r;
    curl_slist* headers = nullptr;
    const std::string subject = m.title.empty() ? m.id : m.title;
    for (const std::string& h :
         {fmt::format("From: {}", cfg_.from), fmt::format("To: {}", to),
          fmt::format("Subject: {}", encode_header_word(subject)),
          fmt::format("Message-ID: <{}@zerodte>", base64(m.key)),
          fmt::format("X-Zerodte-Id: {}", m.id), std::string("MIME-Version: 1.0")}) {
      headers = curl_slist_append(headers, h.c_str());
    }
    curl_mime* mime = curl_mime_init(c);
    curl_mimepart* body = curl_mime_addpart(mime);
    const std::string html =
        m.html.empty() ? fmt::format("<html><body><p>{}</p><p><small>{}</small></p></body></html>",
                                     html_escape(m.text), html_escape(m.id))
                       : m.html;
    curl_mime_data(body, html.c_str(), html.size());
    curl_mime_type(body, "text/html; charset=utf-8");
    curl_mime_encoder(body, "quoted-printable");
    for (const auto& a : m.attachments) {
      curl_mimepart* p = curl_mime_addpart(mime);
      curl_mime_data(p, a.data.data(), a.data.size());
      curl_mime_type(p, a.content_type.c_str());
      curl_mime_filename(p, a.filename.c_str());
      curl_mime_encoder(p, "base64");
    }
    const std::string from = envelope(cfg_.from);
    curl_easy_setopt(c, CURLOPT_URL, cfg_.smtp_url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(cfg_.timeout.count() / 1'000'000));
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     cfg_.starttls == StartTls::kRequired ? CURLUSESSL_ALL
                     : cfg_.starttls == StartTls::kTry    ? CURLUSESSL_TRY
                                                          : CURLUSESSL_NONE);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, cfg_.verify_tls ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, cfg_.verify_tls ? 2L : 0L);
    std::string user, pass;
    if (!cfg_.username_env.empty()) {
      const char* u = std::getenv(cfg_.username_env.c_str());
      const char* p = cfg_.password_env.empty() ? nullptr : std::getenv(cfg_.password_env.c_str());
      user = u ? u : "";
      pass = p ? p : "";
      curl_easy_setopt(c, CURLOPT_USERNAME, user.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, pass.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_mime_free(mime);
    curl_slist_free_all(headers);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    o.http_status = static_cast<int>(code);
    if (rc == CURLE_OK)
      return DeliveryOutcome::sent(fmt::format("smtp {} to {}", code, m.recipients.size()));
    o.error = fmt::format("email {}: {} (SMTP {})", m.id, curl_easy_strerror(rc), code);
    const bool permanent = rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED ||
                           rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL ||
                           (code >= 500 && code < 600);
    o.status = permanent ? DeliveryStatus::kFailed : DeliveryStatus::kRetry;
    return o;
  }

 private:
  EmailConfig cfg_;
};

}  // namespace

std::string encode_header_word(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return u >= 0x20 && u < 0x7f;
  });
  if (ascii) return std::string(text);
  return fmt::format("=?UTF-8?B?{}?=", base64(text));
}

std::unique_ptr<Channel> make_email_channel(EmailConfig cfg) {
  return std::make_unique<EmailChannel>(std::move(cfg));
}

}  // namespace zerodte::publish
