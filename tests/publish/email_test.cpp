// Email over SMTP with STARTTLS against a local aiosmtpd (Debian python3-aiosmtpd) that requires
// TLS before MAIL FROM, with a self-signed certificate made for the test. The HTML report is
// attached; recipients come from the tier's subscriber list. A server without STARTTLS is
// refused when TLS is required.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "publish/publish_fixture.hpp"
#include "zerodte/publish/email_channel.hpp"

namespace zerodte::publish {
namespace {

using namespace testing;  // NOLINT
namespace fs = std::filesystem;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(a);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  ::close(fd);
  return ok;
}

// aiosmtpd storing mail in a Maildir; with TLS it requires STARTTLS.
struct SmtpServer {
  fs::path dir;
  int port = 0;
  pid_t pid = -1;
  std::string why_not;

  explicit SmtpServer(bool tls) {
    dir = fs::temp_directory_path() / fmt::format("zerodte_smtp_{}_{}", ::getpid(), tls);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    if (std::system(fmt::format("{} -c 'import aiosmtpd' 2>/dev/null", python).c_str()) != 0) {
      why_not = "python3-aiosmtpd is not installed";
      return;
    }
    const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
    if (tls && std::system(fmt::format("openssl req -x509 -newkey ec -pkeyopt "
                                       "ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "
                                       "/CN=127.0.0.1 -keyout {} -out {} 2>/dev/null",
                                       key, cert)
                               .c_str()) != 0) {
      why_not = "openssl could not make a test certificate";
      return;
    }
    port = free_port();
    const std::string listen = fmt::format("127.0.0.1:{}", port);
    const std::string maildir = (dir / "mail").string();
    std::fflush(nullptr);
    pid = ::fork();
    if (pid == 0) {
      if (tls) {
        ::execl(python.c_str(), "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(),
                "--tlscert", cert.c_str(), "--tlskey", key.c_str(), "-c",
                "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
      } else {
        ::execl(python.c_str(), "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
                "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
      }
      ::_exit(127);
    }
    for (int i = 0; i < 500 && !can_connect(port); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!can_connect(port)) why_not = "aiosmtpd did not start";
  }
  ~SmtpServer() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
    fs::remove_all(dir);
  }
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir / "mail" / "new", ec)) {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }
};

TEST(Email, StartTlsReportWithAttachmentToTheTiersSubscribers) {
  SmtpServer smtp(true);
  if (!smtp.why_not.empty()) GTEST_SKIP() << smtp.why_not;
  Harness h(temp_file("email"));
  ASSERT_TRUE(
      h.store->add_subscriber({0, "alice", Tier::kPremium, "email", "alice@example.com", true}));
  ASSERT_TRUE(
      h.store->add_subscriber({0, "carol", Tier::kPremium, "email", "carol@example.com", true}));
  ASSERT_TRUE(h.store->add_subscriber({0, "bob", Tier::kFree, "email", "bob@example.com", true}));
  EmailConfig cfg;
  cfg.smtp_url = fmt::format("smtp://127.0.0.1:{}", smtp.port);
  cfg.starttls = StartTls::kRequired;
  cfg.verify_tls = false;  // self-signed test certificate
  cfg.timeout = std::chrono::seconds(5);
  h.dist->add_route(Tier::kPremium, std::shared_ptr<Channel>(make_email_channel(cfg)));
  TierContent c;
  c.title = "\U0001F4CA Close report 2025-11-21";
  c.text = "Full report attached.";
  c.html = "<html><body><h1>Close report</h1><p>Net P&amp;L +412.50</p></body></html>";
  c.attachments.push_back({"close-2025-11-21.html", "text/html", c.html});
  ASSERT_TRUE(h.dist->publish_report("RPT-2025-11-21-close", {{Tier::kPremium, c}}));
  h.run_until(kT0 + std::chrono::seconds(1));
  auto row = h.store->get("RPT-2025-11-21-close/email:premium");
  ASSERT_TRUE(row && *row);
  ASSERT_EQ((*row)->status, "sent") << (*row)->last_error;
  const auto mails = smtp.messages();
  ASSERT_EQ(mails.size(), 1u);
  const auto& m = mails[0];
  EXPECT_NE(m.find("To: alice@example.com, carol@example.com"), std::string::npos) << m;
  EXPECT_EQ(m.find("bob@example.com"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find("X-Zerodte-Id: RPT-2025-11-21-close"), std::string::npos);
  EXPECT_NE(m.find("filename=\"close-2025-11-21.html\""), std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/html"), std::string::npos);
}

TEST(Email, RequiredStartTlsRefusesAPlainServer) {
  SmtpServer smtp(false);
  if (!smtp.why_not.empty()) GTEST_SKIP() << smtp.why_not;
  EmailConfig cfg;
  cfg.smtp_url = fmt::format("smtp://127.0.0.1:{}", smtp.port);
  cfg.starttls = StartTls::kRequired;
  auto ch = make_email_channel(cfg);
  OutboundMessage m;
  m.id = "ALERT-1";
  m.key = "ALERT-1/email:operator";
  m.text = "x";
  m.recipients = {"ops@example.com"};
  const auto o = ch->send(m);
  EXPECT_EQ(o.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(smtp.messages().empty());
  // The same server with STARTTLS off (loopback only) accepts it.
  cfg.starttls = StartTls::kOff;
  EXPECT_EQ(make_email_channel(cfg)->send(m).status, DeliveryStatus::kSent);
  m.recipients = {"not an address"};
  EXPECT_EQ(make_email_channel(cfg)->send(m).status, DeliveryStatus::kFailed);
}

}  // namespace
}  // namespace zerodte::publish
