#pragma once
// Data files session/ cannot read itself, for `zerodte run` and `zerodte backtest`: Databento DBN
// (.dbn, .dbn.zst) and zerodte recordings (.zrec), decoded by adapters/databento. Passed to the
// session as SessionHooks::open_file; returns nullptr for other files (session/ reads bar CSVs).
#include <memory>
#include <string>
#include <string_view>

#include "zerodte/adapters/databento/dbn_events.hpp"
#include "zerodte/data/recorder.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::app {

inline bool run_file_ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline core::Result<std::unique_ptr<engine::EventSource>> open_run_data_file(
    const std::string& path, model::InstrumentRegistry& registry) {
  namespace db = adapters::databento;
  if (run_file_ends_with(path, ".zrec") || run_file_ends_with(path, ".zrec.zst")) {
    auto r = data::RecordingReader::open(path);
    if (!r) return std::unexpected(r.error());
    auto conv = std::make_shared<db::DbnEventConverter>(&registry);
    return std::unique_ptr<engine::EventSource>(
        std::make_unique<data::RecordingReplaySource>(std::move(*r), db::dbn_wire_decoder(conv)));
  }
  if (path.find(".dbn") != std::string::npos || run_file_ends_with(path, ".dbz")) {
    auto s = db::DbnEventSource::open(path, &registry);
    if (!s) return std::unexpected(s.error());
    return std::unique_ptr<engine::EventSource>(std::move(*s));
  }
  return std::unique_ptr<engine::EventSource>();
}

}  // namespace zerodte::app
