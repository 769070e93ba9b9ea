#include "zerodte/publish/delivery_store.hpp"

#include <array>

#include <fmt/format.h>

#include "zerodte/store/sql_connection.hpp"

namespace zerodte::publish {
namespace {
using store::SqlValue;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS publish_deliveries(
  key TEXT PRIMARY KEY, route TEXT NOT NULL, message_id TEXT NOT NULL, kind INTEGER NOT NULL,
  tier INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  receipt TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', due_ns INTEGER NOT NULL,
  updated_ns INTEGER NOT NULL, msg_ts_ns INTEGER NOT NULL, title TEXT NOT NULL,
  text TEXT NOT NULL, html TEXT NOT NULL, recipients TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS publish_deliveries_status ON publish_deliveries(status, due_ns);
CREATE TABLE IF NOT EXISTS publish_attachments(
  key TEXT NOT NULL, seq INTEGER NOT NULL, filename TEXT NOT NULL, content_type TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY(key, seq));
CREATE TABLE IF NOT EXISTS publish_attempts(
  key TEXT NOT NULL, attempt INTEGER NOT NULL, ts_ns INTEGER NOT NULL, outcome TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS publish_subscribers(
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, tier INTEGER NOT NULL,
  channel TEXT NOT NULL, address TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
  UNIQUE(channel, address));
CREATE TABLE IF NOT EXISTS publish_signals(
  signal_id INTEGER PRIMARY KEY, strategy TEXT NOT NULL, symbol TEXT NOT NULL, text TEXT NOT NULL,
  published_ns INTEGER NOT NULL, realized_pnl REAL NOT NULL DEFAULT 0, pnl_updated_ns INTEGER);
)sql";

std::string join_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v)
    s += (s.empty() ? "" : "\n") + x;
  return s;
}
std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}
std::int64_t as_int(const SqlValue& v) {
  auto r = store::sql_int(v);
  return r ? *r : 0;
}
}  // namespace

DeliveryStore::DeliveryStore(std::unique_ptr<store::SqlConnection> db) : db_(std::move(db)) {}
DeliveryStore::~DeliveryStore() = default;

core::Result<std::unique_ptr<DeliveryStore>> DeliveryStore::open(
    const std::filesystem::path& file) {
  auto db = store::open_sqlite(file);
  if (!db) return std::unexpected(db.error());
  if (auto s = (*db)->exec_script(kSchema); !s) {
    return std::unexpected(
        s.error().with_context(fmt::format("{}: publish schema", file.string())));
  }
  return std::unique_ptr<DeliveryStore>(new DeliveryStore(std::move(*db)));
}

core::Result<bool> DeliveryStore::enqueue(const OutboundMessage& m, std::string_view route,
                                          core::Timestamp due) {
  auto known =
      db_->query("SELECT 1 FROM publish_deliveries WHERE key = $1", std::array<SqlValue, 1>{m.key});
  if (!known) return std::unexpected(known.error());
  if (!known->empty()) return false;
  if (auto s = db_->begin(); !s) return std::unexpected(s.error());
  const std::array<SqlValue, 12> p{m.key,
                                   std::string(route),
                                   m.id,
                                   std::int64_t{static_cast<int>(m.kind)},
                                   std::int64_t{static_cast<int>(m.tier)},
                                   due.ns,
                                   due.ns,
                                   m.ts.ns,
                                   m.title,
                                   m.text,
                                   m.html,
                                   join_lines(m.recipients)};
  auto s = db_->exec(
      "INSERT INTO publish_deliveries(key, route, message_id, kind, tier, status, due_ns, "
      "updated_ns, msg_ts_ns, title, text, html, recipients) VALUES($1, $2, $3, $4, $5, 'pending', "
      "$6, $7, $8, $9, $10, $11, $12)",
      p);
  for (std::size_t i = 0; s && i < m.attachments.size(); ++i) {
    const auto& a = m.attachments[i];
    s = db_->exec(
        "INSERT INTO publish_attachments(key, seq, filename, content_type, data) VALUES($1, $2, "
        "$3, $4, $5)",
        std::array<SqlValue, 5>{m.key, static_cast<std::int64_t>(i), a.filename, a.content_type,
                                a.data});
  }
  if (!s) {
    (void)db_->rollback();
    return std::unexpected(s.error().with_context("enqueue " + m.key));
  }
  if (auto c = db_->commit(); !c) return std::unexpected(c.error());
  return true;
}

core::Status DeliveryStore::log(std::string_view key, int attempt, std::string_view outcome,
                                std::string_view detail, core::Timestamp ts) {
  return db_->exec(
      "INSERT INTO publish_attempts(key, attempt, ts_ns, outcome, detail) VALUES($1, $2, $3, $4, "
      "$5)",
      std::array<SqlValue, 5>{std::string(key), std::int64_t{attempt}, ts.ns, std::string(outcome),
                              std::string(detail)});
}

