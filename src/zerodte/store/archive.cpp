#include "zerodte/store/archive.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "zerodte/store/file_util.hpp"
#include "zerodte/store/segment.hpp"
#include "zerodte/store/sha256.hpp"
#include "zerodte/store/zstd_codec.hpp"

namespace zerodte::store {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIndex = "INDEX.tsv";
constexpr std::string_view kManifest = "MANIFEST.sha256";
constexpr int kArchiveZstdLevel = 9;

std::span<const std::byte> as_bytes(const std::string& s) {
  return std::as_bytes(std::span<const char>(s.data(), s.size()));
}

bool valid_name(std::string_view s) {
  return !s.empty() && s != "." && s != ".." && s.find('/') == std::string_view::npos &&
         s.find('\t') == std::string_view::npos && s.find('\n') == std::string_view::npos;
}

core::Result<std::vector<ArchiveEntry>> read_index(const fs::path& p) {
  std::vector<ArchiveEntry> out;
  std::ifstream in(p);
  if (!in) return out;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');)
      f.push_back(x);
    if (f.size() != 9)
      return core::fail(core::ErrorCode::kParse, "{}:{}: {} fields, expected 9", p.string(), lineno,
                        f.size());
    try {
      out.push_back(ArchiveEntry{f[0], f[1], std::stoull(f[2]), std::stoull(f[3]), f[4],
                                 std::stoull(f[5]), std::stoull(f[6]), std::stoll(f[7]),
                                 std::stoll(f[8])});
    } catch (const std::exception&) {
      return core::fail(core::ErrorCode::kParse, "{}:{}: malformed number", p.string(), lineno);
    }
  }
  return out;
}

}  // namespace

RetentionPolicy RetentionPolicy::defaults() {
  return RetentionPolicy{{{"ticks", 2},
                          {"quotes", 2},
                          {"bars_1m", 92},
                          {"journal", 2557},
                          {"orders", 2557},
                          {"fills", 2557},
                          {"explanations", 2557}}};
}

core::Result<RetentionPolicy> RetentionPolicy::parse(std::string_view text) {
  RetentionPolicy p;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, end - start);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return core::fail(core::ErrorCode::kParse, "retention '{}': expected class=days", item);
    int days = 0;
    try {
      std::size_t used = 0;
      days = std::stoi(std::string(item.substr(eq + 1)), &used);
      if (used != item.size() - eq - 1) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return core::fail(core::ErrorCode::kParse, "retention '{}': days is not an integer", item);
    }
    if (days < 0)
      return core::fail(core::ErrorCode::kInvalid, "retention '{}': negative days", item);
    p.keep_days[std::string(item.substr(0, eq))] = days;
    start = end + 1;
  }
  return p;
}

core::Result<std::vector<ArchiveEntry>> Archive::index(core::Date day) const {
  return read_index(day_dir(day) / kIndex);
}

