#include "zerodte/adapters/databento/dbn_fields.hpp"

#include <fmt/format.h>
#include <array>

#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::databento {
namespace {

class Out {
 public:
  explicit Out(std::vector<Field>& v) : v_(v) {}
  void i32(std::string_view n, std::int64_t x) { v_.push_back({n, FieldKind::kInt, x, 0, {}}); }
  void u32(std::string_view n, std::uint64_t x) { v_.push_back({n, FieldKind::kUInt, 0, x, {}}); }
  void i64(std::string_view n, std::int64_t x) { v_.push_back({n, FieldKind::kInt64, x, 0, {}}); }
  void u64(std::string_view n, std::uint64_t x) { v_.push_back({n, FieldKind::kUInt64, 0, x, {}}); }
  void px(std::string_view n, std::int64_t x) { v_.push_back({n, FieldKind::kPrice, x, 0, {}}); }
  void ts(std::string_view n, std::uint64_t x) { v_.push_back({n, FieldKind::kTime, 0, x, {}}); }
  void ch(std::string_view n, const char& c) {
    v_.push_back(
        {n, FieldKind::kChar, 0, 0, c == '\0' ? std::string_view{} : std::string_view(&c, 1)});
  }
  template <std::size_t N>
  void str(std::string_view n, const char (&s)[N]) {
    v_.push_back({n, FieldKind::kText, 0, 0, cstr(s)});
  }

