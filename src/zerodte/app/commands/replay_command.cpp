// `zerodte replay --data PATH... [--print] [--from T] [--to T] [--symbols S,...]
//                 [--speed max|realtime|xN] [--limit N] [--key event|recv]`
// Replays users' files through the replay feed and prints the decoded events one per line:
// Databento DBN (.dbn, .dbn.zst, fragments), bar CSVs, Cboe quotedata CSVs and zerodte wire
// recordings (.zrec, DBN live sessions). Without --print, prints counts per event type.
// Exit codes: 0 ok, 1 a source failed mid-stream, 2 bad arguments or unreadable input.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "zerodte/adapters/databento/dbn_events.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/data/event_format.hpp"
#include "zerodte/data/file_sources.hpp"
#include "zerodte/data/recorder.hpp"
#include "zerodte/data/replay_feed.hpp"

namespace {

namespace db = zerodte::adapters::databento;
namespace data = zerodte::data;
namespace core = zerodte::core;
namespace engine = zerodte::engine;
namespace model = zerodte::model;

struct Options {
  std::vector<std::string> paths;
  bool print = false;
  std::string from, to, speed = "max", key = "event";
  std::vector<std::string> symbols;
  std::size_t limit = 0;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Kind { kDbn, kBarCsv, kQuotedata, kRecording };

core::Result<Kind> classify(const std::string& path) {
  if (ends_with(path, ".zrec") || ends_with(path, ".zrec.zst")) return Kind::kRecording;
  if (path.find(".dbn") != std::string::npos || ends_with(path, ".dbz")) return Kind::kDbn;
  if (ends_with(path, ".csv")) {
    std::ifstream in(path);
    if (!in) return core::fail(core::ErrorCode::kIo, "{}: cannot open", path);
    std::string l1, l2;
    std::getline(in, l1);
    std::getline(in, l2);
    if ((l1 + l2).find("Last:") != std::string::npos) return Kind::kQuotedata;
    return Kind::kBarCsv;
  }
  return core::fail(core::ErrorCode::kUnsupported,
                    "{}: unknown data file type (expected .dbn[.zst], .csv or .zrec)", path);
}

// Wraps a source to report its mid-stream error after the run.
struct Checked {
  std::string path;
  std::function<std::optional<core::Error>()> error;
};

int run(const Options& o) {
  model::InstrumentRegistry registry;
  std::vector<std::unique_ptr<engine::EventSource>> sources;
  std::vector<Checked> checks;
  for (const auto& path : o.paths) {
    auto kind = classify(path);
    if (!kind) {
      fmt::print(stderr, "error: {}\n", kind.error().message);
      return 2;
    }
    switch (*kind) {
      case Kind::kDbn: {
        auto s = db::DbnEventSource::open(path, &registry);
        if (!s) {
          fmt::print(stderr, "error: {}\n", s.error().message);
          return 2;
        }
        auto* raw = s->get();
        checks.push_back({path, [raw] { return raw->error(); }});
        sources.push_back(std::move(*s));
        break;
      }
      case Kind::kRecording: {
        auto r = data::RecordingReader::open(path);
        if (!r) {
          fmt::print(stderr, "error: {}\n", r.error().message);
          return 2;
        }
        auto conv = std::make_shared<db::DbnEventConverter>(&registry);
        auto s = std::make_unique<data::RecordingReplaySource>(std::move(*r),
                                                               db::dbn_wire_decoder(conv));
        auto* raw = s.get();
        checks.push_back({path, [raw] { return raw->error(); }});
        sources.push_back(std::move(s));
        break;
      }
      case Kind::kBarCsv: {
        std::string report;
        auto s = data::open_bar_csv(path, data::symbol_from_filename(path), &registry, &report);
        if (!s) {
          fmt::print(stderr, "error: {}\n", s.error().message);
          return 2;
        }
        fmt::print(stderr, "{}: {}\n", path, report);
        sources.push_back(std::move(*s));
        break;
      }
      case Kind::kQuotedata: {
        std::size_t skipped = 0;
        auto s = data::open_cboe_quotedata(path, registry, &skipped);
        if (!s) {
          fmt::print(stderr, "error: {}\n", s.error().message);
          return 2;
        }
        if (skipped > 0) fmt::print(stderr, "{}: {} rows skipped\n", path, skipped);
        sources.push_back(std::move(*s));
        break;
      }
    }
  }
  data::ReplayOptions ro;
  ro.key = o.key == "recv" ? data::MergeKey::kVisibleTime : data::MergeKey::kTsEvent;
  for (const auto& [text, field] : {std::pair{o.from, &ro.from}, std::pair{o.to, &ro.to}}) {
    if (text.empty()) continue;
    auto t = core::parse_iso8601(text);
    if (!t) {
      fmt::print(stderr, "error: --from/--to '{}': {}\n", text, t.error().message);
      return 2;
    }
    *field = *t;
  }
  auto speed = data::parse_speed(o.speed);
  if (!speed) {
    fmt::print(stderr, "error: --speed: {}\n", speed.error().message);
    return 2;
  }
  ro.speed = *speed;
  core::LiveClock clock;
  data::ReplayFeed feed(std::move(sources), ro, &clock);
  // Symbol filter by name (an option matches its underlying too), resolved as instruments appear.
  auto wanted = [&](const engine::Event& e) {
    if (o.symbols.empty()) return true;
    auto id = data::instrument_of(e);
    if (!id) return true;
    const auto* inst = registry.try_get(*id);
    if (inst == nullptr) return false;
    for (const auto& s : o.symbols) {
      if (inst->symbol_view() == s) return true;
      if (inst->option && inst->option->underlying.view() == s) return true;
    }
    return false;
  };
  std::map<std::string, std::size_t> counts;
  std::size_t printed = 0;
  while (auto e = feed.next()) {
    if (!wanted(*e)) continue;
    ++counts[std::string(engine::event_type_name(*e))];
    if (o.print) std::puts(data::format_event(*e, &registry).c_str());
    if (++printed == o.limit) break;
  }
  int rc = 0;
  for (const auto& c : checks) {
    if (auto err = c.error()) {
      fmt::print(stderr, "error: {}\n", err->message);
      rc = 1;
    }
  }
  if (!o.print) {
    for (const auto& [type, n] : counts)
      fmt::print("{:<14} {}\n", type, n);
    fmt::print("{:<14} {}\n", "total", printed);
  }
  return rc;
}

void setup(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("replay", "Replay DBN files, bar/quotedata CSVs and recordings");
  cmd->add_option("--data", opts->paths, "Data files (DBN, CSV, .zrec)")->required();
  cmd->add_flag("--print", opts->print, "Print every event, one per line");
  cmd->add_option("--from", opts->from, "Start time (ISO-8601, inclusive)");
  cmd->add_option("--to", opts->to, "End time (ISO-8601, inclusive)");
  cmd->add_option("--symbols", opts->symbols, "Only these symbols (options match underlyings)")
      ->delimiter(',');
  cmd->add_option("--speed", opts->speed, "max | realtime | xN")->capture_default_str();
  cmd->add_option("--limit", opts->limit, "Stop after N events (0 = all)");
  cmd->add_option("--key", opts->key, "Merge key: event (ts_event) | recv (receive time)")
      ->check(CLI::IsMember({"event", "recv"}));
  cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

const zerodte::app::CommandRegistrar kRegistrar{"replay", 60, &setup};

}  // namespace
