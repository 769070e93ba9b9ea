#include "zerodte/adapters/news/replay_source.hpp"

#include "zerodte/adapters/news/news_parsers.hpp"

namespace zerodte::adapters::news {

core::Result<std::unique_ptr<ReplayNewsSource>> ReplayNewsSource::open(const std::string& path) {
  std::unique_ptr<ReplayNewsSource> s(new ReplayNewsSource(path));
  if (!s->in_) return core::fail(core::ErrorCode::kIo, "{}: cannot open replay file", path);
  return s;
}

std::optional<engine::Event> ReplayNewsSource::next() {
  if (error_) return std::nullopt;
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    if (line.empty() || line == "\r") continue;
    auto item = parse_replay_line(line);
    if (!item) {
      error_ = item.error().with_context(fmt::format("{}:{}", path_, line_));
      return std::nullopt;
    }
    if (item->ts_recv < last_) {
      error_ = core::Error{
          core::ErrorCode::kInvalid,
          fmt::format("{}:{}: ts_recv goes backwards (items must be in time order)", path_, line_)};
      return std::nullopt;
    }
    last_ = item->ts_recv;
    return engine::Event{std::make_shared<const model::NewsItem>(std::move(*item))};
  }
  return std::nullopt;
}

core::Result<std::unique_ptr<ReplayWriter>> ReplayWriter::open(const std::string& path) {
  std::unique_ptr<ReplayWriter> w(new ReplayWriter(path));
  if (!w->out_) return core::fail(core::ErrorCode::kIo, "{}: cannot open for append", path);
  return w;
}

core::Status ReplayWriter::write(const model::NewsItem& item) {
  out_ << to_replay_line(item) << '\n';
  out_.flush();
  if (!out_) return core::fail(core::ErrorCode::kIo, "replay writer: write failed");
  return core::ok();
}

}  // namespace zerodte::adapters::news
