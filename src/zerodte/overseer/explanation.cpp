#include "zerodte/overseer/explanation.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "zerodte/publish/json_text.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/journal_reader.hpp"

namespace zerodte::overseer {
namespace {
constexpr std::array<std::string_view, 6> kKindNames = {"trade",   "reject",      "suppression",
                                                        "anomaly", "auto_action", "reversal"};
const bool kNamed = store::register_record_type_name(ExplanationRecord::kType, "explanation");

void put_list(store::ByteWriter& w, const std::vector<std::string>& v) {
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& s : v)
    w.str(s);
}

core::Result<std::vector<std::string>> get_list(store::ByteReader& r, std::string_view field) {
  auto n = r.u32(field);
  if (!n) return std::unexpected(n.error());
  if (*n > 10'000)
    return core::fail(core::ErrorCode::kParse, "{}: {} entries (max 10000)", field, *n);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < *n; ++i) {
    auto s = r.str(field);
    if (!s) return std::unexpected(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i)
    out += (i ? "," : "") + publish::json_string(v[i]);
  return out + "]";
}
}  // namespace

std::string_view to_string(ExplanationKind k) {
  const auto i = static_cast<std::size_t>(k);
  return i < kKindNames.size() ? kKindNames[i] : "unknown";
}

core::Result<ExplanationKind> parse_explanation_kind(std::string_view s) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == s) return static_cast<ExplanationKind>(i);
  }
  return core::fail(core::ErrorCode::kParse,
                    "explanation kind '{}': expected trade, reject, suppression, anomaly, "
                    "auto_action or reversal",
                    s);
}

void ExplanationRecord::encode(store::ByteWriter& w) const {
  (void)kNamed;
  w.u8(1);  // version
  w.str(id);
  w.u8(static_cast<std::uint8_t>(kind));
  w.i64(ts.ns);
  w.u16(strategy_id);
  w.str(strategy);
  w.u64(signal_id);
  w.str(symbol);
  put_list(w, triggered_by);
  w.f64(confidence);
  put_list(w, risk_factors);
  w.str(rejected_because);
  w.str(details);
  w.u32(static_cast<std::uint32_t>(analytics.size()));
  for (const auto& [k, v] : analytics) {
    w.str(k);
    w.f64(v);
  }
  w.str(narrative);
}

