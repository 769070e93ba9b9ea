#include "zerodte/store/segment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "zerodte/engine/event.hpp"
#include "zerodte/store/crc32c.hpp"
#include "zerodte/store/file_util.hpp"
#include "zerodte/store/zstd_codec.hpp"

namespace zerodte::store {
namespace {

constexpr std::array<char, 8> kMagic = {'Z', 'D', 'T', 'J', 'R', 'N', 'L', '1'};
constexpr std::string_view kPrefix = "seg-";
constexpr std::string_view kRawExt = ".zj";
constexpr std::string_view kZstExt = ".zj.zst";

template <typename T>
T load(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <typename T>
void store_at(std::byte* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

// Is there an intact frame anywhere in data[from, end) with a plausible sequence number?
bool valid_frame_after(std::span<const std::byte> data, std::size_t from, std::uint64_t min_seq) {
  if (data.size() < kFrameHeaderSize) return false;
  for (std::size_t pos = from; pos + kFrameHeaderSize <= data.size(); ++pos) {
    const auto len = load<std::uint32_t>(data.data() + pos + 4);
    const auto seq = load<std::uint64_t>(data.data() + pos + 8);
    if (len > kMaxPayload || pos + kFrameHeaderSize + len > data.size()) continue;
    if (seq < min_seq || seq > min_seq + data.size()) continue;
    const auto crc = load<std::uint32_t>(data.data() + pos);
    if (crc32c(data.data() + pos + 4, kFrameHeaderSize - 4 + len) == crc) return true;
  }
  return false;
}

}  // namespace

std::uint32_t layout_fingerprint() {
  std::uint32_t h = 0;
  auto mix = [&h]<typename T>(std::type_identity<T>) {
    const std::uint32_t v[2] = {static_cast<std::uint32_t>(sizeof(T)),
                                static_cast<std::uint32_t>(alignof(T))};
    h = crc32c(v, sizeof(v), h);
  };
  mix(std::type_identity<model::Trade>{});
  mix(std::type_identity<model::Quote>{});
  mix(std::type_identity<model::Bar>{});
  mix(std::type_identity<model::OptionQuote>{});
  mix(std::type_identity<model::BookDepth>{});
  mix(std::type_identity<model::Imbalance>{});
  mix(std::type_identity<model::InstrumentStatus>{});
  mix(std::type_identity<model::FeedStatus>{});
  mix(std::type_identity<model::OrderUpdate>{});
  mix(std::type_identity<model::Fill>{});
  mix(std::type_identity<model::OrderIntent>{});
  return h;
}

std::string segment_file_name(std::uint64_t first_seq, bool compressed) {
  return fmt::format("{}{:020}{}", kPrefix, first_seq, compressed ? kZstExt : kRawExt);
}

core::Result<std::vector<SegmentFile>> list_segments(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "journal directory {}: {}", dir.string(), ec.message());
  std::vector<SegmentFile> out;
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kPrefix)) continue;
    bool compressed = false;
    std::string_view rest = std::string_view(name).substr(kPrefix.size());
    if (rest.ends_with(kZstExt)) {
      compressed = true;
      rest.remove_suffix(kZstExt.size());
    } else if (rest.ends_with(kRawExt)) {
      rest.remove_suffix(kRawExt.size());
    } else {
      continue;  // temporary files and foreign files are not segments
    }
    if (rest.size() != 20 ||
        !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return core::fail(core::ErrorCode::kParse, "journal {}: malformed segment name '{}'",
                        dir.string(), name);
    out.push_back(SegmentFile{entry.path(), std::stoull(std::string(rest)), compressed});
  }
  std::sort(out.begin(), out.end(), [](const SegmentFile& a, const SegmentFile& b) {
    return a.first_seq != b.first_seq ? a.first_seq < b.first_seq : !a.compressed && b.compressed;
  });
  // Keep the raw file where a compressed twin exists (compression had not completed).
  std::vector<SegmentFile> unique;
  for (auto& s : out) {
    if (!unique.empty() && unique.back().first_seq == s.first_seq) continue;
    unique.push_back(std::move(s));
  }
  return unique;
}

void encode_segment_header(std::uint64_t first_seq, std::span<std::byte, kSegmentHeaderSize> out) {
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  store_at(out.data() + 8, kSegmentVersion);
  store_at(out.data() + 12, layout_fingerprint());
  store_at(out.data() + 16, first_seq);
  store_at(out.data() + 24, std::uint32_t{0});
  store_at(out.data() + 28, crc32c(out.data(), 28));
}

