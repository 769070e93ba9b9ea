#include "zerodte/risk/trading_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace zerodte::risk {
namespace {

std::string clean(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\t', ' ');
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

bool parse_i64(std::string_view s, std::int64_t& v) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

}  // namespace

core::Result<std::vector<Hold>> FileTradingStateStore::load() {
  std::vector<Hold> out;
  std::ifstream in(file_);
  if (!in) {
    if (!std::filesystem::exists(file_)) return out;
    return core::fail(core::ErrorCode::kIo, "{}: cannot open the risk state file", file_.string());
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::vector<std::string_view> f;
    std::string_view rest = line;
    for (int i = 0; i < 5; ++i) {
      const auto tab = rest.find('\t');
      if (tab == std::string_view::npos) break;
      f.push_back(rest.substr(0, tab));
      rest.remove_prefix(tab + 1);
    }
    f.push_back(rest);
    Hold h;
    std::int64_t since = 0, until = 0;
    if (f.size() != 6 || !parse_i64(f[2], since) || !parse_i64(f[3], until)) {
      return core::fail(core::ErrorCode::kParse,
                        "{}:{}: expected source, level, since_ns, until_ns, by, reason "
                        "separated by tabs",
                        file_.string(), n);
    }
    h.source = f[0];
    if (f[1] == "REDUCING") {
      h.level = TradingState::kReducing;
    } else if (f[1] == "HALTED") {
      h.level = TradingState::kHalted;
    } else if (f[1] == "ACTIVE") {
      h.level = TradingState::kActive;
    } else {
      return core::fail(core::ErrorCode::kParse, "{}:{}: unknown level '{}'", file_.string(), n,
                        f[1]);
    }
    h.since = core::Timestamp{since};
    h.until = core::Timestamp{until};
    h.by = f[4];
    h.reason = f[5];
    out.push_back(std::move(h));
  }
  return out;
}

core::Status FileTradingStateStore::save(const std::vector<Hold>& holds) {
  std::ostringstream os;
  for (const auto& h : holds) {
    os << clean(h.source) << '\t' << to_string(h.level) << '\t' << h.since.ns << '\t' << h.until.ns
       << '\t' << clean(h.by) << '\t' << clean(h.reason) << '\n';
  }
  const std::string text = os.str();
  const std::string tmp = file_.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return core::fail(core::ErrorCode::kIo, "{}: cannot create", tmp);
  std::size_t off = 0;
  while (off < text.size()) {
    const auto w = ::write(fd, text.data() + off, text.size() - off);
    if (w <= 0) {
      ::close(fd);
      return core::fail(core::ErrorCode::kIo, "{}: write failed", tmp);
    }
    off += static_cast<std::size_t>(w);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(tmp.c_str(), file_.c_str()) != 0) {
    return core::fail(core::ErrorCode::kIo, "{}: cannot sync/rename into place", file_.string());
  }
  return {};
}

core::Status TradingStateMachine::restore() {
  if (store_ == nullptr) return {};
  auto r = store_->load();
  if (!r) return std::unexpected(r.error());
  holds_ = std::move(*r);
  return {};
}

TradingState TradingStateMachine::state(core::Timestamp now) const {
  TradingState s = TradingState::kActive;
  for (const auto& h : holds_) {
    if (now < h.until && h.level > s) s = h.level;
  }
  return s;
}

const Hold* TradingStateMachine::find(std::string_view source) const {
  for (const auto& h : holds_) {
    if (h.source == source) return &h;
  }
  return nullptr;
}

bool TradingStateMachine::set(Hold h, core::Timestamp now) {
  const TradingState before = state(now);
  auto it = std::find_if(holds_.begin(), holds_.end(),
                         [&](const Hold& x) { return x.source == h.source; });
  if (it != holds_.end()) {
    *it = std::move(h);
  } else {
    holds_.push_back(std::move(h));
  }
  persist();
  return state(now) != before;
}

bool TradingStateMachine::clear(std::string_view source, core::Timestamp now) {
  const TradingState before = state(now);
  const auto n = std::erase_if(holds_, [&](const Hold& x) { return x.source == source; });
  if (n > 0) persist();
  return state(now) != before;
}

bool TradingStateMachine::clear_all(core::Timestamp now) {
  const TradingState before = state(now);
  holds_.clear();
  persist();
  return state(now) != before;
}

bool TradingStateMachine::expire(core::Timestamp now) {
  const auto n = std::erase_if(holds_, [&](const Hold& x) { return x.until <= now; });
  if (n > 0) persist();
  return n > 0;
}

void TradingStateMachine::persist() {
  if (store_ == nullptr) return;
  if (auto s = store_->save(holds_); !s) {
    store_error_ = s.error();
  } else {
    store_error_.reset();
  }
}

}  // namespace zerodte::risk
