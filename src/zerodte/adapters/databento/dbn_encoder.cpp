#include "zerodte/adapters/databento/dbn_encoder.hpp"

#include <cstring>

namespace zerodte::adapters::databento {

using core::ErrorCode;

core::Result<std::unique_ptr<DbnEncoder>> DbnEncoder::create(std::unique_ptr<data::ByteWriter> out,
                                                             Metadata meta) {
  if (meta.version < 2 || meta.version > 3) {
    return core::fail(ErrorCode::kUnsupported, "DBN encoder writes versions 2 and 3, not {}",
                      meta.version);
  }
  meta.version = 3;
  const std::string header = encode_metadata(meta);
  std::unique_ptr<DbnEncoder> enc(new DbnEncoder(std::move(out)));
  if (auto s = enc->out_->write(std::as_bytes(std::span(header))); !s) {
    return std::unexpected(s.error());
  }
  return enc;
}

core::Status DbnEncoder::write_record(std::span<const std::byte> bytes) {
  if (bytes.size() < sizeof(RecordHeader) || bytes.size() % 4 != 0 || bytes.size() > 1020) {
    return core::fail(ErrorCode::kInvalid, "DBN record of {} bytes is not encodable", bytes.size());
  }
  const auto len = static_cast<std::uint8_t>(bytes[0]);
  if (std::size_t{len} * 4 != bytes.size()) {
    return core::fail(ErrorCode::kInvalid, "DBN record header length {} words != {} bytes", len,
                      bytes.size());
  }
  ++records_;
  return out_->write(bytes);
}

namespace {

template <typename T>
T blank(RType rtype, std::uint32_t id, std::uint16_t publisher, core::Timestamp ts_event) {
  T r;
  std::memset(&r, 0, sizeof r);
  r.hd.length = static_cast<std::uint8_t>(sizeof(T) / 4);
  r.hd.rtype = static_cast<std::uint8_t>(rtype);
  r.hd.publisher_id = publisher;
  r.hd.instrument_id = id;
  r.hd.ts_event = static_cast<std::uint64_t>(ts_event.ns);
  return r;
}

std::uint64_t u64(core::Timestamp t) {
  return static_cast<std::uint64_t>(t.ns);
}
std::uint32_t u32(std::int64_t v) {
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 0, UINT32_MAX));
}
char side_char(model::Side s) {
  return s == model::Side::kBuy ? 'B' : s == model::Side::kSell ? 'A' : 'N';
}

template <std::size_t N>
void put_str(char (&dst)[N], std::string_view s) {
  std::memcpy(dst, s.data(), std::min(s.size(), N - 1));
}

}  // namespace

core::Status encode_definition(const model::Instrument& inst, std::uint32_t dbn_id,
                               std::uint16_t publisher, core::Timestamp ts, DbnEncoder& enc) {
  auto d = blank<InstrumentDefMsgV3>(RType::kInstrumentDef, dbn_id, publisher, ts);
  d.ts_recv = u64(ts);
  d.min_price_increment = kUndefPrice;
  d.display_factor = core::Price::kScale;
  d.expiration = kUndefTimestamp;
  d.activation = kUndefTimestamp;
  d.high_limit_price = d.low_limit_price = d.max_price_variation = kUndefPrice;
  d.unit_of_measure_qty = d.min_price_increment_amount = d.price_ratio = kUndefPrice;
  d.strike_price = kUndefPrice;
  d.leg_price = d.leg_delta = kUndefPrice;
  d.contract_multiplier = static_cast<std::int32_t>(inst.multiplier);
  d.min_lot_size_round_lot = static_cast<std::int32_t>(inst.lot_size);
  d.underlying_id = inst.underlying_id.value;
  put_str(d.currency, "USD");
  put_str(d.raw_symbol, inst.symbol_view());
  d.security_update_action = 'A';
  d.user_defined_instrument = 'N';
  d.leg_side = 'N';
  if (inst.option) {
    const auto& o = *inst.option;
    d.strike_price = o.strike.raw();
    d.instrument_class = o.right == model::OptionRight::kCall ? 'C' : 'P';
    put_str(d.underlying, o.underlying.view());
    put_str(d.asset, o.root.view());
    d.maturity_year = static_cast<std::uint16_t>(o.expiry.year);
    d.maturity_month = static_cast<std::uint8_t>(o.expiry.month);
    d.maturity_day = static_cast<std::uint8_t>(o.expiry.day);
    d.expiration = static_cast<std::uint64_t>(o.expiry.days_since_epoch() * core::kNanosPerDay);
  } else {
    d.instrument_class = 'K';
    d.maturity_year = 65535;
    d.maturity_month = d.maturity_day = d.maturity_week = 255;
  }
  return enc.write(d);
}

