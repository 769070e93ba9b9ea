// Compiled as C++14 (see fix_engine.hpp): QuickFIX 1.15's headers need it.
#include "zerodte/adapters/fix/fix_engine.hpp"

#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Log.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>

namespace zerodte::adapters::fix {

const std::string* FixMessage::get(int tag) const {
  for (const auto& f : fields) {
    if (f.tag == tag) return &f.value;
  }
  return nullptr;
}

std::string FixMessage::get_or(int tag, const std::string& fallback) const {
  const std::string* v = get(tag);
  return v != nullptr ? *v : fallback;
}

const FixGroup* FixMessage::group(int count_tag) const {
  for (const auto& g : groups) {
    if (g.count_tag == count_tag) return &g;
  }
  return nullptr;
}

std::string FixMessage::to_string() const {
  std::string out = "35=" + msg_type;
  for (const auto& f : fields)
    out += "|" + std::to_string(f.tag) + "=" + f.value;
  for (const auto& g : groups) {
    for (const auto& e : g.entries) {
      out += "|[";
      for (const auto& f : e)
        out += std::to_string(f.tag) + "=" + f.value + ";";
      out += "]";
    }
  }
  return out;
}

namespace {

// 553/554 (Username/Password) never leave the session layer: they are not copied into
// FixMessage and are masked in the message log.
bool is_secret_tag(int tag) {
  return tag == FIX::FIELD::Username || tag == FIX::FIELD::Password;
}

FixMessage convert(const FIX::Message& m) {
  FixMessage out;
  const FIX::Header& h = m.getHeader();
  out.msg_type = h.getField(FIX::FIELD::MsgType);
  if (h.isSetField(FIX::FIELD::MsgSeqNum)) {
    out.seq_num = std::atoi(h.getField(FIX::FIELD::MsgSeqNum).c_str());
  }
  out.poss_dup =
      h.isSetField(FIX::FIELD::PossDupFlag) && h.getField(FIX::FIELD::PossDupFlag) == "Y";
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (is_secret_tag(it->getTag())) continue;
    out.fields.push_back(FixField{it->getTag(), it->getString()});
  }
  for (auto g = m.g_begin(); g != m.g_end(); ++g) {
    FixGroup group;
    group.count_tag = g->first;
    for (const FIX::FieldMap* entry : g->second) {
      std::vector<FixField> fields;
      for (auto it = entry->begin(); it != entry->end(); ++it) {
        fields.push_back(FixField{it->getTag(), it->getString()});
      }
      if (!fields.empty() && group.delim == 0) group.delim = fields.front().tag;
      group.entries.push_back(std::move(fields));
    }
    out.groups.push_back(std::move(group));
  }
  return out;
}

std::string masked(const std::string& raw) {
  std::string out = raw;
  for (char& c : out)
    if (c == '\x01') c = '|';
  const std::string key = "|554=";
  std::size_t pos = out.find(key);
  while (pos != std::string::npos) {
    const std::size_t start = pos + key.size();
    const std::size_t end = out.find('|', start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
    pos = out.find(key, start);
  }
  return out;
}

// A message log (FileLogPath) that masks the password on Logon.
class MaskedFileLog : public FIX::Log {
 public:
  explicit MaskedFileLog(const std::string& path) : out_(path, std::ios::app) {}
  void clear() override {}
  void backup() override {}
  void onIncoming(const std::string& v) override { write("in  ", masked(v)); }
  void onOutgoing(const std::string& v) override { write("out ", masked(v)); }
  void onEvent(const std::string& v) override { write("evt ", v); }

 private:
  void write(const char* kind, const std::string& line) {
    std::lock_guard<std::mutex> l(mu_);
    out_ << FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 6) << ' ' << kind << line
         << '\n';
    out_.flush();
  }
  std::mutex mu_;
  std::ofstream out_;
};

class MaskedFileLogFactory : public FIX::LogFactory {
 public:
  explicit MaskedFileLogFactory(std::string dir) : dir_(std::move(dir)) {}
  FIX::Log* create() override { return new MaskedFileLog(dir_ + "/events.log"); }
  FIX::Log* create(const FIX::SessionID& id) override {
    return new MaskedFileLog(dir_ + "/" + id.getSenderCompID().getValue() + "-" +
                             id.getTargetCompID().getValue() + ".messages.log");
  }
  void destroy(FIX::Log* log) override { delete log; }