core::Result<std::uint64_t> decode_segment_header(std::span<const std::byte> data,
                                                  const std::string& name) {
  if (data.size() < kSegmentHeaderSize)
    return core::fail(core::ErrorCode::kParse,
                      "segment {}: {} bytes, shorter than the {}-byte header", name, data.size(),
                      kSegmentHeaderSize);
  if (std::memcmp(data.data(), kMagic.data(), kMagic.size()) != 0)
    return core::fail(core::ErrorCode::kParse, "segment {}: bad magic at offset 0", name);
  if (crc32c(data.data(), 28) != load<std::uint32_t>(data.data() + 28))
    return core::fail(core::ErrorCode::kParse, "segment {}: header crc mismatch at offset 28",
                      name);
  if (const auto v = load<std::uint32_t>(data.data() + 8); v != kSegmentVersion)
    return core::fail(core::ErrorCode::kUnsupported, "segment {}: version {} (this build reads {})",
                      name, v, kSegmentVersion);
  if (const auto l = load<std::uint32_t>(data.data() + 12); l != layout_fingerprint())
    return core::fail(
        core::ErrorCode::kUnsupported,
        "segment {}: struct layout fingerprint {:08x} differs from this build's {:08x}; "
        "read it with the build that wrote it",
        name, l, layout_fingerprint());
  return load<std::uint64_t>(data.data() + 16);
}

void encode_frame(Bytes& out, std::uint64_t seq, RecordType type, std::uint16_t flags,
                  core::Timestamp ts, std::span<const std::byte> payload) {
  const std::size_t at = out.size();
  out.resize(at + kFrameHeaderSize + payload.size());
  std::byte* p = out.data() + at;
  store_at(p + 4, static_cast<std::uint32_t>(payload.size()));
  store_at(p + 8, seq);
  store_at(p + 16, ts.ns);
  store_at(p + 24, static_cast<std::uint16_t>(type));
  store_at(p + 26, flags);
  if (!payload.empty()) std::memcpy(p + kFrameHeaderSize, payload.data(), payload.size());
  store_at(p, crc32c(p + 4, kFrameHeaderSize - 4 + payload.size()));
}

core::Result<SegmentScan> scan_segment(std::span<const std::byte> data, const std::string& name,
                                       const RecordCallback& fn, std::uint64_t until_seq) {
  auto first = decode_segment_header(data, name);
  if (!first) return std::unexpected(first.error());
  SegmentScan scan;
  scan.first_seq = *first;
  scan.last_seq = *first - 1;
  std::size_t pos = kSegmentHeaderSize;
  auto damage = [&](std::string reason) {
    scan.damage = SegmentDamage{pos, data.size() - pos, std::move(reason),
                                valid_frame_after(data, pos + 1, scan.last_seq + 1)};
  };
  while (pos < data.size()) {
    if (data.size() - pos < kFrameHeaderSize) {
      damage(
          fmt::format("torn frame header ({} of {} bytes)", data.size() - pos, kFrameHeaderSize));
      break;
    }
    const std::byte* p = data.data() + pos;
    const auto len = load<std::uint32_t>(p + 4);
    if (len > kMaxPayload) {
      damage(fmt::format("payload length {} exceeds the maximum {}", len, kMaxPayload));
      break;
    }
    if (data.size() - pos - kFrameHeaderSize < len) {
      damage(fmt::format("torn frame: payload of {} bytes but {} remain", len,
                         data.size() - pos - kFrameHeaderSize));
      break;
    }
    if (crc32c(p + 4, kFrameHeaderSize - 4 + len) != load<std::uint32_t>(p)) {
      damage("crc mismatch");
      break;
    }
    const auto seq = load<std::uint64_t>(p + 8);
    if (seq != scan.last_seq + 1) {
      damage(fmt::format("sequence {} where {} was expected", seq, scan.last_seq + 1));
      break;
    }
    if (seq > until_seq) {
      scan.stopped_at_until = true;
      break;
    }
    if (fn) {
      RecordView rv{seq, static_cast<RecordType>(load<std::uint16_t>(p + 24)),
                    load<std::uint16_t>(p + 26), core::Timestamp{load<std::int64_t>(p + 16)},
                    data.subspan(pos + kFrameHeaderSize, len)};
      if (auto st = fn(rv); !st) return std::unexpected(st.error());
    }
    scan.last_seq = seq;
    ++scan.records;
    pos += kFrameHeaderSize + len;
  }
  scan.good_bytes = pos;
  return scan;
}

core::Result<Bytes> load_segment(const SegmentFile& seg) {
  auto raw = read_file(seg.path);
  if (!raw && !seg.compressed) {
    // Compressed by the journal's background thread since it was listed: read the .zst twin.
    std::filesystem::path twin = seg.path;
    twin += ".zst";
    if (!std::filesystem::exists(seg.path) && std::filesystem::exists(twin))
      return load_segment(SegmentFile{twin, seg.first_seq, true});
  }
  if (!raw) return std::unexpected(raw.error());
  if (!seg.compressed) return raw;
  return zstd_decompress(*raw, seg.path.string());
}

}  // namespace zerodte::store