std::vector<core::Date> Archive::days() const {
  std::vector<core::Date> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_, ec)) {
    if (!e.is_directory()) continue;
    auto d = core::Date::parse(e.path().filename().string());
    if (d && d->to_string() == e.path().filename().string()) out.push_back(*d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

core::Status Archive::write_index_and_manifest(core::Date day,
                                               const std::vector<ArchiveEntry>& entries) {
  const fs::path dir = day_dir(day);
  std::string idx =
      "# "
      "class\tname\traw_bytes\tstored_bytes\traw_sha256\tfirst_seq\tlast_seq\tfirst_ts_ns\tlast_ts_"
      "ns\n";
  for (const auto& e : entries) {
    idx += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", e.cls, e.name, e.raw_bytes,
                       e.stored_bytes, e.raw_sha256, e.first_seq, e.last_seq, e.first_ts_ns,
                       e.last_ts_ns);
  }
  if (auto st = write_file_atomic(dir / kIndex, as_bytes(idx)); !st) return st;
  std::string manifest;
  for (const auto& e : entries) {
    const std::string rel = e.cls + "/" + e.name;
    auto h = sha256_file(dir / rel);
    if (!h) return std::unexpected(h.error());
    manifest += fmt::format("{}  {}\n", *h, rel);
  }
  manifest += fmt::format("{}  {}\n", sha256_hex(as_bytes(idx)), kIndex);
  return write_file_atomic(dir / kManifest, as_bytes(manifest));
}

core::Result<ArchiveEntry> Archive::store(core::Date day, ArchiveEntry entry,
                                          std::span<const std::byte> stored) {
  if (!valid_name(entry.cls) || !valid_name(entry.name))
    return core::fail(core::ErrorCode::kInvalid, "archive: invalid class '{}' or name '{}'",
                      entry.cls, entry.name);
  const fs::path dir = day_dir(day) / entry.cls;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return core::fail(core::ErrorCode::kIo, "archive: create {}: {}", dir.string(), ec.message());
  if (auto st = write_file_atomic(dir / entry.name, stored); !st)
    return std::unexpected(st.error());
  entry.stored_bytes = stored.size();
  auto entries = index(day);
  if (!entries) return std::unexpected(entries.error());
  std::erase_if(*entries,
                [&](const ArchiveEntry& e) { return e.cls == entry.cls && e.name == entry.name; });
  entries->push_back(entry);
  std::sort(entries->begin(), entries->end(), [](const ArchiveEntry& a, const ArchiveEntry& b) {
    return std::tie(a.cls, a.name) < std::tie(b.cls, b.name);
  });
  if (auto st = write_index_and_manifest(day, *entries); !st) return std::unexpected(st.error());
  return entry;
}

core::Result<ArchiveEntry> Archive::add_file(core::Date day, std::string_view cls,
                                             const fs::path& src, bool remove_source) {
  auto data = read_file(src);
  if (!data) return std::unexpected(data.error());
  ArchiveEntry e;
  e.cls = std::string(cls);
  const std::string fname = src.filename().string();
  core::Result<ArchiveEntry> r;
  if (fname.ends_with(".zst")) {
    auto raw = zstd_decompress(*data, src.string());
    if (!raw) return std::unexpected(raw.error());
    e.name = fname;
    e.raw_bytes = raw->size();
    e.raw_sha256 = sha256_hex(*raw);
    r = store(day, e, *data);
  } else {
    auto z = zstd_compress(*data, kArchiveZstdLevel);
    if (!z) return std::unexpected(z.error());
    e.name = fname + ".zst";
    e.raw_bytes = data->size();
    e.raw_sha256 = sha256_hex(*data);
    r = store(day, e, *z);
  }
  if (r && remove_source) {
    std::error_code ec;
    fs::remove(src, ec);
  }
  return r;
}

core::Result<RotationReport> Archive::rotate_journal(const fs::path& journal_dir, core::Date day) {
  auto segs = list_segments(journal_dir);
  if (!segs) return std::unexpected(segs.error());
  const std::int64_t end_ns = (day.days_since_epoch() + 1) * core::kNanosPerDay;
  RotationReport report;
  for (std::size_t i = 0; i + 1 < segs->size(); ++i) {  // never the last (active) segment
    const SegmentFile& seg = (*segs)[i];
    if (!seg.compressed) continue;  // still being compressed by the journal
    auto raw = load_segment(seg);
    if (!raw) return std::unexpected(raw.error());
    std::int64_t min_ts = INT64_MAX;
    std::int64_t max_ts = INT64_MIN;
    auto scan = scan_segment(*raw, seg.path.string(), [&](const RecordView& r) -> core::Status {
      if (r.ts.is_set()) {
        min_ts = std::min(min_ts, r.ts.ns);
        max_ts = std::max(max_ts, r.ts.ns);
      }
      return core::ok();
    });
    if (!scan) return std::unexpected(scan.error());
    if (scan->damage)
      return core::fail(core::ErrorCode::kParse, "rotate: segment {} damaged at offset {} ({})",
                        seg.path.string(), scan->damage->offset, scan->damage->reason);
    if (max_ts == INT64_MIN) min_ts = max_ts = 0;
    if (max_ts >= end_ns) break;  // this and later segments hold records of later days
    const core::Date seg_day =
        max_ts > 0 ? core::Date::from_days_since_epoch(max_ts / core::kNanosPerDay) : day;
    auto stored = read_file(seg.path);
    if (!stored) return std::unexpected(stored.error());
    ArchiveEntry e{"journal",
                   seg.path.filename().string(),
                   raw->size(),
                   0,
                   sha256_hex(*raw),
                   scan->first_seq,
                   scan->last_seq,
                   min_ts,
                   max_ts};
    auto r = store(seg_day, e, *stored);
    if (!r) return std::unexpected(r.error());
    std::error_code ec;
    fs::remove(seg.path, ec);
    if (ec)
      return core::fail(core::ErrorCode::kIo, "rotate: remove {}: {}", seg.path.string(),
                        ec.message());
    report.archived.push_back(*r);
  }
  if (auto st = sync_dir(journal_dir); !st) return std::unexpected(st.error());
  return report;
}

core::Result<VerifyReport> Archive::verify(std::optional<core::Date> day) const {
  VerifyReport rep;
  const std::vector<core::Date> all = day ? std::vector<core::Date>{*day} : days();
  for (const core::Date d : all) {
    ++rep.days;
    const fs::path dir = day_dir(d);
    const std::string dname = d.to_string();
    std::ifstream in(dir / kManifest);
    if (!in) {
      rep.problems.push_back(fmt::format("{}: {} missing", dname, kManifest));
      continue;
    }
    std::set<std::string> listed;
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      if (line.size() < 67 || line.substr(64, 2) != "  ") {
        rep.problems.push_back(fmt::format("{}/{}:{}: malformed line", dname, kManifest, lineno));
        continue;
      }
      const std::string want = line.substr(0, 64);
      const std::string rel = line.substr(66);
      listed.insert(rel);
      ++rep.files;
      auto got = sha256_file(dir / rel);
      if (!got)
        rep.problems.push_back(fmt::format("{}/{}: missing", dname, rel));
      else if (*got != want)
        rep.problems.push_back(
            fmt::format("{}/{}: sha256 mismatch (manifest {}, file {})", dname, rel, want, *got));
    }
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
      if (!e.is_regular_file()) continue;
      const std::string rel = fs::relative(e.path(), dir).string();
      if (rel != kManifest && !listed.contains(rel))
        rep.problems.push_back(fmt::format("{}/{}: not in the manifest", dname, rel));
    }
    // The index's raw checksums: decompress each file and compare.
    auto entries = read_index(dir / kIndex);
    if (!entries) {
      rep.problems.push_back(entries.error().message);
      continue;
    }
    for (const auto& e : *entries) {
      const fs::path p = dir / e.cls / e.name;
      auto data = read_file(p);
      if (!data) continue;  // reported above
      auto raw = zstd_decompress(*data, p.string());
      if (!raw)
        rep.problems.push_back(
            fmt::format("{}/{}/{}: {}", dname, e.cls, e.name, raw.error().message));
      else if (sha256_hex(*raw) != e.raw_sha256 || raw->size() != e.raw_bytes)
        rep.problems.push_back(fmt::format("{}/{}/{}: decompressed content differs from the index",
                                           dname, e.cls, e.name));
    }
  }
  return rep;
}

