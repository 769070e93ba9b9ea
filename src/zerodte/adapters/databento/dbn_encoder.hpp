#pragma once
// DBN version 3 encoder (plain or zstd through a data::ByteWriter), and zerodte events -> DBN
// records for the record types zerodte emits (the simulator's output):
//   Trade -> trades (mbp-0), Quote -> mbp-1 (action 'A', no trade), OptionQuote -> cmbp-1,
//   Bar -> ohlcv-1s/1m/1h/1d, BookDepth -> mbp-10, Imbalance -> imbalance.
// DBN carries no vendor greeks, open interest or volume on quotes: those OptionQuote fields are
// not encoded (see normalize_for_dbn()).
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "zerodte/adapters/databento/dbn_metadata.hpp"
#include "zerodte/adapters/databento/dbn_records.hpp"
#include "zerodte/data/byte_stream.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::databento {

class DbnEncoder {
 public:
  // Writes the metadata header at once (meta.version 2 or 3; v3 record layouts are used).
  static core::Result<std::unique_ptr<DbnEncoder>> create(std::unique_ptr<data::ByteWriter> out,
                                                          Metadata meta);
  // A raw record: its header length must match bytes.size().
  core::Status write_record(std::span<const std::byte> bytes);
  template <typename T>
  core::Status write(const T& rec) {
    return write_record(std::as_bytes(std::span<const T, 1>(&rec, 1)));
  }
  core::Status close() { return out_->close(); }
  [[nodiscard]] std::uint64_t records_written() const { return records_; }

 private:
  explicit DbnEncoder(std::unique_ptr<data::ByteWriter> out) : out_(std::move(out)) {}
  std::unique_ptr<data::ByteWriter> out_;
  std::uint64_t records_ = 0;
};

// Writes an instrument definition (v3 layout) for `inst`: raw_symbol (OCC padded for options),
// strike, expiration, instrument class, underlying.
core::Status encode_definition(const model::Instrument& inst, std::uint32_t dbn_id,
                               std::uint16_t publisher, core::Timestamp ts, DbnEncoder& enc);

// Encodes one event as a record with instrument id `dbn_id`; events of other kinds (news,
// orders, ...) are skipped (returns false).
core::Result<bool> encode_event(const engine::Event& e, std::uint32_t dbn_id,
                                std::uint16_t publisher, DbnEncoder& enc);

struct DbnWriteStats {
  std::uint64_t records = 0;  // data records written (definitions included)
  std::uint64_t definitions = 0;
  std::uint64_t skipped = 0;  // events DBN cannot carry (news, orders, ...)
};

// Writes a whole stream as a mixed-schema DBN v3 file: metadata (dataset, time range, symbols
// with raw_symbol -> instrument id mappings for `date`), one definition per instrument, then
// every event. DBN instrument ids are zerodte InstrumentId values.
core::Result<DbnWriteStats> write_events_as_dbn(engine::EventSource& source,
                                                const model::InstrumentRegistry& registry,
                                                std::span<const core::InstrumentId> instruments,
                                                std::string_view dataset, core::Date date,
                                                core::Timestamp start, core::Timestamp end,
                                                std::unique_ptr<data::ByteWriter> out);

// The event as it reads back from DBN: OptionQuote greeks/OI/volume/last/underlying cleared,
// Trade/Quote publisher set to `publisher`.
engine::Event normalize_for_dbn(const engine::Event& e, std::uint16_t publisher);

}  // namespace zerodte::adapters::databento
