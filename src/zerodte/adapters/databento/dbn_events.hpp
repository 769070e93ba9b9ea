#pragma once
// DBN records -> zerodte events, and a DBN file as an engine::EventSource.
//   trades (and mbo/tbbo/cmbp-1 fills, action 'T')   -> model::Trade
//   mbp-1, tbbo, bbo-*, cbbo-*, cmbp-1, tcbbo          -> model::Quote, or model::OptionQuote for
//                                                        option contracts (OPRA)
//   mbp-10                                           -> model::BookDepth
//   ohlcv-1s/1m/1h/1d                                -> model::Bar
//   imbalance                                        -> model::Imbalance
//   status                                           -> model::InstrumentStatus
//   definition, symbol mapping                       -> symbol table (and registry interning:
//                                                        OCC raw_symbol -> option contract)
//   statistics, system, error, mbo adds/cancels      -> no event
// Instrument ids: with a registry, each DBN instrument whose symbol is known (metadata
// mappings, definitions, symbol-mapping records) is interned with intern_us_symbol(); otherwise
// the DBN instrument_id is used as is.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/adapters/databento/dbn_decoder.hpp"
#include "zerodte/data/recorder.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::databento {

class DbnEventConverter {
 public:
  explicit DbnEventConverter(model::InstrumentRegistry* registry = nullptr) : registry_(registry) {}

  void set_metadata(const Metadata& meta);
  // Appends the record's events (0, 1 or 2) to `out`.
  core::Status convert(const RecordView& rec, std::vector<engine::Event>& out);

  [[nodiscard]] std::string_view symbol_of(std::uint32_t dbn_instrument_id) const;
  [[nodiscard]] core::InstrumentId resolve(std::uint32_t dbn_instrument_id);
  [[nodiscard]] bool is_option(std::uint32_t dbn_instrument_id);

 private:
  void learn_symbol(std::uint32_t id, std::string_view symbol);

  model::InstrumentRegistry* registry_;
  bool opra_ = false;
  std::unordered_map<std::uint32_t, std::string> symbols_;
  struct Resolved {
    core::InstrumentId id;
    bool option = false;
  };
  std::unordered_map<std::uint32_t, Resolved> resolved_;
};

// A DBN file (or memory) decoded lazily into events.
class DbnEventSource final : public engine::EventSource {
 public:
  static core::Result<std::unique_ptr<DbnEventSource>> open(
      const std::string& path, model::InstrumentRegistry* registry = nullptr);
  explicit DbnEventSource(std::unique_ptr<DbnDecoder> decoder,
                          model::InstrumentRegistry* registry = nullptr);
  std::optional<engine::Event> next() override;
  // The error that ended the stream early, if any (next() returns nullopt after it).
  [[nodiscard]] const std::optional<core::Error>& error() const { return error_; }
  [[nodiscard]] const DbnDecoder& decoder() const { return *decoder_; }
  [[nodiscard]] DbnEventConverter& converter() { return converter_; }

 private:
  std::unique_ptr<DbnDecoder> decoder_;
  DbnEventConverter converter_;
  std::vector<engine::Event> pending_;
  std::size_t pending_pos_ = 0;
  std::optional<core::Error> error_;
};

// Decodes recorded live DBN messages (one record per message, as data::Recorder stored them)
// with `converter`; a message that is not exactly one well-formed record is an error.
data::WireDecoder dbn_wire_decoder(std::shared_ptr<DbnEventConverter> converter);

}  // namespace zerodte::adapters::databento