core::Result<bool> encode_event(const engine::Event& e, std::uint32_t id, std::uint16_t publisher,
                                DbnEncoder& enc) {
  if (const auto* t = std::get_if<model::Trade>(&e)) {
    auto r = blank<TradeMsg>(RType::kMbp0, id, publisher, t->hdr.ts_event);
    r.price = t->price.raw();
    r.size = u32(t->size);
    r.action = 'T';
    r.side = side_char(t->aggressor);
    r.flags = t->flags;
    r.ts_recv = u64(t->hdr.ts_recv);
    r.sequence = t->sequence;
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  if (const auto* q = std::get_if<model::Quote>(&e)) {
    auto r = blank<Mbp1Msg>(RType::kMbp1, id, publisher, q->hdr.ts_event);
    r.price = kUndefPrice;
    r.action = 'A';
    r.side = 'N';
    r.ts_recv = u64(q->hdr.ts_recv);
    r.levels[0] = BidAskPair{q->bid.raw(), q->ask.raw(), u32(q->bid_size), u32(q->ask_size), 1, 1};
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  if (const auto* q = std::get_if<model::OptionQuote>(&e)) {
    auto r = blank<Cmbp1Msg>(RType::kCmbp1, id, publisher, q->hdr.ts_event);
    r.price = kUndefPrice;
    r.action = 'A';
    r.side = 'N';
    r.ts_recv = u64(q->hdr.ts_recv);
    r.level.bid_px = q->bid.raw();
    r.level.ask_px = q->ask.raw();
    r.level.bid_sz = u32(q->bid_size);
    r.level.ask_sz = u32(q->ask_size);
    r.level.bid_pb = r.level.ask_pb = publisher;
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  if (const auto* b = std::get_if<model::Bar>(&e)) {
    RType rt = RType::kOhlcv1M;
    switch (b->interval_s) {
      case 1:
        rt = RType::kOhlcv1S;
        break;
      case 60:
        rt = RType::kOhlcv1M;
        break;
      case 3600:
        rt = RType::kOhlcv1H;
        break;
      case 86400:
        rt = RType::kOhlcv1D;
        break;
      default:
        return core::fail(ErrorCode::kUnsupported, "DBN has no {}-second OHLCV schema",
                          b->interval_s);
    }
    auto r = blank<OhlcvMsg>(rt, id, publisher, b->hdr.ts_event);
    r.open = b->open.raw();
    r.high = b->high.raw();
    r.low = b->low.raw();
    r.close = b->close.raw();
    r.volume = static_cast<std::uint64_t>(std::max<std::int64_t>(0, b->volume));
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  if (const auto* d = std::get_if<model::BookDepth>(&e)) {
    auto r = blank<Mbp10Msg>(RType::kMbp10, id, publisher, d->hdr.ts_event);
    r.price = kUndefPrice;
    r.action = 'A';
    r.side = 'N';
    r.ts_recv = u64(d->hdr.ts_recv);
    for (std::size_t i = 0; i < 10; ++i) {
      const auto& l = d->levels[i];
      r.levels[i] = BidAskPair{l.bid_px.raw(),  l.ask_px.raw(), u32(l.bid_size),
                               u32(l.ask_size), l.bid_count,    l.ask_count};
    }
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  if (const auto* im = std::get_if<model::Imbalance>(&e)) {
    auto r = blank<ImbalanceMsg>(RType::kImbalance, id, publisher, im->hdr.ts_event);
    r.ts_recv = u64(im->hdr.ts_recv);
    r.ref_price = im->ref_price.raw();
    r.cont_book_clr_price = im->indicative_price.raw();
    r.auct_interest_clr_price = r.ssr_filling_price = r.ind_match_price = kUndefPrice;
    r.upper_collar = r.lower_collar = kUndefPrice;
    r.paired_qty = u32(im->paired_qty);
    r.total_imbalance_qty = u32(im->total_imbalance_qty);
    r.market_imbalance_qty = u32(im->market_imbalance_qty);
    r.auction_type = im->auction_type;
    r.side = side_char(im->side);
    r.unpaired_side = 'N';
    r.significant_imbalance = '~';
    if (auto s = enc.write(r); !s) return std::unexpected(s.error());
    return true;
  }
  return false;
}

engine::Event normalize_for_dbn(const engine::Event& e, std::uint16_t publisher) {
  engine::Event out = e;
  if (auto* q = std::get_if<model::OptionQuote>(&out)) {
    q->last = core::Price::undefined();
    q->volume = 0;
    q->open_interest = 0;
    q->underlying_price = core::Price::undefined();
    q->greeks = {};
    q->has_greeks = false;
  } else if (auto* t = std::get_if<model::Trade>(&out)) {
    t->publisher = publisher;
  } else if (auto* qq = std::get_if<model::Quote>(&out)) {
    qq->publisher = publisher;
  } else if (auto* b = std::get_if<model::Bar>(&out)) {
    b->hdr.ts_recv = b->hdr.ts_event;
    b->trade_count = 0;
  } else if (auto* d = std::get_if<model::BookDepth>(&out)) {
    d->depth = 10;
  }
  return out;
}

core::Result<DbnWriteStats> write_events_as_dbn(engine::EventSource& source,
                                                const model::InstrumentRegistry& registry,
                                                std::span<const core::InstrumentId> instruments,
                                                std::string_view dataset, core::Date date,
                                                core::Timestamp start, core::Timestamp end,
                                                std::unique_ptr<data::ByteWriter> out) {
  Metadata meta;
  meta.version = 3;
  meta.dataset = std::string(dataset);
  meta.schema = kSchemaMixed;
  meta.start = static_cast<std::uint64_t>(start.ns);
  meta.end = static_cast<std::uint64_t>(end.ns);
  meta.stype_in = 1;   // raw_symbol
  meta.stype_out = 0;  // instrument_id
  const auto yyyymmdd = [](core::Date d) {
    return static_cast<std::uint32_t>(d.year * 10000 + d.month * 100 + d.day);
  };
  for (auto id : instruments) {
    const auto& inst = registry.get(id);
    if (!inst.is_option()) meta.symbols.emplace_back(inst.symbol_view());
    meta.mappings.push_back(SymbolMapping{
        std::string(inst.symbol_view()),
        {MappingInterval{yyyymmdd(date), yyyymmdd(date.add_days(1)), std::to_string(id.value)}}});
  }
  auto enc = DbnEncoder::create(std::move(out), std::move(meta));
  if (!enc) return std::unexpected(enc.error());
  DbnWriteStats stats;
  for (auto id : instruments) {
    if (auto s = encode_definition(registry.get(id), id.value, 0, start, **enc); !s) {
      return std::unexpected(s.error());
    }
    ++stats.definitions;
  }
  while (auto e = source.next()) {
    const auto inst = std::visit(
        [](const auto& v) -> std::uint32_t {
          if constexpr (requires { v.hdr.instrument; }) {
            return v.hdr.instrument.value;
          } else {
            return 0;
          }
        },
        *e);
    auto wrote = encode_event(*e, inst, 0, **enc);
    if (!wrote) return std::unexpected(wrote.error());
    if (!*wrote) ++stats.skipped;
  }
  stats.records = (*enc)->records_written();
  if (auto s = (*enc)->close(); !s) return std::unexpected(s.error());
  return stats;
}

}  // namespace zerodte::adapters::databento
