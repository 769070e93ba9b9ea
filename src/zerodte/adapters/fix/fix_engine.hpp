#pragma once
// A thin bridge over QuickFIX (Debian libquickfix-dev 1.15): one FIX session, initiator or
// acceptor, configured from QuickFIX settings text, with messages exchanged as plain tag/value
// lists. Session-level work (logon, heartbeats, sequence numbers, ResendRequest, gap fill,
// the file store) is QuickFIX's.
//
// Why a bridge: QuickFIX 1.15's headers use dynamic exception specifications, which C++17 and
// later reject, so fix_engine.cpp is compiled as C++14 and this header uses nothing newer. The
// adapter (fix_execution_client.cpp) and the test broker speak FIX through it.
//
// Threading: QuickFIX calls the handlers on its own thread (the initiator's or acceptor's
// socket thread). send() may be called from any thread.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace zerodte::adapters::fix {

struct FixField {
  int tag = 0;
  std::string value;
};

// One repeating group: the NoXxx count tag, the delimiter (first field of each entry), and the
// entries in order. `order` lists the entry's tags in the order they are written (the FIX
// specification's order); received groups leave it empty.
struct FixGroup {
  int count_tag = 0;
  int delim = 0;
  std::vector<int> order;
  std::vector<std::vector<FixField>> entries;
};

struct FixMessage {
  std::string msg_type;  // 35
  std::vector<FixField> fields;
  std::vector<FixGroup> groups;
  // Header facts of a received message.
  int seq_num = 0;        // 34
  bool poss_dup = false;  // 43=Y (a resent message)

  void set(int tag, std::string value) { fields.push_back(FixField{tag, std::move(value)}); }
  // The value of `tag` in the body, or nullptr.
  const std::string* get(int tag) const;
  std::string get_or(int tag, const std::string& fallback = std::string()) const;
  const FixGroup* group(int count_tag) const;
  // "35=D|11=abc|..." for logs and errors (password-free: Logon fields 553/554 are not kept).
  std::string to_string() const;
};

struct FixHandlers {
  std::function<void()> on_logon;
  std::function<void(const std::string& reason)> on_logout;
  std::function<void(const FixMessage&)> on_app;    // application messages received
  std::function<void(const FixMessage&)> on_admin;  // session messages received (0,1,2,3,4,5,A)
};

// Initiator: sent on our Logon (553/554; empty username = none sent). Acceptor: when a username
// is set, Logons that do not carry exactly these are refused (RejectLogon). Never logged.
struct FixLogonCredentials {
  std::string username;
  std::string password;
};

class FixEngine {
 public:
  enum class Role { kInitiator, kAcceptor };
  virtual ~FixEngine() = default;

  // `settings` is the text of a QuickFIX settings file with exactly one session. Returns
  // nullptr and sets `error` on a configuration error (the message names the setting).
  static std::unique_ptr<FixEngine> create(Role role, const std::string& settings,
                                           FixHandlers handlers, FixLogonCredentials credentials,
                                           std::string* error);

  virtual bool start(std::string* error) = 0;  // connects (initiator) / listens (acceptor)
  // Logs out and closes; idempotent. Without `force` QuickFIX waits (in 1 s steps, up to 10 s)
  // for the peer's Logout; with it the sockets close at once.
  virtual void stop(bool force = false) = 0;
  virtual bool logged_on() const = 0;
  // Sends an application message on the session. False (with `error`) when the session does not
  // exist or QuickFIX refused; while logged out QuickFIX stores the message and resends it
  // after the next logon, so the adapter checks logged_on() first.
  virtual bool send(const FixMessage& message, std::string* error) = 0;

  // Session state, for recovery and for tests that make gaps.
  virtual int next_sender_seq() const = 0;
  virtual int next_target_seq() const = 0;
  virtual void set_next_sender_seq(int seq) = 0;  // skipping ahead makes a gap at the peer
  virtual void disconnect() = 0;                  // drop the socket without Logout
};

}  // namespace zerodte::adapters::fix