core::Status DeliveryStore::mark_sending(std::string_view key, core::Timestamp ts) {
  return db_->exec(
      "UPDATE publish_deliveries SET status = 'sending', attempts = attempts + 1, updated_ns = $2 "
      "WHERE key = $1",
      std::array<SqlValue, 2>{std::string(key), ts.ns});
}

core::Status DeliveryStore::mark_sent(std::string_view key, std::string_view receipt,
                                      core::Timestamp ts) {
  auto s = db_->exec(
      "UPDATE publish_deliveries SET status = 'sent', receipt = $2, updated_ns = $3 WHERE key = $1",
      std::array<SqlValue, 3>{std::string(key), std::string(receipt), ts.ns});
  if (!s) return s;
  auto row = get(key);
  return log(key, row && *row ? (*row)->attempts : 0, "sent", receipt, ts);
}

core::Status DeliveryStore::mark_retry(std::string_view key, std::string_view error,
                                       core::Timestamp next_due, core::Timestamp ts) {
  auto s = db_->exec(
      "UPDATE publish_deliveries SET status = 'pending', last_error = $2, due_ns = $3, updated_ns "
      "= $4 WHERE key = $1",
      std::array<SqlValue, 4>{std::string(key), std::string(error), next_due.ns, ts.ns});
  if (!s) return s;
  auto row = get(key);
  return log(key, row && *row ? (*row)->attempts : 0, "retried", error, ts);
}

core::Status DeliveryStore::mark_failed(std::string_view key, std::string_view error,
                                        core::Timestamp ts) {
  auto s = db_->exec(
      "UPDATE publish_deliveries SET status = 'failed', last_error = $2, updated_ns = $3 WHERE key "
      "= $1",
      std::array<SqlValue, 3>{std::string(key), std::string(error), ts.ns});
  if (!s) return s;
  auto row = get(key);
  return log(key, row && *row ? (*row)->attempts : 0, "failed", error, ts);
}