core::Result<RetentionReport> Archive::apply_retention(core::Date today,
                                                       const RetentionPolicy& policy) {
  RetentionReport rep;
  for (const core::Date d : days()) {
    const std::int64_t age = today.days_since_epoch() - d.days_since_epoch();
    auto entries = index(d);
    if (!entries) return std::unexpected(entries.error());
    std::set<std::string> expired;
    for (const auto& e : *entries) {
      auto it = policy.keep_days.find(e.cls);
      if (it != policy.keep_days.end() && age > it->second) expired.insert(e.cls);
    }
    if (expired.empty()) continue;
    for (const auto& cls : expired) {
      std::error_code ec;
      fs::remove_all(day_dir(d) / cls, ec);
      if (ec)
        return core::fail(core::ErrorCode::kIo, "retention: remove {}: {}",
                          (day_dir(d) / cls).string(), ec.message());
      rep.removed.push_back(fmt::format("{}/{}", d.to_string(), cls));
    }
    std::erase_if(*entries, [&](const ArchiveEntry& e) { return expired.contains(e.cls); });
    if (entries->empty()) {
      std::error_code ec;
      fs::remove_all(day_dir(d), ec);
    } else if (auto st = write_index_and_manifest(d, *entries); !st) {
      return std::unexpected(st.error());
    }
  }
  return rep;
}

}  // namespace zerodte::store