 private:
  std::vector<Field>& v_;
};

struct LevelNames {
  std::array<std::array<std::string, 8>, 10> n;
  LevelNames() {
    static constexpr const char* kF[] = {"bid_px", "ask_px", "bid_sz", "ask_sz",
                                         "bid_ct", "ask_ct", "bid_pb", "ask_pb"};
    for (int i = 0; i < 10; ++i) {
      for (int f = 0; f < 8; ++f)
        n[i][f] = fmt::format("levels[{}].{}", i, kF[f]);
    }
  }
};
const LevelNames& level_names() {
  static const LevelNames names;
  return names;
}

void level(Out& o, int i, const BidAskPair& l) {
  const auto& n = level_names().n[i];
  o.px(n[0], l.bid_px);
  o.px(n[1], l.ask_px);
  o.u32(n[2], l.bid_sz);
  o.u32(n[3], l.ask_sz);
  o.u32(n[4], l.bid_ct);
  o.u32(n[5], l.ask_ct);
}
void level(Out& o, const ConsolidatedBidAskPair& l) {
  const auto& n = level_names().n[0];
  o.px(n[0], l.bid_px);
  o.px(n[1], l.ask_px);
  o.u32(n[2], l.bid_sz);
  o.u32(n[3], l.ask_sz);
  o.u32(n[6], l.bid_pb);
  o.u32(n[7], l.ask_pb);
}

template <typename M>
void mbp_body(Out& o, const M& m) {
  o.px("price", m.price);
  o.u32("size", m.size);
  o.ch("action", m.action);
  o.ch("side", m.side);
  o.u32("flags", m.flags);
  o.u32("depth", m.depth);
  o.ts("ts_recv", m.ts_recv);
  o.i32("ts_in_delta", m.ts_in_delta);
  o.u32("sequence", m.sequence);
}

template <typename D>
void def_common_head(Out& o, const D& d) {
  o.ts("ts_recv", d.ts_recv);
  o.px("min_price_increment", d.min_price_increment);
  o.i64("display_factor", d.display_factor);
  o.ts("expiration", d.expiration);
  o.ts("activation", d.activation);
  o.px("high_limit_price", d.high_limit_price);
  o.px("low_limit_price", d.low_limit_price);
  o.px("max_price_variation", d.max_price_variation);
}

template <typename D>
void def_strings(Out& o, const D& d) {
  o.str("currency", d.currency);
  o.str("settl_currency", d.settl_currency);
  o.str("secsubtype", d.secsubtype);
  o.str("raw_symbol", d.raw_symbol);
  o.str("group", d.group);
  o.str("exchange", d.exchange);
  o.str("asset", d.asset);
  o.str("cfi", d.cfi);
  o.str("security_type", d.security_type);
  o.str("unit_of_measure", d.unit_of_measure);
  o.str("underlying", d.underlying);
  o.str("strike_price_currency", d.strike_price_currency);
}

template <typename D>
void def_ints_v12(Out& o, const D& d) {
  o.i32("inst_attrib_value", d.inst_attrib_value);
  o.u32("underlying_id", d.underlying_id);
  o.u32("raw_instrument_id", d.raw_instrument_id);
  o.i32("market_depth_implied", d.market_depth_implied);
  o.i32("market_depth", d.market_depth);
  o.u32("market_segment_id", d.market_segment_id);
  o.u32("max_trade_vol", d.max_trade_vol);
  o.i32("min_lot_size", d.min_lot_size);
  o.i32("min_lot_size_block", d.min_lot_size_block);
  o.i32("min_lot_size_round_lot", d.min_lot_size_round_lot);
  o.u32("min_trade_vol", d.min_trade_vol);
  o.i32("contract_multiplier", d.contract_multiplier);
  o.i32("decay_quantity", d.decay_quantity);
  o.i32("original_contract_size", d.original_contract_size);
  o.u32("trading_reference_date", d.trading_reference_date);
  o.i32("appl_id", d.appl_id);
  o.u32("maturity_year", d.maturity_year);
  o.u32("decay_start_date", d.decay_start_date);
  o.u32("channel_id", d.channel_id);
}

template <typename D>
void def_tail(Out& o, const D& d) {
  o.ch("match_algorithm", d.match_algorithm);
  o.u32("main_fraction", d.main_fraction);
  o.u32("price_display_format", d.price_display_format);
  o.u32("sub_fraction", d.sub_fraction);
  o.u32("underlying_product", d.underlying_product);
  o.ch("security_update_action", d.security_update_action);
  o.u32("maturity_month", d.maturity_month);
  o.u32("maturity_day", d.maturity_day);
  o.u32("maturity_week", d.maturity_week);
  o.ch("user_defined_instrument", d.user_defined_instrument);
  o.i32("contract_multiplier_unit", d.contract_multiplier_unit);
  o.i32("flow_schedule_type", d.flow_schedule_type);
  o.u32("tick_rule", d.tick_rule);
}

void definition(Out& o, const RecordView& r) {
  switch (r.layout_version()) {
    case 1: {
      const auto& d = r.as<InstrumentDefMsgV1>();
      def_common_head(o, d);
      o.px("trading_reference_price", d.trading_reference_price);
      o.i64("unit_of_measure_qty", d.unit_of_measure_qty);
      o.px("min_price_increment_amount", d.min_price_increment_amount);
      o.i64("price_ratio", d.price_ratio);
      def_ints_v12(o, d);
      def_strings(o, d);
      o.ch("instrument_class", d.instrument_class);
      o.px("strike_price", d.strike_price);
      o.u32("md_security_trading_status", d.md_security_trading_status);
      o.u32("settl_price_type", d.settl_price_type);
      def_tail(o, d);
      return;
    }
    case 2: {
      const auto& d = r.as<InstrumentDefMsgV2>();
      def_common_head(o, d);
      o.px("trading_reference_price", d.trading_reference_price);
      o.i64("unit_of_measure_qty", d.unit_of_measure_qty);
      o.px("min_price_increment_amount", d.min_price_increment_amount);
      o.i64("price_ratio", d.price_ratio);
      o.px("strike_price", d.strike_price);
      def_ints_v12(o, d);
      def_strings(o, d);
      o.ch("instrument_class", d.instrument_class);
      o.u32("md_security_trading_status", d.md_security_trading_status);
      o.u32("settl_price_type", d.settl_price_type);
      def_tail(o, d);
      return;
    }
    default: {
      const auto& d = r.as<InstrumentDefMsgV3>();
      def_common_head(o, d);
      o.i64("unit_of_measure_qty", d.unit_of_measure_qty);
      o.px("min_price_increment_amount", d.min_price_increment_amount);
      o.i64("price_ratio", d.price_ratio);
      o.px("strike_price", d.strike_price);
      o.u64("raw_instrument_id", d.raw_instrument_id);
      o.px("leg_price", d.leg_price);
      o.px("leg_delta", d.leg_delta);
      o.i32("inst_attrib_value", d.inst_attrib_value);
      o.u32("underlying_id", d.underlying_id);
      o.i32("market_depth_implied", d.market_depth_implied);
      o.i32("market_depth", d.market_depth);
      o.u32("market_segment_id", d.market_segment_id);
      o.u32("max_trade_vol", d.max_trade_vol);
      o.i32("min_lot_size", d.min_lot_size);
      o.i32("min_lot_size_block", d.min_lot_size_block);
      o.i32("min_lot_size_round_lot", d.min_lot_size_round_lot);
      o.u32("min_trade_vol", d.min_trade_vol);
      o.i32("contract_multiplier", d.contract_multiplier);
      o.i32("decay_quantity", d.decay_quantity);
      o.i32("original_contract_size", d.original_contract_size);
      o.u32("leg_instrument_id", d.leg_instrument_id);
      o.i32("leg_ratio_price_numerator", d.leg_ratio_price_numerator);
      o.i32("leg_ratio_price_denominator", d.leg_ratio_price_denominator);
      o.i32("leg_ratio_qty_numerator", d.leg_ratio_qty_numerator);
      o.i32("leg_ratio_qty_denominator", d.leg_ratio_qty_denominator);
      o.u32("leg_underlying_id", d.leg_underlying_id);
      o.i32("appl_id", d.appl_id);
      o.u32("maturity_year", d.maturity_year);
      o.u32("decay_start_date", d.decay_start_date);
      o.u32("channel_id", d.channel_id);
      o.u32("leg_count", d.leg_count);
      o.u32("leg_index", d.leg_index);
      def_strings(o, d);
      o.str("leg_raw_symbol", d.leg_raw_symbol);
      o.ch("instrument_class", d.instrument_class);
      def_tail(o, d);
      o.ch("leg_instrument_class", d.leg_instrument_class);
      o.ch("leg_side", d.leg_side);
      return;
    }
  }
}

template <typename S>
void stat_body(Out& o, const S& s) {
  o.ts("ts_recv", s.ts_recv);
  o.ts("ts_ref", s.ts_ref);
  o.px("price", s.price);
  o.i64("quantity", s.quantity);
  o.u32("sequence", s.sequence);
  o.i32("ts_in_delta", s.ts_in_delta);
  o.u32("stat_type", s.stat_type);
  o.u32("channel_id", s.channel_id);
  o.u32("update_action", s.update_action);
  o.u32("stat_flags", s.stat_flags);
}

}  // namespace

