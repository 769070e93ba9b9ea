#pragma once
// Databento Binary Encoding (DBN) record layouts, versions 1-3 (little-endian, 8-byte aligned,
// fixed size; `length` in the header counts 4-byte words). Layouts follow Databento's published
// DBN specification; the version-dependent records (instrument definition, statistics, symbol
// mapping, error, system) are told apart by their length, so fragments without metadata decode
// too. Prices are int64 with scale 1e-9; timestamps are UNIX nanoseconds; "undefined" is the
// type's max value.
#include <array>
#include <cstdint>
#include <string_view>

namespace zerodte::adapters::databento {

inline constexpr std::int64_t kUndefPrice = INT64_MAX;
inline constexpr std::uint64_t kUndefTimestamp = UINT64_MAX;

enum class RType : std::uint8_t {
  kMbp0 = 0x00,  // trades
  kMbp1 = 0x01,  // mbp-1, tbbo
  kMbp10 = 0x0A,
  kOhlcvDeprecated = 0x11,
  kStatus = 0x12,
  kInstrumentDef = 0x13,
  kImbalance = 0x14,
  kError = 0x15,
  kSymbolMapping = 0x16,
  kSystem = 0x17,
  kStatistics = 0x18,
  kOhlcv1S = 0x20,
  kOhlcv1M = 0x21,
  kOhlcv1H = 0x22,
  kOhlcv1D = 0x23,
  kOhlcvEod = 0x24,
  kMbo = 0xA0,
  kCmbp1 = 0xB1,
  kCbbo1S = 0xC0,
  kCbbo1M = 0xC1,
  kTcbbo = 0xC2,
  kBbo1S = 0xC3,
  kBbo1M = 0xC4,
};

std::string_view rtype_name(std::uint8_t rtype);

struct RecordHeader {
  std::uint8_t length;  // in 4-byte words
  std::uint8_t rtype;
  std::uint16_t publisher_id;
  std::uint32_t instrument_id;
  std::uint64_t ts_event;
  [[nodiscard]] std::size_t size() const { return std::size_t{length} * 4; }
};
static_assert(sizeof(RecordHeader) == 16);

struct MboMsg {
  RecordHeader hd;
  std::uint64_t order_id;
  std::int64_t price;
  std::uint32_t size;
  std::uint8_t flags;
  std::uint8_t channel_id;
  char action;
  char side;
  std::uint64_t ts_recv;
  std::int32_t ts_in_delta;
  std::uint32_t sequence;
};
static_assert(sizeof(MboMsg) == 56);

struct BidAskPair {
  std::int64_t bid_px;
  std::int64_t ask_px;
  std::uint32_t bid_sz;
  std::uint32_t ask_sz;
  std::uint32_t bid_ct;
  std::uint32_t ask_ct;
};
static_assert(sizeof(BidAskPair) == 32);

struct ConsolidatedBidAskPair {
  std::int64_t bid_px;
  std::int64_t ask_px;
  std::uint32_t bid_sz;
  std::uint32_t ask_sz;
  std::uint16_t bid_pb;
  std::uint8_t reserved1[2];
  std::uint16_t ask_pb;
  std::uint8_t reserved2[2];
};
static_assert(sizeof(ConsolidatedBidAskPair) == 32);

template <std::size_t N>
struct MbpMsg {  // N = 0: TradeMsg
  RecordHeader hd;
  std::int64_t price;
  std::uint32_t size;
  char action;
  char side;
  std::uint8_t flags;
  std::uint8_t depth;
  std::uint64_t ts_recv;
  std::int32_t ts_in_delta;
  std::uint32_t sequence;
  std::array<BidAskPair, N> levels;
};
struct TradeMsg {
  RecordHeader hd;
  std::int64_t price;
  std::uint32_t size;
  char action;
  char side;
  std::uint8_t flags;
  std::uint8_t depth;
  std::uint64_t ts_recv;
  std::int32_t ts_in_delta;
  std::uint32_t sequence;
};
using Mbp1Msg = MbpMsg<1>;
using Mbp10Msg = MbpMsg<10>;
static_assert(sizeof(TradeMsg) == 48);
static_assert(sizeof(Mbp1Msg) == 80);
static_assert(sizeof(Mbp10Msg) == 368);

struct BboMsg {  // bbo-1s, bbo-1m
  RecordHeader hd;
  std::int64_t price;
  std::uint32_t size;
  std::uint8_t reserved1;
  char side;
  std::uint8_t flags;
  std::uint8_t reserved2;
  std::uint64_t ts_recv;
  std::uint8_t reserved3[4];
  std::uint32_t sequence;
  BidAskPair level;
};
static_assert(sizeof(BboMsg) == 80);

struct Cmbp1Msg {  // cmbp-1, tcbbo
  RecordHeader hd;
  std::int64_t price;
  std::uint32_t size;
  char action;
  char side;
  std::uint8_t flags;
  std::uint8_t reserved1;
  std::uint64_t ts_recv;
  std::int32_t ts_in_delta;
  std::uint8_t reserved2[4];
  ConsolidatedBidAskPair level;
};
static_assert(sizeof(Cmbp1Msg) == 80);

struct CbboMsg {  // cbbo-1s, cbbo-1m
  RecordHeader hd;
  std::int64_t price;
  std::uint32_t size;
  std::uint8_t reserved1;
  char side;
  std::uint8_t flags;
  std::uint8_t reserved2;
  std::uint64_t ts_recv;
  std::uint8_t reserved3[8];
  ConsolidatedBidAskPair level;
};
static_assert(sizeof(CbboMsg) == 80);

struct OhlcvMsg {
  RecordHeader hd;
  std::int64_t open;
  std::int64_t high;
  std::int64_t low;
  std::int64_t close;
  std::uint64_t volume;
};
static_assert(sizeof(OhlcvMsg) == 56);

struct StatusMsg {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::uint16_t action;
  std::uint16_t reason;
  std::uint16_t trading_event;
  char is_trading;
  char is_quoting;
  char is_short_sell_restricted;
  std::uint8_t reserved[7];
};
static_assert(sizeof(StatusMsg) == 40);

struct ImbalanceMsg {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::int64_t ref_price;
  std::uint64_t auction_time;
  std::int64_t cont_book_clr_price;
  std::int64_t auct_interest_clr_price;
  std::int64_t ssr_filling_price;
  std::int64_t ind_match_price;
  std::int64_t upper_collar;
  std::int64_t lower_collar;
  std::uint32_t paired_qty;
  std::uint32_t total_imbalance_qty;
  std::uint32_t market_imbalance_qty;
  std::uint32_t unpaired_qty;
  char auction_type;
  char side;
  std::uint8_t auction_status;
  std::uint8_t freeze_status;
  std::uint8_t num_extensions;
  char unpaired_side;
  char significant_imbalance;
  std::uint8_t reserved;
};
static_assert(sizeof(ImbalanceMsg) == 112);

// Statistics: v1/v2 (quantity int32, 64 bytes) and v3 (quantity int64, 80 bytes).
struct StatMsgV1 {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::uint64_t ts_ref;
  std::int64_t price;
  std::int32_t quantity;
  std::uint32_t sequence;
  std::int32_t ts_in_delta;
  std::uint16_t stat_type;
  std::uint16_t channel_id;
  std::uint8_t update_action;
  std::uint8_t stat_flags;
  std::uint8_t reserved[6];
};
static_assert(sizeof(StatMsgV1) == 64);
struct StatMsgV3 {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::uint64_t ts_ref;
  std::int64_t price;
  std::int64_t quantity;
  std::uint32_t sequence;
  std::int32_t ts_in_delta;
  std::uint16_t stat_type;
  std::uint16_t channel_id;
  std::uint8_t update_action;
  std::uint8_t stat_flags;
  std::uint8_t reserved[18];
};
static_assert(sizeof(StatMsgV3) == 80);

// Instrument definitions. v1: 360 bytes (symbol 22 chars); v2: 400 (symbol 71); v3: 520 (legs,
// raw_instrument_id u64, asset 11 chars; trading_reference_* and settl_price_type removed).
struct InstrumentDefMsgV1 {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::int64_t min_price_increment;
  std::int64_t display_factor;
  std::uint64_t expiration;
  std::uint64_t activation;
  std::int64_t high_limit_price;
  std::int64_t low_limit_price;
  std::int64_t max_price_variation;
  std::int64_t trading_reference_price;
  std::int64_t unit_of_measure_qty;
  std::int64_t min_price_increment_amount;
  std::int64_t price_ratio;
  std::int32_t inst_attrib_value;
  std::uint32_t underlying_id;
  std::uint32_t raw_instrument_id;
  std::int32_t market_depth_implied;
  std::int32_t market_depth;
  std::uint32_t market_segment_id;
  std::uint32_t max_trade_vol;
  std::int32_t min_lot_size;
  std::int32_t min_lot_size_block;
  std::int32_t min_lot_size_round_lot;
  std::uint32_t min_trade_vol;
  std::uint8_t reserved2[4];
  std::int32_t contract_multiplier;
  std::int32_t decay_quantity;
  std::int32_t original_contract_size;
  std::uint8_t reserved3[4];
  std::uint16_t trading_reference_date;
  std::int16_t appl_id;
  std::uint16_t maturity_year;
  std::uint16_t decay_start_date;
  std::uint16_t channel_id;
  char currency[4];
  char settl_currency[4];
  char secsubtype[6];
  char raw_symbol[22];
  char group[21];
  char exchange[5];
  char asset[7];
  char cfi[7];
  char security_type[7];
  char unit_of_measure[31];
  char underlying[21];
  char strike_price_currency[4];
  char instrument_class;
  std::uint8_t reserved4[2];
  std::int64_t strike_price;
  std::uint8_t reserved5[6];
  char match_algorithm;
  std::uint8_t md_security_trading_status;
  std::uint8_t main_fraction;
  std::uint8_t price_display_format;
  std::uint8_t settl_price_type;
  std::uint8_t sub_fraction;
  std::uint8_t underlying_product;
  char security_update_action;
  std::uint8_t maturity_month;
  std::uint8_t maturity_day;
  std::uint8_t maturity_week;
  char user_defined_instrument;
  std::int8_t contract_multiplier_unit;
  std::int8_t flow_schedule_type;
  std::uint8_t tick_rule;
  std::uint8_t reserved6[3];
};
static_assert(sizeof(InstrumentDefMsgV1) == 360);

struct InstrumentDefMsgV2 {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::int64_t min_price_increment;
  std::int64_t display_factor;
  std::uint64_t expiration;
  std::uint64_t activation;
  std::int64_t high_limit_price;
  std::int64_t low_limit_price;
  std::int64_t max_price_variation;
  std::int64_t trading_reference_price;
  std::int64_t unit_of_measure_qty;
  std::int64_t min_price_increment_amount;
  std::int64_t price_ratio;
  std::int64_t strike_price;
  std::int32_t inst_attrib_value;
  std::uint32_t underlying_id;
  std::uint32_t raw_instrument_id;
  std::int32_t market_depth_implied;
  std::int32_t market_depth;
  std::uint32_t market_segment_id;
  std::uint32_t max_trade_vol;
  std::int32_t min_lot_size;
  std::int32_t min_lot_size_block;
  std::int32_t min_lot_size_round_lot;
  std::uint32_t min_trade_vol;
  std::int32_t contract_multiplier;
  std::int32_t decay_quantity;
  std::int32_t original_contract_size;
  std::uint16_t trading_reference_date;
  std::int16_t appl_id;
  std::uint16_t maturity_year;
  std::uint16_t decay_start_date;
  std::uint16_t channel_id;
  char currency[4];
  char settl_currency[4];
  char secsubtype[6];
  char raw_symbol[71];
  char group[21];
  char exchange[5];
  char asset[7];
  char cfi[7];
  char security_type[7];
  char unit_of_measure[31];
  char underlying[21];
  char strike_price_currency[4];
  char instrument_class;
  char match_algorithm;
  std::uint8_t md_security_trading_status;
  std::uint8_t main_fraction;
  std::uint8_t price_display_format;
  std::uint8_t settl_price_type;
  std::uint8_t sub_fraction;
  std::uint8_t underlying_product;
  char security_update_action;
  std::uint8_t maturity_month;
  std::uint8_t maturity_day;
  std::uint8_t maturity_week;
  char user_defined_instrument;
  std::int8_t contract_multiplier_unit;
  std::int8_t flow_schedule_type;
  std::uint8_t tick_rule;
  std::uint8_t reserved[10];
};
static_assert(sizeof(InstrumentDefMsgV2) == 400);

struct InstrumentDefMsgV3 {
  RecordHeader hd;
  std::uint64_t ts_recv;
  std::int64_t min_price_increment;
  std::int64_t display_factor;
  std::uint64_t expiration;
  std::uint64_t activation;
  std::int64_t high_limit_price;
  std::int64_t low_limit_price;
  std::int64_t max_price_variation;
  std::int64_t unit_of_measure_qty;
  std::int64_t min_price_increment_amount;
  std::int64_t price_ratio;
  std::int64_t strike_price;
  std::uint64_t raw_instrument_id;
  std::int64_t leg_price;
  std::int64_t leg_delta;
  std::int32_t inst_attrib_value;
  std::uint32_t underlying_id;
  std::int32_t market_depth_implied;
  std::int32_t market_depth;
  std::uint32_t market_segment_id;
  std::uint32_t max_trade_vol;
  std::int32_t min_lot_size;
  std::int32_t min_lot_size_block;
  std::int32_t min_lot_size_round_lot;
  std::uint32_t min_trade_vol;
  std::int32_t contract_multiplier;
  std::int32_t decay_quantity;
  std::int32_t original_contract_size;
  std::uint32_t leg_instrument_id;
  std::int32_t leg_ratio_price_numerator;
  std::int32_t leg_ratio_price_denominator;
  std::int32_t leg_ratio_qty_numerator;
  std::int32_t leg_ratio_qty_denominator;
  std::uint32_t leg_underlying_id;
  std::int16_t appl_id;
  std::uint16_t maturity_year;
  std::uint16_t decay_start_date;
  std::uint16_t channel_id;
  std::uint16_t leg_count;
  std::uint16_t leg_index;
  char currency[4];
  char settl_currency[4];
  char secsubtype[6];
  char raw_symbol[71];
  char group[21];
  char exchange[5];
  char asset[11];
  char cfi[7];
  char security_type[7];
  char unit_of_measure[31];
  char underlying[21];
  char strike_price_currency[4];
  char leg_raw_symbol[71];
  char instrument_class;
  char match_algorithm;
  std::uint8_t main_fraction;
  std::uint8_t price_display_format;
  std::uint8_t sub_fraction;
  std::uint8_t underlying_product;
  char security_update_action;
  std::uint8_t maturity_month;
  std::uint8_t maturity_day;
  std::uint8_t maturity_week;
  char user_defined_instrument;
  std::int8_t contract_multiplier_unit;
  std::int8_t flow_schedule_type;
  std::uint8_t tick_rule;
  char leg_instrument_class;
  char leg_side;
  std::uint8_t reserved[17];
};
static_assert(sizeof(InstrumentDefMsgV3) == 520);

struct SymbolMappingMsgV1 {
  RecordHeader hd;
  char stype_in_symbol[22];
  char stype_out_symbol[22];
  std::uint8_t reserved[4];
  std::uint64_t start_ts;
  std::uint64_t end_ts;
};
static_assert(sizeof(SymbolMappingMsgV1) == 80);
struct SymbolMappingMsgV2 {
  RecordHeader hd;
  std::uint8_t stype_in;
  char stype_in_symbol[71];
  std::uint8_t stype_out;
  char stype_out_symbol[71];
  std::uint64_t start_ts;
  std::uint64_t end_ts;
};
static_assert(sizeof(SymbolMappingMsgV2) == 176);

struct ErrorMsgV1 {
  RecordHeader hd;
  char err[64];
};
static_assert(sizeof(ErrorMsgV1) == 80);
struct ErrorMsgV2 {
  RecordHeader hd;
  char err[302];
  std::uint8_t code;
  std::uint8_t is_last;
};
static_assert(sizeof(ErrorMsgV2) == 320);
struct SystemMsgV1 {
  RecordHeader hd;
  char msg[64];
};
static_assert(sizeof(SystemMsgV1) == 80);
struct SystemMsgV2 {
  RecordHeader hd;
  char msg[303];
  std::uint8_t code;
};
static_assert(sizeof(SystemMsgV2) == 320);

// A C string field of fixed capacity: up to the first NUL.
template <std::size_t N>
std::string_view cstr(const char (&field)[N]) {
  std::size_t n = 0;
  while (n < N && field[n] != '\0')
    ++n;
  return {field, n};
}

// The minimum size a record of `rtype` must have (0 = unknown rtype; any size >= 16 accepted).
std::size_t min_record_size(std::uint8_t rtype);

}  // namespace zerodte::adapters::databento
