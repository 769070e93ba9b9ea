#include "zerodte/adapters/databento/dbn_decoder.hpp"

#include <cstring>

namespace zerodte::adapters::databento {

using core::ErrorCode;

int RecordView::layout_version() const {
  const std::size_t n = size();
  switch (rtype()) {
    case static_cast<std::uint8_t>(RType::kInstrumentDef):
      return n >= sizeof(InstrumentDefMsgV3) ? 3 : n >= sizeof(InstrumentDefMsgV2) ? 2 : 1;
    case static_cast<std::uint8_t>(RType::kStatistics):
      return n >= sizeof(StatMsgV3) ? 3 : 2;
    case static_cast<std::uint8_t>(RType::kSymbolMapping):
      return n >= sizeof(SymbolMappingMsgV2) ? 2 : 1;
    case static_cast<std::uint8_t>(RType::kError):
    case static_cast<std::uint8_t>(RType::kSystem):
      return n >= sizeof(ErrorMsgV2) ? 2 : 1;
    default:
      return 3;
  }
}

InputKind classify_input(std::span<const std::byte> first4) {
  if (first4.size() < 4) return InputKind::kPlain;
  std::uint32_t m = 0;
  std::memcpy(&m, first4.data(), 4);
  if (m == data::kZstdMagic) return InputKind::kZstd;
  if ((m & data::kZstdSkippableMagicMask) == data::kZstdSkippableMagic)
    return InputKind::kLegacyDbz;
  return InputKind::kPlain;
}

namespace {

core::Result<std::unique_ptr<data::ByteReader>> wrap(std::unique_ptr<data::ByteReader> raw,
                                                     std::span<const std::byte> first4,
                                                     std::string_view name) {
  switch (classify_input(first4)) {
    case InputKind::kLegacyDbz:
      return core::fail(ErrorCode::kUnsupported,
                        "{}: byte 0: unsupported legacy DBZ format (zstd skippable-frame header); "
                        "convert it to DBN with Databento's tools",
                        name);
    case InputKind::kZstd:
      return std::unique_ptr<data::ByteReader>(std::make_unique<data::ZstdReader>(std::move(raw)));
    case InputKind::kPlain:
      break;
  }
  return raw;
}

}  // namespace

DbnDecoder::DbnDecoder(std::unique_ptr<data::ByteReader> reader, std::string name)
    : reader_(std::move(reader)),
      name_(std::move(name)),
      buf_(std::make_unique<std::uint64_t[]>(kWindow / 8)) {}

core::Result<std::unique_ptr<DbnDecoder>> DbnDecoder::open(const std::string& path,
                                                           const DecoderOptions& options) {
  std::byte first4[4]{};
  {
    auto probe = data::FileReader::open(path);
    if (!probe) return std::unexpected(probe.error());
    auto n = (*probe)->read(first4);
    if (!n) return std::unexpected(n.error());
  }
  auto f = data::FileReader::open(path);
  if (!f) return std::unexpected(f.error());
  auto r = wrap(std::move(*f), first4, path);
  if (!r) return std::unexpected(r.error());
  std::unique_ptr<DbnDecoder> d(new DbnDecoder(std::move(*r), path));
  if (auto s = d->start(options); !s) return std::unexpected(s.error());
  return d;
}

core::Result<std::unique_ptr<DbnDecoder>> DbnDecoder::from_memory(std::span<const std::byte> bytes,
                                                                  std::string name,
                                                                  const DecoderOptions& options) {
  auto raw = std::make_unique<data::MemoryReader>(bytes, name);
  auto r = wrap(std::move(raw), bytes.first(std::min<std::size_t>(4, bytes.size())), name);
  if (!r) return std::unexpected(r.error());
  std::unique_ptr<DbnDecoder> d(new DbnDecoder(std::move(*r), std::move(name)));
  if (auto s = d->start(options); !s) return std::unexpected(s.error());
  return d;
}

core::Result<std::unique_ptr<DbnDecoder>> DbnDecoder::from_reader(
    std::unique_ptr<data::ByteReader> reader, const DecoderOptions& options) {
  std::string name(reader->name());
  std::unique_ptr<DbnDecoder> d(new DbnDecoder(std::move(reader), std::move(name)));
  if (auto s = d->start(options); !s) return std::unexpected(s.error());
  return d;
}

std::unexpected<core::Error> DbnDecoder::error(std::uint64_t offset, std::string_view reason) {
  failed_ = true;
  return core::fail(ErrorCode::kParse, "{}: byte {}: {}", name_, offset, reason);
}

core::Result<std::size_t> DbnDecoder::fill(std::size_t want) {
  auto* base = reinterpret_cast<std::byte*>(buf_.get());
  while (end_ - pos_ < want && !eof_) {
    if (pos_ > 0) {
      // Keep the unread tail at an 8-aligned start.
      std::memmove(base, base + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    auto n = reader_->read({base + end_, kWindow - end_});
    if (!n) {
      failed_ = true;
      return std::unexpected(n.error());
    }
    if (*n == 0) eof_ = true;
    end_ += *n;
  }
  return end_ - pos_;
}

core::Status DbnDecoder::start(const DecoderOptions& options) {
  auto avail = fill(8);
  if (!avail) return std::unexpected(avail.error());
  const auto* base = reinterpret_cast<const std::byte*>(buf_.get());
  const bool has_prelude = *avail >= 3 && std::memcmp(base, "DBN", 3) == 0;
  if (!has_prelude) {
    if (*avail >= 4 && classify_input({base, 4}) == InputKind::kLegacyDbz) {
      return error(0, "unsupported legacy DBZ format (zstd skippable-frame header)");
    }
    if (!options.allow_fragment) return error(0, "missing DBN prelude (\"DBN\" + version)");
    return core::ok();  // fragment: bare records
  }
  if (*avail < 8) return error(*avail, "truncated DBN prelude (need 8 bytes)");
  const auto version = static_cast<std::uint8_t>(base[3]);
  if (version == 0 || version > kMaxDbnVersion) {
    failed_ = true;
    return core::fail(ErrorCode::kUnsupported,
                      "{}: byte 3: unsupported DBN version {} (1-{} "
                      "supported)",
                      name_, version, kMaxDbnVersion);
  }
  std::uint32_t len = 0;
  std::memcpy(&len, base + 4, 4);
  if (len > options.max_metadata_bytes) {
    return error(4, fmt::format("metadata length {} exceeds the {} byte limit", len,
                                options.max_metadata_bytes));
  }
  pos_ += 8;
  stream_offset_ = 8;
  // Metadata may be larger than the window: collect it separately.
  std::string body;
  body.reserve(std::min<std::size_t>(len, kWindow));
  while (body.size() < len) {
    auto a = fill(1);
    if (!a) return std::unexpected(a.error());
    if (*a == 0) {
      return error(stream_offset_ + body.size(),
                   fmt::format("truncated metadata: {} of {} bytes", body.size(), len));
    }
    const std::size_t take = std::min<std::size_t>(*a, len - body.size());
    body.append(reinterpret_cast<const char*>(base) + pos_, take);
    pos_ += take;
  }
  stream_offset_ += len;
  auto meta = parse_metadata(version,
                             {reinterpret_cast<const std::byte*>(body.data()), body.size()}, name_);
  if (!meta) {
    failed_ = true;
    return std::unexpected(meta.error());
  }
  metadata_ = std::move(*meta);
  return core::ok();
}

core::Result<std::optional<RecordView>> DbnDecoder::next() {
  if (failed_) return core::fail(ErrorCode::kState, "{}: decoder already failed", name_);
  auto avail = fill(sizeof(RecordHeader));
  if (!avail) return std::unexpected(avail.error());
  if (*avail == 0) return std::optional<RecordView>{};
  if (*avail < sizeof(RecordHeader)) {
    return error(stream_offset_, fmt::format("truncated record header: {} of 16 bytes", *avail));
  }
  auto* base = reinterpret_cast<std::byte*>(buf_.get());
  RecordHeader hd;
  std::memcpy(&hd, base + pos_, sizeof hd);
  const std::size_t size = hd.size();
  if (size < sizeof(RecordHeader)) {
    return error(stream_offset_, fmt::format("record length {} words is shorter than the 16-byte "
                                             "header (rtype 0x{:02x})",
                                             hd.length, hd.rtype));
  }
  const std::size_t min = min_record_size(hd.rtype);
  if (min != 0 && size < min) {
    return error(stream_offset_,
                 fmt::format("{} record of {} bytes is shorter than its {} byte layout",
                             rtype_name(hd.rtype), size, min));
  }
  avail = fill(size);
  if (!avail) return std::unexpected(avail.error());
  if (*avail < size) {
    return error(stream_offset_, fmt::format("truncated {} record: {} of {} bytes",
                                             rtype_name(hd.rtype), *avail, size));
  }
  const std::byte* p = base + pos_;
  if (pos_ % 8 != 0) {  // records of odd word counts: realign (rare; never for Databento data)
    std::memcpy(scratch_, p, size);
    p = scratch_;
  }
  RecordView view(p, stream_offset_);
  pos_ += size;
  stream_offset_ += size;
  ++records_;
  return std::optional<RecordView>{view};
}

std::string_view rtype_name(std::uint8_t rtype) {
  switch (static_cast<RType>(rtype)) {
    case RType::kMbp0:
      return "trade";
    case RType::kMbp1:
      return "mbp-1";
    case RType::kMbp10:
      return "mbp-10";
    case RType::kOhlcvDeprecated:
      return "ohlcv";
    case RType::kStatus:
      return "status";
    case RType::kInstrumentDef:
      return "definition";
    case RType::kImbalance:
      return "imbalance";
    case RType::kError:
      return "error";
    case RType::kSymbolMapping:
      return "symbol-mapping";
    case RType::kSystem:
      return "system";
    case RType::kStatistics:
      return "statistics";
    case RType::kOhlcv1S:
      return "ohlcv-1s";
    case RType::kOhlcv1M:
      return "ohlcv-1m";
    case RType::kOhlcv1H:
      return "ohlcv-1h";
    case RType::kOhlcv1D:
      return "ohlcv-1d";
    case RType::kOhlcvEod:
      return "ohlcv-eod";
    case RType::kMbo:
      return "mbo";
    case RType::kCmbp1:
      return "cmbp-1";
    case RType::kCbbo1S:
      return "cbbo-1s";
    case RType::kCbbo1M:
      return "cbbo-1m";
    case RType::kTcbbo:
      return "tcbbo";
    case RType::kBbo1S:
      return "bbo-1s";
    case RType::kBbo1M:
      return "bbo-1m";
  }
  return "unknown";
}

std::size_t min_record_size(std::uint8_t rtype) {
  switch (static_cast<RType>(rtype)) {
    case RType::kMbp0:
      return sizeof(TradeMsg);
    case RType::kMbp1:
      return sizeof(Mbp1Msg);
    case RType::kMbp10:
      return sizeof(Mbp10Msg);
    case RType::kOhlcvDeprecated:
    case RType::kOhlcv1S:
    case RType::kOhlcv1M:
    case RType::kOhlcv1H:
    case RType::kOhlcv1D:
    case RType::kOhlcvEod:
      return sizeof(OhlcvMsg);
    case RType::kStatus:
      return sizeof(StatusMsg);
    case RType::kInstrumentDef:
      return sizeof(InstrumentDefMsgV1);
    case RType::kImbalance:
      return sizeof(ImbalanceMsg);
    case RType::kError:
      return sizeof(ErrorMsgV1);
    case RType::kSymbolMapping:
      return sizeof(SymbolMappingMsgV1);
    case RType::kSystem:
      return sizeof(SystemMsgV1);
    case RType::kStatistics:
      return sizeof(StatMsgV1);
    case RType::kMbo:
      return sizeof(MboMsg);
    case RType::kCmbp1:
    case RType::kTcbbo:
      return sizeof(Cmbp1Msg);
    case RType::kCbbo1S:
    case RType::kCbbo1M:
      return sizeof(CbboMsg);
    case RType::kBbo1S:
    case RType::kBbo1M:
      return sizeof(BboMsg);
  }
  return 0;
}

}  // namespace zerodte::adapters::databento