void record_fields(const RecordView& r, std::vector<Field>& v) {
  Out o(v);
  const auto& h = r.header();
  o.u32("length", h.length);
  o.u32("rtype", h.rtype);
  o.u32("publisher_id", h.publisher_id);
  o.u32("instrument_id", h.instrument_id);
  o.ts("ts_event", h.ts_event);
  switch (static_cast<RType>(h.rtype)) {
    case RType::kMbo: {
      const auto& m = r.as<MboMsg>();
      o.u64("order_id", m.order_id);
      o.px("price", m.price);
      o.u32("size", m.size);
      o.u32("flags", m.flags);
      o.u32("channel_id", m.channel_id);
      o.ch("action", m.action);
      o.ch("side", m.side);
      o.ts("ts_recv", m.ts_recv);
      o.i32("ts_in_delta", m.ts_in_delta);
      o.u32("sequence", m.sequence);
      return;
    }
    case RType::kMbp0:
      mbp_body(o, r.as<TradeMsg>());
      return;
    case RType::kMbp1: {
      const auto& m = r.as<Mbp1Msg>();
      mbp_body(o, m);
      level(o, 0, m.levels[0]);
      return;
    }
    case RType::kMbp10: {
      const auto& m = r.as<Mbp10Msg>();
      mbp_body(o, m);
      for (int i = 0; i < 10; ++i)
        level(o, i, m.levels[static_cast<std::size_t>(i)]);
      return;
    }
    case RType::kBbo1S:
    case RType::kBbo1M: {
      const auto& m = r.as<BboMsg>();
      o.px("price", m.price);
      o.u32("size", m.size);
      o.ch("side", m.side);
      o.u32("flags", m.flags);
      o.ts("ts_recv", m.ts_recv);
      o.u32("sequence", m.sequence);
      level(o, 0, m.level);
      return;
    }
    case RType::kCmbp1:
    case RType::kTcbbo: {
      const auto& m = r.as<Cmbp1Msg>();
      o.px("price", m.price);
      o.u32("size", m.size);
      o.ch("action", m.action);
      o.ch("side", m.side);
      o.u32("flags", m.flags);
      o.ts("ts_recv", m.ts_recv);
      o.i32("ts_in_delta", m.ts_in_delta);
      level(o, m.level);
      return;
    }
    case RType::kCbbo1S:
    case RType::kCbbo1M: {
      const auto& m = r.as<CbboMsg>();
      o.px("price", m.price);
      o.u32("size", m.size);
      o.ch("side", m.side);
      o.u32("flags", m.flags);
      o.ts("ts_recv", m.ts_recv);
      level(o, m.level);
      return;
    }
    case RType::kOhlcvDeprecated:
    case RType::kOhlcv1S:
    case RType::kOhlcv1M:
    case RType::kOhlcv1H:
    case RType::kOhlcv1D:
    case RType::kOhlcvEod: {
      const auto& m = r.as<OhlcvMsg>();
      o.px("open", m.open);
      o.px("high", m.high);
      o.px("low", m.low);
      o.px("close", m.close);
      o.u64("volume", m.volume);
      return;
    }
    case RType::kStatus: {
      const auto& m = r.as<StatusMsg>();
      o.ts("ts_recv", m.ts_recv);
      o.u32("action", m.action);
      o.u32("reason", m.reason);
      o.u32("trading_event", m.trading_event);
      o.ch("is_trading", m.is_trading);
      o.ch("is_quoting", m.is_quoting);
      o.ch("is_short_sell_restricted", m.is_short_sell_restricted);
      return;
    }
    case RType::kInstrumentDef:
      definition(o, r);
      return;
    case RType::kImbalance: {
      const auto& m = r.as<ImbalanceMsg>();
      o.ts("ts_recv", m.ts_recv);
      o.px("ref_price", m.ref_price);
      o.ts("auction_time", m.auction_time);
      o.px("cont_book_clr_price", m.cont_book_clr_price);
      o.px("auct_interest_clr_price", m.auct_interest_clr_price);
      o.px("ssr_filling_price", m.ssr_filling_price);
      o.px("ind_match_price", m.ind_match_price);
      o.px("upper_collar", m.upper_collar);
      o.px("lower_collar", m.lower_collar);
      o.u32("paired_qty", m.paired_qty);
      o.u32("total_imbalance_qty", m.total_imbalance_qty);
      o.u32("market_imbalance_qty", m.market_imbalance_qty);
      o.u32("unpaired_qty", m.unpaired_qty);
      o.ch("auction_type", m.auction_type);
      o.ch("side", m.side);
      o.u32("auction_status", m.auction_status);
      o.u32("freeze_status", m.freeze_status);
      o.u32("num_extensions", m.num_extensions);
      o.ch("unpaired_side", m.unpaired_side);
      o.ch("significant_imbalance", m.significant_imbalance);
      return;
    }
    case RType::kStatistics:
      if (r.layout_version() == 3) {
        stat_body(o, r.as<StatMsgV3>());
      } else {
        stat_body(o, r.as<StatMsgV1>());
      }
      return;
    case RType::kSymbolMapping:
      if (r.layout_version() == 2) {
        const auto& m = r.as<SymbolMappingMsgV2>();
        o.u32("stype_in", m.stype_in);
        o.str("stype_in_symbol", m.stype_in_symbol);
        o.u32("stype_out", m.stype_out);
        o.str("stype_out_symbol", m.stype_out_symbol);
        o.ts("start_ts", m.start_ts);
        o.ts("end_ts", m.end_ts);
      } else {
        const auto& m = r.as<SymbolMappingMsgV1>();
        o.str("stype_in_symbol", m.stype_in_symbol);
        o.str("stype_out_symbol", m.stype_out_symbol);
        o.ts("start_ts", m.start_ts);
        o.ts("end_ts", m.end_ts);
      }
      return;
    case RType::kError:
      if (r.layout_version() == 2) {
        const auto& m = r.as<ErrorMsgV2>();
        o.str("err", m.err);
        o.u32("code", m.code);
        o.u32("is_last", m.is_last);
      } else {
        o.str("err", r.as<ErrorMsgV1>().err);
      }
      return;
    case RType::kSystem:
      if (r.layout_version() == 2) {
        const auto& m = r.as<SystemMsgV2>();
        o.str("msg", m.msg);
        o.u32("code", m.code);
      } else {
        o.str("msg", r.as<SystemMsgV1>().msg);
      }
      return;
  }
}