core::Result<std::vector<DeliveryRow>> DeliveryStore::rows(std::string_view where,
                                                           std::span<const SqlValue> params) {
  auto q = db_->query(fmt::format("SELECT key, route, status, attempts, receipt, last_error, "
                                  "due_ns, updated_ns, message_id, "
                                  "kind, tier, msg_ts_ns, title, text, html, recipients FROM "
                                  "publish_deliveries {} ORDER BY "
                                  "due_ns, key",
                                  where),
                      params);
  if (!q) return std::unexpected(q.error());
  std::vector<DeliveryRow> out;
  for (const auto& r : *q) {
    DeliveryRow d;
    d.key = store::sql_text(r[0]);
    d.route = store::sql_text(r[1]);
    d.status = store::sql_text(r[2]);
    d.attempts = static_cast<int>(as_int(r[3]));
    d.receipt = store::sql_text(r[4]);
    d.last_error = store::sql_text(r[5]);
    d.due = core::Timestamp{as_int(r[6])};
    d.updated = core::Timestamp{as_int(r[7])};
    d.message.key = d.key;
    d.message.id = store::sql_text(r[8]);
    d.message.kind = static_cast<MessageKind>(as_int(r[9]));
    d.message.tier = static_cast<Tier>(as_int(r[10]));
    d.message.ts = core::Timestamp{as_int(r[11])};
    d.message.title = store::sql_text(r[12]);
    d.message.text = store::sql_text(r[13]);
    d.message.html = store::sql_text(r[14]);
    d.message.recipients = split_lines(store::sql_text(r[15]));
    auto att = db_->query(
        "SELECT filename, content_type, data FROM publish_attachments WHERE key = $1 ORDER BY seq",
        std::array<SqlValue, 1>{d.key});
    if (!att) return std::unexpected(att.error());
    for (const auto& a : *att) {
      d.message.attachments.push_back(
          {store::sql_text(a[0]), store::sql_text(a[1]), store::sql_text(a[2])});
    }
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<std::optional<DeliveryRow>> DeliveryStore::get(std::string_view key) {
  const std::array<SqlValue, 1> p{std::string(key)};
  auto r = rows("WHERE key = $1", p);
  if (!r) return std::unexpected(r.error());
  if (r->empty()) return std::optional<DeliveryRow>{};
  return std::optional<DeliveryRow>{std::move(r->front())};
}

core::Result<std::vector<DeliveryRow>> DeliveryStore::unfinished() {
  return rows("WHERE status IN ('pending', 'sending')");
}

core::Result<std::vector<DeliveryRow>> DeliveryStore::all() {
  return rows("");
}

core::Result<std::vector<std::vector<std::string>>> DeliveryStore::attempts(std::string_view key) {
  auto q = db_->query(
      "SELECT key, attempt, outcome, detail FROM publish_attempts WHERE key = $1 ORDER BY rowid",
      std::array<SqlValue, 1>{std::string(key)});
  if (!q) return std::unexpected(q.error());
  std::vector<std::vector<std::string>> out;
  for (const auto& r : *q) {
    out.push_back({store::sql_text(r[0]), std::to_string(as_int(r[1])), store::sql_text(r[2]),
                   store::sql_text(r[3])});
  }
  return out;
}

core::Result<std::int64_t> DeliveryStore::add_subscriber(const Subscriber& s) {
  if (s.name.empty() || s.address.empty() || s.channel.empty()) {
    return core::fail(core::ErrorCode::kInvalid,
                      "subscriber needs a name, a channel and an address (got '{}', '{}', '{}')",
                      s.name, s.channel, s.address);
  }
  auto e = db_->exec(
      "INSERT INTO publish_subscribers(name, tier, channel, address, active) VALUES($1, $2, $3, "
      "$4, $5)",
      std::array<SqlValue, 5>{s.name, std::int64_t{static_cast<int>(s.tier)}, s.channel, s.address,
                              std::int64_t{s.active ? 1 : 0}});
  if (!e) return std::unexpected(e.error().with_context("add subscriber " + s.name));
  auto q = db_->query("SELECT id FROM publish_subscribers WHERE channel = $1 AND address = $2",
                      std::array<SqlValue, 2>{s.channel, s.address});
  if (!q) return std::unexpected(q.error());
  return q->empty() ? 0 : as_int(q->front()[0]);
}

core::Status DeliveryStore::set_tier(std::int64_t id, Tier tier) {
  return db_->exec("UPDATE publish_subscribers SET tier = $2 WHERE id = $1",
                   std::array<SqlValue, 2>{id, std::int64_t{static_cast<int>(tier)}});
}

core::Status DeliveryStore::set_active(std::int64_t id, bool active) {
  return db_->exec("UPDATE publish_subscribers SET active = $2 WHERE id = $1",
                   std::array<SqlValue, 2>{id, std::int64_t{active ? 1 : 0}});
}

core::Result<std::vector<Subscriber>> DeliveryStore::subscribers() {
  auto q = db_->query(
      "SELECT id, name, tier, channel, address, active FROM publish_subscribers ORDER BY id");
  if (!q) return std::unexpected(q.error());
  std::vector<Subscriber> out;
  for (const auto& r : *q) {
    out.push_back({as_int(r[0]), store::sql_text(r[1]), static_cast<Tier>(as_int(r[2])),
                   store::sql_text(r[3]), store::sql_text(r[4]), as_int(r[5]) != 0});
  }
  return out;
}

core::Result<std::vector<std::string>> DeliveryStore::addresses(Tier tier,
                                                                std::string_view channel) {
  auto q = db_->query(
      "SELECT address FROM publish_subscribers WHERE tier = $1 AND channel = $2 AND active = 1 "
      "ORDER BY id",
      std::array<SqlValue, 2>{std::int64_t{static_cast<int>(tier)}, std::string(channel)});
  if (!q) return std::unexpected(q.error());
  std::vector<std::string> out;
  for (const auto& r : *q)
    out.push_back(store::sql_text(r[0]));
  return out;
}

core::Status DeliveryStore::record_signal(const SignalAlert& s, std::string_view text,
                                          core::Timestamp ts) {
  return db_->exec(
      "INSERT OR IGNORE INTO publish_signals(signal_id, strategy, symbol, text, published_ns) "
      "VALUES($1, $2, $3, $4, $5)",
      std::array<SqlValue, 5>{static_cast<std::int64_t>(s.signal_id), s.strategy, s.underlying,
                              std::string(text), ts.ns});
}

core::Status DeliveryStore::attribute_pnl(std::uint64_t signal_id, double pnl, core::Timestamp ts) {
  auto q = db_->query("SELECT 1 FROM publish_signals WHERE signal_id = $1",
                      std::array<SqlValue, 1>{static_cast<std::int64_t>(signal_id)});
  if (!q) return std::unexpected(q.error());
  if (q->empty()) {
    return core::fail(core::ErrorCode::kNotFound, "signal {} was never published", signal_id);
  }
  return db_->exec(
      "UPDATE publish_signals SET realized_pnl = $2, pnl_updated_ns = $3 WHERE signal_id = $1",
      std::array<SqlValue, 3>{static_cast<std::int64_t>(signal_id), pnl, ts.ns});
}

core::Result<std::vector<SignalPnl>> DeliveryStore::signal_pnl() {
  auto q = db_->query(
      "SELECT signal_id, strategy, symbol, text, published_ns, realized_pnl FROM publish_signals "
      "ORDER BY published_ns, signal_id");
  if (!q) return std::unexpected(q.error());
  std::vector<SignalPnl> out;
  for (const auto& r : *q) {
    auto pnl = store::sql_double(r[5]);
    out.push_back({static_cast<std::uint64_t>(as_int(r[0])), store::sql_text(r[1]),
                   store::sql_text(r[2]), store::sql_text(r[3]), core::Timestamp{as_int(r[4])},
                   pnl ? *pnl : 0});
  }
  return out;
}

}  // namespace zerodte::publish
