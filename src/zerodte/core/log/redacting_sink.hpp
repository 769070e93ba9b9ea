#pragma once
// A spdlog sink that scrubs each message (redactor.hpp) and forwards it to its child sinks, so no
// child (stderr, file, JSON or text) ever sees a registered secret or a credential pattern.
// Includes spdlog: include it from .cpp files only.
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>

#include "zerodte/core/log/redactor.hpp"

namespace zerodte::core::log {

template <typename Mutex>
class RedactingSink final : public spdlog::sinks::base_sink<Mutex> {
 public:
  explicit RedactingSink(std::vector<spdlog::sink_ptr> children) : children_(std::move(children)) {}

  [[nodiscard]] const std::vector<spdlog::sink_ptr>& children() const { return children_; }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string clean = redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(clean.data(), clean.size());
    for (auto& child : children_) {
      if (child->should_log(copy.level)) child->log(copy);
    }
  }
  void flush_() override {
    for (auto& child : children_)
      child->flush();
  }
  // Children keep their own formatters (text or JSON); the wrapper formats nothing itself.
  void set_pattern_(const std::string& /*pattern*/) override {}
  void set_formatter_(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

 private:
  std::vector<spdlog::sink_ptr> children_;
};

using RedactingSinkMt = RedactingSink<std::mutex>;

}  // namespace zerodte::core::log