core::Result<ExplanationRecord> ExplanationRecord::decode(store::ByteReader& r) {
#define ZD_GET(var, expr) \
  auto var = (expr);      \
  if (!var) return std::unexpected(var.error());
  ZD_GET(version, r.u8("version"));
  if (*version != 1) {
    return core::fail(core::ErrorCode::kUnsupported, "explanation record version {} (expected 1)",
                      *version);
  }
  ExplanationRecord x;
  ZD_GET(id, r.str("id"));
  ZD_GET(kind, r.u8("kind"));
  if (*kind >= kKindNames.size()) {
    return core::fail(core::ErrorCode::kParse, "explanation '{}': kind {} unknown", *id, *kind);
  }
  ZD_GET(ts, r.i64("ts"));
  ZD_GET(sid, r.u16("strategy_id"));
  ZD_GET(strategy, r.str("strategy"));
  ZD_GET(signal, r.u64("signal_id"));
  ZD_GET(symbol, r.str("symbol"));
  ZD_GET(trig, get_list(r, "triggered_by"));
  ZD_GET(conf, r.f64("confidence"));
  ZD_GET(factors, get_list(r, "risk_factors"));
  ZD_GET(rej, r.str("rejected_because"));
  ZD_GET(details, r.str("details"));
  ZD_GET(n, r.u32("analytics"));
  if (*n > 10'000) return core::fail(core::ErrorCode::kParse, "analytics: {} entries", *n);
  for (std::uint32_t i = 0; i < *n; ++i) {
    ZD_GET(k, r.str("analytics.name"));
    ZD_GET(v, r.f64("analytics.value"));
    x.analytics.emplace_back(std::move(*k), *v);
  }
  ZD_GET(narr, r.str("narrative"));
#undef ZD_GET
  x.id = std::move(*id);
  x.kind = static_cast<ExplanationKind>(*kind);
  x.ts = core::Timestamp{*ts};
  x.strategy_id = *sid;
  x.strategy = std::move(*strategy);
  x.signal_id = *signal;
  x.symbol = std::move(*symbol);
  x.triggered_by = std::move(*trig);
  x.confidence = *conf;
  x.risk_factors = std::move(*factors);
  x.rejected_because = std::move(*rej);
  x.details = std::move(*details);
  x.narrative = std::move(*narr);
  return x;
}

std::string ExplanationRecord::to_json() const {
  using publish::json_number;
  using publish::json_string;
  std::string a = "{";
  for (std::size_t i = 0; i < analytics.size(); ++i) {
    a += (i ? "," : "") + json_string(analytics[i].first) + ":" + json_number(analytics[i].second);
  }
  a += "}";
  return fmt::format(
      R"({{"id":{},"kind":{},"ts":{},"strategy":{},"signal_id":{},"symbol":{},"triggered_by":{},)"
      R"("confidence":{},"risk_factors":{},"rejected_because":{},"details":{},"analytics":{},)"
      R"("narrative":{}}})",
      json_string(id), json_string(to_string(kind)), json_string(core::to_iso8601(ts)),
      json_string(strategy), signal_id, json_string(symbol), json_list(triggered_by),
      json_number(confidence), json_list(risk_factors), json_string(rejected_because),
      json_string(details), a, json_string(narrative));
}

void ExplanationStore::index(ExplanationRecord r) {
  const std::size_t i = records_.size();
  by_id_.emplace(r.id, i);
  by_time_.emplace(r.ts.ns, i);
  if (!r.strategy.empty()) by_strategy_[r.strategy].push_back(i);
  records_.push_back(std::move(r));
}

core::Status ExplanationStore::add(ExplanationRecord r) {
  if (r.id.empty()) return core::fail(core::ErrorCode::kInvalid, "explanation without an id");
  if (by_id_.contains(r.id)) {
    return core::fail(core::ErrorCode::kInvalid, "explanation '{}' already recorded", r.id);
  }
  if (journal_ != nullptr) {
    auto seq = store::append_record(*journal_, r, r.ts);
    if (!seq) return std::unexpected(seq.error().with_context("journal explanation " + r.id));
  }
  index(std::move(r));
  return {};
}

core::Status ExplanationStore::load_journal(const std::filesystem::path& dir) {
  auto rep = store::read_journal(dir, {}, [&](const store::RecordView& v) -> core::Status {
    if (v.type != ExplanationRecord::kType) return {};
    auto rec = store::decode_record<ExplanationRecord>(v);
    if (!rec) return std::unexpected(rec.error().with_context(dir.string()));
    if (!by_id_.contains(rec->id)) index(std::move(*rec));
    return {};
  });
  if (!rep) return std::unexpected(rep.error());
  return {};
}

const ExplanationRecord* ExplanationStore::by_id(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &records_[it->second];
}

std::vector<const ExplanationRecord*> ExplanationStore::query(const ExplanationQuery& q) const {
  std::vector<const ExplanationRecord*> out;
  auto accept = [&](std::size_t i) {
    const auto& r = records_[i];
    if (r.ts < q.from || r.ts >= q.to) return;
    if (q.kind && r.kind != *q.kind) return;
    if (q.strategy && r.strategy != *q.strategy) return;
    out.push_back(&r);
  };
  if (q.strategy) {
    auto it = by_strategy_.find(*q.strategy);
    if (it == by_strategy_.end()) return out;
    for (auto i : it->second) {
      if (out.size() >= q.limit) break;
      accept(i);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto* a, const auto* b) { return a->ts < b->ts; });
    return out;
  }
  for (auto it = by_time_.lower_bound(q.from.ns); it != by_time_.end() && out.size() < q.limit;
       ++it) {
    if (it->first >= q.to.ns) break;
    accept(it->second);
  }
  return out;
}

std::string ExplanationStore::query_json(const ExplanationQuery& q) const {
  std::string out = "[";
  bool first = true;
  for (const auto* r : query(q)) {
    if (!first) out += ",";
    first = false;
    out += r->to_json();
  }
  return out + "]";
}

}  // namespace zerodte::overseer
