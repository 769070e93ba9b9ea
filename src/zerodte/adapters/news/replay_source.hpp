#pragma once
// Replay of recorded posts for backtests: a JSON-lines file (see parse_replay_line) read as an
// engine::EventSource in file order, which must be non-decreasing in ts_recv (checked: an
// out-of-order line is an error naming the file and line). ReplayWriter records live items.
#include <fstream>
#include <memory>
#include <string>

#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/news.hpp"

namespace zerodte::adapters::news {

class ReplayNewsSource final : public engine::EventSource {
 public:
  static core::Result<std::unique_ptr<ReplayNewsSource>> open(const std::string& path);
  std::optional<engine::Event> next() override;
  // Set when next() stopped on a bad line (nullopt returned early).
  [[nodiscard]] const std::optional<core::Error>& error() const { return error_; }
  [[nodiscard]] std::size_t lines_read() const { return line_; }

 private:
  explicit ReplayNewsSource(std::string path) : path_(std::move(path)), in_(path_) {}
  std::string path_;
  std::ifstream in_;
  std::size_t line_ = 0;
  core::Timestamp last_;
  std::optional<core::Error> error_;
};

class ReplayWriter {
 public:
  static core::Result<std::unique_ptr<ReplayWriter>> open(const std::string& path);
  core::Status write(const model::NewsItem& item);

 private:
  explicit ReplayWriter(const std::string& path) : out_(path, std::ios::app) {}
  std::ofstream out_;
};

}  // namespace zerodte::adapters::news