std::string field_text(const Field& f, bool pretty) {
  switch (f.kind) {
    case FieldKind::kInt:
    case FieldKind::kInt64:
      return fmt::format("{}", f.i);
    case FieldKind::kUInt:
    case FieldKind::kUInt64:
      return fmt::format("{}", f.u);
    case FieldKind::kPrice:
      if (pretty && f.i != kUndefPrice) return core::Price::from_raw(f.i).to_string(9);
      return fmt::format("{}", f.i);
    case FieldKind::kTime:
      if (pretty && f.u != kUndefTimestamp) {
        return core::to_iso8601(core::Timestamp{static_cast<std::int64_t>(f.u)});
      }
      return fmt::format("{}", f.u);
    case FieldKind::kChar:
    case FieldKind::kText:
      return std::string(f.text);
  }
  return {};
}

const Field* find_field(const std::vector<Field>& fields, std::string_view name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace {

// Body columns (after ts_recv, ts_event, rtype, publisher_id, instrument_id) as the DBN CSV and
// JSON encoders order them.
std::vector<std::string> body_columns(std::uint8_t rtype) {
  std::vector<std::string> c;
  auto levels = [&](int n) {
    static constexpr const char* kF[] = {"bid_px", "ask_px", "bid_sz",
                                         "ask_sz", "bid_ct", "ask_ct"};
    for (int i = 0; i < n; ++i) {
      for (const char* f : kF)
        c.push_back(fmt::format("levels[{}].{}", i, f));
    }
  };
  switch (static_cast<RType>(rtype)) {
    case RType::kMbo:
      c = {"action",   "side",  "price",       "size",    "channel_id",
           "order_id", "flags", "ts_in_delta", "sequence"};
      break;
    case RType::kMbp0:
      c = {"action", "side", "depth", "price", "size", "flags", "ts_in_delta", "sequence"};
      break;
    case RType::kMbp1:
      c = {"action", "side", "depth", "price", "size", "flags", "ts_in_delta", "sequence"};
      levels(1);
      break;
    case RType::kMbp10:
      c = {"action", "side", "depth", "price", "size", "flags", "ts_in_delta", "sequence"};
      levels(10);
      break;
    default:
      break;
  }
  return c;
}

std::string csv_name(const std::string& col) {
  // levels[i].bid_px -> bid_px_0i
  if (col.rfind("levels[", 0) != 0) return col;
  const auto close = col.find(']');
  const int i = std::stoi(col.substr(7, close - 7));
  return fmt::format("{}_{:02d}", col.substr(close + 2), i);
}

bool json_quoted(const Field& f) {
  return f.kind == FieldKind::kInt64 || f.kind == FieldKind::kUInt64 ||
         f.kind == FieldKind::kPrice || f.kind == FieldKind::kTime || f.kind == FieldKind::kChar ||
         f.kind == FieldKind::kText;
}

}  // namespace

std::string csv_header(std::uint8_t rtype, bool with_symbol) {
  std::string h = "ts_recv,ts_event,rtype,publisher_id,instrument_id";
  for (const auto& c : body_columns(rtype)) {
    h += ',';
    h += csv_name(c);
  }
  if (with_symbol) h += ",symbol";
  return h;
}

std::string csv_row(const RecordView& rec, bool pretty, std::string_view symbol) {
  std::vector<Field> f;
  record_fields(rec, f);
  std::string out;
  for (const char* c : {"ts_recv", "ts_event", "rtype", "publisher_id", "instrument_id"}) {
    if (!out.empty()) out += ',';
    if (const Field* x = find_field(f, c)) out += field_text(*x, pretty);
  }
  for (const auto& c : body_columns(rec.rtype())) {
    out += ',';
    if (const Field* x = find_field(f, c)) out += field_text(*x, pretty);
  }
  if (!symbol.empty()) fmt::format_to(std::back_inserter(out), ",{}", symbol);
  return out;
}

std::string json_line(const RecordView& rec, bool pretty, std::string_view symbol) {
  std::vector<Field> f;
  record_fields(rec, f);
  auto value = [&](const Field& x) {
    const std::string t = field_text(x, pretty);
    return json_quoted(x) ? fmt::format("\"{}\"", t) : t;
  };
  std::string out = "{";
  if (const Field* x = find_field(f, "ts_recv")) out += "\"ts_recv\":" + value(*x) + ",";
  out += fmt::format(
      "\"hd\":{{\"ts_event\":{},\"rtype\":{},\"publisher_id\":{},\"instrument_id\":{}}}",
      value(*find_field(f, "ts_event")), rec.rtype(), rec.header().publisher_id,
      rec.header().instrument_id);
  int open_level = -1;
  for (const auto& c : body_columns(rec.rtype())) {
    const Field* x = find_field(f, c);
    if (x == nullptr) continue;
    if (c.rfind("levels[", 0) == 0) {
      const int i = std::stoi(c.substr(7, c.find(']') - 7));
      const std::string key = c.substr(c.find(']') + 2);
      if (open_level < 0) out += ",\"levels\":[";
      if (i != open_level) {
        if (open_level >= 0) out += "},";
        out += "{";
        open_level = i;
      } else {
        out += ",";
      }
      fmt::format_to(std::back_inserter(out), "\"{}\":{}", key, value(*x));
      continue;
    }
    fmt::format_to(std::back_inserter(out), ",\"{}\":{}", c, value(*x));
  }
  if (open_level >= 0) out += "}]";
  if (!symbol.empty()) fmt::format_to(std::back_inserter(out), ",\"symbol\":\"{}\"", symbol);
  out += "}";
  return out;
}

std::string describe(const RecordView& rec) {
  std::vector<Field> f;
  record_fields(rec, f);
  std::string out(rtype_name(rec.rtype()));
  for (std::size_t i = 1; i < f.size(); ++i) {
    if (f[i].name == "rtype") continue;
    const std::string t = field_text(f[i], true);
    if (t.empty()) continue;
    fmt::format_to(std::back_inserter(out), " {}={}", f[i].name, t);
  }
  return out;
}

}  // namespace zerodte::adapters::databento
