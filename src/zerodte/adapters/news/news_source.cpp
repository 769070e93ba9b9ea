#include "zerodte/adapters/news/news_source.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "zerodte/engine/kernel.hpp"

namespace zerodte::adapters::news {

NewsSink inbox_sink(engine::Kernel& kernel) {
  return [&kernel](model::NewsItem item) {
    if (!item.ts_recv.is_set()) item.ts_recv = kernel.clock().now();
    kernel.inbox().push(engine::Event{std::make_shared<const model::NewsItem>(std::move(item))},
                        engine::OverflowPolicy::kDrop);
  };
}

core::Duration Backoff::next() {
  if (current.count() == 0) {
    current = initial;
  } else {
    current = std::min(max, std::chrono::duration_cast<core::Duration>(current * factor));
  }
  return current;
}

void PollingSource::count_error(const core::Error& e) {
  ++stats_.errors;
  switch (e.code) {
    case core::ErrorCode::kAuth:
      ++stats_.auth_failures;
      break;
    case core::ErrorCode::kRateLimited:
      ++stats_.rate_limited;
      break;
    case core::ErrorCode::kTransport:
    case core::ErrorCode::kTimeout:
      ++stats_.disconnects;
      break;
    case core::ErrorCode::kParse:
      ++stats_.malformed;
      break;
    default:
      break;
  }
}

core::Duration PollingSource::next_delay(const core::Status& last) {
  core::Duration d = interval_;
  if (!last)
    d = std::max(d, backoff_.next());
  else
    backoff_.reset();
  d = std::max(d, throttle_until_);
  throttle_until_ = core::Duration{0};
  return d;
}

void PollingSource::run(const NewsSink& sink, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    const auto st = poll_once(sink);
    auto wait = next_delay(st);
    while (!stop.load() && wait.count() > 0) {
      const auto step = std::min<core::Duration>(wait, std::chrono::milliseconds(50));
      std::this_thread::sleep_for(step);
      wait -= step;
    }
  }
}

bool SeenIds::insert(const std::string& id) {
  if (!set_.insert(id).second) return false;
  order_.push_back(id);
  while (order_.size() > capacity_) {
    set_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

std::string env_or_empty(const std::string& name) {
  if (name.empty()) return {};
  const char* v = std::getenv(name.c_str());
  return v ? std::string(v) : std::string();
}

std::string base64(std::string_view s) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < s.size()) {
    const std::uint32_t v = (static_cast<unsigned char>(s[i]) << 16) |
                            (static_cast<unsigned char>(s[i + 1]) << 8) |
                            static_cast<unsigned char>(s[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
    i += 3;
  }
  if (i < s.size()) {
    std::uint32_t v = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) v |= static_cast<unsigned char>(s[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < s.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace zerodte::adapters::news
