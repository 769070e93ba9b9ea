#include "zerodte/adapters/databento/dbn_events.hpp"

#include <charconv>
#include <cstring>

namespace zerodte::adapters::databento {
namespace {

core::Timestamp ts(std::uint64_t ns) {
  return ns == kUndefTimestamp ? core::Timestamp{} : core::Timestamp{static_cast<std::int64_t>(ns)};
}

model::EventHeader header(core::InstrumentId id, std::uint64_t ts_event, std::uint64_t ts_recv) {
  model::EventHeader h{id, ts(ts_event), ts(ts_recv)};
  if (!h.ts_event.is_set()) h.ts_event = h.ts_recv;  // subsampled records with no event time
  return h;
}

model::Side aggressor(char side) {
  return side == 'B' ? model::Side::kBuy : side == 'A' ? model::Side::kSell : model::Side::kNone;
}

std::int64_t size_of(std::uint32_t sz) {
  return static_cast<std::int64_t>(sz);
}

std::int32_t bar_seconds(std::uint8_t rtype) {
  switch (static_cast<RType>(rtype)) {
    case RType::kOhlcv1S:
      return 1;
    case RType::kOhlcv1M:
      return 60;
    case RType::kOhlcv1H:
      return 3600;
    case RType::kOhlcv1D:
    case RType::kOhlcvEod:
      return 86400;
    default:
      return 0;
  }
}

}  // namespace

void DbnEventConverter::set_metadata(const Metadata& meta) {
  opra_ = meta.dataset.rfind("OPRA", 0) == 0;
  // raw_symbol -> instrument id intervals (stype_out instrument_id).
  if (meta.stype_out != 0) return;
  for (const auto& m : meta.mappings) {
    for (const auto& iv : m.intervals) {
      std::uint32_t id = 0;
      const char* b = iv.symbol.data();
      const auto [p, ec] = std::from_chars(b, b + iv.symbol.size(), id);
      if (ec == std::errc{} && p == b + iv.symbol.size()) learn_symbol(id, m.raw_symbol);
    }
  }
}

void DbnEventConverter::learn_symbol(std::uint32_t id, std::string_view symbol) {
  if (symbol.empty()) return;
  auto [it, inserted] = symbols_.try_emplace(id, symbol);
  if (!inserted && it->second != symbol) {
    it->second = std::string(symbol);
    resolved_.erase(id);
  }
}

std::string_view DbnEventConverter::symbol_of(std::uint32_t id) const {
  auto it = symbols_.find(id);
  return it == symbols_.end() ? std::string_view{} : std::string_view(it->second);
}

core::InstrumentId DbnEventConverter::resolve(std::uint32_t id) {
  if (auto it = resolved_.find(id); it != resolved_.end()) return it->second.id;
  Resolved r{core::InstrumentId{id}, opra_};
  const std::string_view sym = symbol_of(id);
  if (registry_ != nullptr && !sym.empty()) {
    if (auto interned = registry_->intern_us_symbol(sym)) {
      r.id = *interned;
      r.option = registry_->get(*interned).is_option();
    }
  }
  resolved_.emplace(id, r);
  return r.id;
}

bool DbnEventConverter::is_option(std::uint32_t id) {
  (void)resolve(id);
  return resolved_.at(id).option;
}

core::Status DbnEventConverter::convert(const RecordView& rec, std::vector<engine::Event>& out) {
  const auto& hd = rec.header();
  const auto rtype = static_cast<RType>(hd.rtype);
  auto quote = [&](std::int64_t bid, std::int64_t ask, std::uint32_t bsz, std::uint32_t asz,
                   std::uint64_t ts_recv) {
    const auto h = header(resolve(hd.instrument_id), hd.ts_event, ts_recv);
    if (is_option(hd.instrument_id)) {
      model::OptionQuote q{};
      q.hdr = h;
      q.bid = core::Price::from_raw(bid);
      q.ask = core::Price::from_raw(ask);
      q.last = core::Price::undefined();
      q.bid_size = size_of(bsz);
      q.ask_size = size_of(asz);
      q.underlying_price = core::Price::undefined();
      out.emplace_back(q);
    } else {
      model::Quote q{};
      q.hdr = h;
      q.bid = core::Price::from_raw(bid);
      q.ask = core::Price::from_raw(ask);
      q.bid_size = size_of(bsz);
      q.ask_size = size_of(asz);
      q.publisher = hd.publisher_id;
      out.emplace_back(q);
    }
  };
  auto trade = [&](std::int64_t px, std::uint32_t sz, char side, std::uint8_t flags,
                   std::uint64_t ts_recv, std::uint32_t seq) {
    model::Trade t{};
    t.hdr = header(resolve(hd.instrument_id), hd.ts_event, ts_recv);
    t.price = core::Price::from_raw(px);
    t.size = size_of(sz);
    t.aggressor = aggressor(side);
    t.flags = flags;
    t.publisher = hd.publisher_id;
    t.sequence = seq;
    out.emplace_back(t);
  };
  switch (rtype) {
    case RType::kMbp0: {
      const auto& m = rec.as<TradeMsg>();
      trade(m.price, m.size, m.side, m.flags, m.ts_recv, m.sequence);
      break;
    }
    case RType::kMbp1: {
      const auto& m = rec.as<Mbp1Msg>();
      if (m.action == 'T') trade(m.price, m.size, m.side, m.flags, m.ts_recv, m.sequence);
      const auto& l = m.levels[0];
      quote(l.bid_px, l.ask_px, l.bid_sz, l.ask_sz, m.ts_recv);
      break;
    }
    case RType::kBbo1S:
    case RType::kBbo1M: {
      const auto& m = rec.as<BboMsg>();
      quote(m.level.bid_px, m.level.ask_px, m.level.bid_sz, m.level.ask_sz, m.ts_recv);
      break;
    }
    case RType::kCmbp1:
    case RType::kTcbbo: {
      const auto& m = rec.as<Cmbp1Msg>();
      if (m.action == 'T') trade(m.price, m.size, m.side, m.flags, m.ts_recv, 0);
      quote(m.level.bid_px, m.level.ask_px, m.level.bid_sz, m.level.ask_sz, m.ts_recv);
      break;
    }
    case RType::kCbbo1S:
    case RType::kCbbo1M: {
      const auto& m = rec.as<CbboMsg>();
      quote(m.level.bid_px, m.level.ask_px, m.level.bid_sz, m.level.ask_sz, m.ts_recv);
      break;
    }
    case RType::kMbp10: {
      const auto& m = rec.as<Mbp10Msg>();
      model::BookDepth d{};
      d.hdr = header(resolve(hd.instrument_id), hd.ts_event, m.ts_recv);
      d.depth = 10;
      for (std::size_t i = 0; i < 10; ++i) {
        const auto& l = m.levels[i];
        d.levels[i] = model::BookLevel{core::Price::from_raw(l.bid_px),
                                       core::Price::from_raw(l.ask_px),
                                       size_of(l.bid_sz),
                                       size_of(l.ask_sz),
                                       l.bid_ct,
                                       l.ask_ct};
      }
      out.emplace_back(d);
      break;
    }
    case RType::kMbo: {
      const auto& m = rec.as<MboMsg>();
      if (m.action == 'T' || m.action == 'F') {
        if (m.action == 'T') trade(m.price, m.size, m.side, m.flags, m.ts_recv, m.sequence);
      }
      break;
    }
    case RType::kOhlcv1S:
    case RType::kOhlcv1M:
    case RType::kOhlcv1H:
    case RType::kOhlcv1D:
    case RType::kOhlcvEod: {
      const auto& m = rec.as<OhlcvMsg>();
      model::Bar b{};
      b.hdr = header(resolve(hd.instrument_id), hd.ts_event, hd.ts_event);
      b.interval_s = bar_seconds(hd.rtype);
      b.open = core::Price::from_raw(m.open);
      b.high = core::Price::from_raw(m.high);
      b.low = core::Price::from_raw(m.low);
      b.close = core::Price::from_raw(m.close);
      b.volume = m.volume > static_cast<std::uint64_t>(INT64_MAX)
                     ? INT64_MAX
                     : static_cast<std::int64_t>(m.volume);
      out.emplace_back(b);
      break;
    }
    case RType::kImbalance: {
      const auto& m = rec.as<ImbalanceMsg>();
      model::Imbalance im{};
      im.hdr = header(resolve(hd.instrument_id), hd.ts_event, m.ts_recv);
      im.ref_price = core::Price::from_raw(m.ref_price);
      im.indicative_price = core::Price::from_raw(m.cont_book_clr_price);
      im.paired_qty = m.paired_qty;
      im.total_imbalance_qty = m.total_imbalance_qty;
      im.market_imbalance_qty = m.market_imbalance_qty;
      im.side = aggressor(m.side);
      im.auction_type = m.auction_type;
      out.emplace_back(im);
      break;
    }
    case RType::kStatus: {
      const auto& m = rec.as<StatusMsg>();
      model::InstrumentStatus s{};
      s.hdr = header(resolve(hd.instrument_id), hd.ts_event, m.ts_recv);
      // DBN StatusAction: 3 trading, 7/8 halt/pause, 10/11/12 close/no-cancel/... (spec)
      switch (m.action) {
        case 3:
          s.status = model::TradingStatus::kTrading;
          break;
        case 7:
          s.status = model::TradingStatus::kHalted;
          break;
        case 8:
          s.status = model::TradingStatus::kPaused;
          break;
        case 10:
          s.status = model::TradingStatus::kClosed;
          break;
        default:
          s.status = model::TradingStatus::kUnknown;
          break;
      }
      s.reason = core::FixedString<24>(fmt::format("dbn:{}/{}", m.action, m.reason));
      out.emplace_back(s);
      break;
    }
    case RType::kInstrumentDef: {
      std::string_view raw;
      switch (rec.layout_version()) {
        case 1:
          raw = cstr(rec.as<InstrumentDefMsgV1>().raw_symbol);
          break;
        case 2:
          raw = cstr(rec.as<InstrumentDefMsgV2>().raw_symbol);
          break;
        default:
          raw = cstr(rec.as<InstrumentDefMsgV3>().raw_symbol);
          break;
      }
      learn_symbol(hd.instrument_id, raw);
      (void)resolve(hd.instrument_id);
      break;
    }
    case RType::kSymbolMapping: {
      std::string_view out_sym = rec.layout_version() == 2
                                     ? cstr(rec.as<SymbolMappingMsgV2>().stype_out_symbol)
                                     : cstr(rec.as<SymbolMappingMsgV1>().stype_out_symbol);
      learn_symbol(hd.instrument_id, out_sym);
      break;
    }
    default:
      break;
  }
  return core::ok();
}

core::Result<std::unique_ptr<DbnEventSource>> DbnEventSource::open(
    const std::string& path, model::InstrumentRegistry* registry) {
  auto d = DbnDecoder::open(path);
  if (!d) return std::unexpected(d.error());
  return std::make_unique<DbnEventSource>(std::move(*d), registry);
}

DbnEventSource::DbnEventSource(std::unique_ptr<DbnDecoder> decoder,
                               model::InstrumentRegistry* registry)
    : decoder_(std::move(decoder)), converter_(registry) {
  if (decoder_->metadata()) converter_.set_metadata(*decoder_->metadata());
}

std::optional<engine::Event> DbnEventSource::next() {
  while (pending_pos_ >= pending_.size()) {
    if (error_) return std::nullopt;
    pending_.clear();
    pending_pos_ = 0;
    auto r = decoder_->next();
    if (!r) {
      error_ = r.error();
      return std::nullopt;
    }
    if (!*r) return std::nullopt;
    if (auto s = converter_.convert(**r, pending_); !s) {
      error_ = s.error();
      return std::nullopt;
    }
  }
  return std::move(pending_[pending_pos_++]);
}

data::WireDecoder dbn_wire_decoder(std::shared_ptr<DbnEventConverter> converter) {
  return [converter, scratch = std::make_shared<std::vector<std::uint64_t>>(130)](
             std::uint16_t, core::Timestamp ts_recv, std::span<const std::byte> bytes,
             std::vector<engine::Event>& out) -> core::Status {
    if (bytes.size() < sizeof(RecordHeader)) {
      return core::fail(core::ErrorCode::kParse, "recorded DBN message at {} has {} bytes",
                        core::to_iso8601(ts_recv), bytes.size());
    }
    RecordHeader hd;
    std::memcpy(&hd, bytes.data(), sizeof hd);
    const std::size_t min = min_record_size(hd.rtype);
    if (hd.size() != bytes.size() || (min != 0 && hd.size() < min)) {
      return core::fail(core::ErrorCode::kParse,
                        "recorded DBN message at {}: {} bytes but header says {} (rtype 0x{:02x})",
                        core::to_iso8601(ts_recv), bytes.size(), hd.size(), hd.rtype);
    }
    const std::byte* p = bytes.data();
    if (reinterpret_cast<std::uintptr_t>(p) % 8 != 0) {
      std::memcpy(scratch->data(), p, bytes.size());
      p = reinterpret_cast<const std::byte*>(scratch->data());
    }
    return converter->convert(RecordView(p, 0), out);
  };
}

}  // namespace zerodte::adapters::databento