 private:
  std::string dir_;
};

class App : public FIX::Application {
 public:
  App(FixHandlers h, FixLogonCredentials c, bool initiator)
      : h_(std::move(h)), cred_(std::move(c)), initiator_(initiator) {}
  std::atomic<bool> logged_on{false};

  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID&) override {
    logged_on = true;
    if (h_.on_logon) guarded([&] { h_.on_logon(); });
  }
  void onLogout(const FIX::SessionID&) override {
    const bool was = logged_on.exchange(false);
    if (h_.on_logout) guarded([&] { h_.on_logout(was ? "logged out" : "logon failed"); });
  }
  void toAdmin(FIX::Message& m, const FIX::SessionID&) override {
    if (!initiator_ || cred_.username.empty()) return;
    if (m.getHeader().getField(FIX::FIELD::MsgType) == FIX::MsgType_Logon) {
      m.setField(FIX::FIELD::Username, cred_.username);
      if (!cred_.password.empty()) m.setField(FIX::FIELD::Password, cred_.password);
    }
  }
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message& m,
                 const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                              FIX::IncorrectTagValue, FIX::RejectLogon) override {
    // Acceptor with expected credentials (test brokers): refuse a Logon that does not match.
    if (!initiator_ && !cred_.username.empty() &&
        m.getHeader().getField(FIX::FIELD::MsgType) == FIX::MsgType_Logon) {
      const bool user_ok =
          m.isSetField(FIX::FIELD::Username) && m.getField(FIX::FIELD::Username) == cred_.username;
      const bool pass_ok =
          m.isSetField(FIX::FIELD::Password) && m.getField(FIX::FIELD::Password) == cred_.password;
      if (!user_ok || !pass_ok) throw FIX::RejectLogon("invalid username or password");
    }
    if (h_.on_admin) guarded([&] { h_.on_admin(convert(m)); });
  }
  void fromApp(const FIX::Message& m,
               const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                            FIX::IncorrectTagValue,
                                            FIX::UnsupportedMessageType) override {
    if (h_.on_app) guarded([&] { h_.on_app(convert(m)); });
  }

 private:
  // A handler that throws must not unwind through QuickFIX's exception specifications.
  template <typename F>
  static void guarded(F&& f) {
    try {
      f();
    } catch (...) {
    }
  }
  FixHandlers h_;
  FixLogonCredentials cred_;
  bool initiator_;
};

class Engine final : public FixEngine {
 public:
  Engine(Role role, FixHandlers h, FixLogonCredentials c)
      : role_(role), app_(std::move(h), std::move(c), role == Role::kInitiator) {}
  ~Engine() override { stop(true); }

  bool init(const std::string& text, std::string* error) {
    try {
      std::istringstream in(text);
      settings_.reset(new FIX::SessionSettings(in));
      const std::set<FIX::SessionID> ids = settings_->getSessions();
      if (ids.size() != 1) {
        *error =
            "FIX settings: expected exactly one [SESSION], found " + std::to_string(ids.size());
        return false;
      }
      id_ = *ids.begin();
      store_.reset(new FIX::FileStoreFactory(*settings_));
      const FIX::Dictionary& d = settings_->get(id_);
      if (d.has("FileLogPath")) log_.reset(new MaskedFileLogFactory(d.getString("FileLogPath")));
      if (role_ == Role::kInitiator) {
        conn_.reset(log_ ? new FIX::SocketInitiator(app_, *store_, *settings_, *log_)
                         : new FIX::SocketInitiator(app_, *store_, *settings_));
      } else {
        acc_.reset(log_ ? new FIX::SocketAcceptor(app_, *store_, *settings_, *log_)
                        : new FIX::SocketAcceptor(app_, *store_, *settings_));
      }
      return true;
    } catch (const std::exception& e) {
      *error = std::string("FIX settings: ") + e.what();
      return false;
    }
  }

  bool start(std::string* error) override {
    try {
      if (conn_) conn_->start();
      if (acc_) acc_->start();
      started_ = true;
      return true;
    } catch (const std::exception& e) {
      if (error != nullptr) *error = std::string("FIX start: ") + e.what();
      return false;
    }
  }
  void stop(bool force) override {
    if (!started_) return;
    started_ = false;
    try {
      if (conn_) conn_->stop(force);
      if (acc_) acc_->stop(force);
    } catch (...) {
    }
  }
  bool logged_on() const override { return app_.logged_on.load(); }
  bool send(const FixMessage& msg, std::string* error) override {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, msg.msg_type);
    for (const auto& f : msg.fields)
      m.setField(f.tag, f.value);
    for (const auto& g : msg.groups) {
      std::vector<int> order = g.order;
      order.push_back(0);
      for (const auto& entry : g.entries) {
        FIX::Group group(g.count_tag, g.delim, order.data());
        for (const auto& f : entry)
          group.setField(f.tag, f.value);
        m.addGroup(group);
      }
    }
    try {
      if (!FIX::Session::sendToTarget(m, id_)) {
        if (error != nullptr) *error = "FIX session refused the message";
        return false;
      }
      return true;
    } catch (const std::exception& e) {
      if (error != nullptr) *error = std::string("FIX send: ") + e.what();
      return false;
    }
  }
  int next_sender_seq() const override {
    FIX::Session* s = FIX::Session::lookupSession(id_);
    return s != nullptr ? s->getExpectedSenderNum() : 0;
  }
  int next_target_seq() const override {
    FIX::Session* s = FIX::Session::lookupSession(id_);
    return s != nullptr ? s->getExpectedTargetNum() : 0;
  }
  void set_next_sender_seq(int seq) override {
    if (FIX::Session* s = FIX::Session::lookupSession(id_)) s->setNextSenderMsgSeqNum(seq);
  }
  void disconnect() override {
    if (FIX::Session* s = FIX::Session::lookupSession(id_)) s->disconnect();
  }

 private:
  Role role_;
  App app_;
  FIX::SessionID id_;
  std::unique_ptr<FIX::SessionSettings> settings_;
  std::unique_ptr<FIX::FileStoreFactory> store_;
  std::unique_ptr<FIX::LogFactory> log_;
  std::unique_ptr<FIX::SocketInitiator> conn_;
  std::unique_ptr<FIX::SocketAcceptor> acc_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<FixEngine> FixEngine::create(Role role, const std::string& settings,
                                             FixHandlers handlers, FixLogonCredentials credentials,
                                             std::string* error) {
  std::unique_ptr<Engine> e(new Engine(role, std::move(handlers), std::move(credentials)));
  if (!e->init(settings, error)) return nullptr;
  return std::unique_ptr<FixEngine>(e.release());
}

}  // namespace zerodte::adapters::fix
