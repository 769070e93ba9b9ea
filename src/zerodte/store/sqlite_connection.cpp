#include <sqlite3.h>

#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store {

core::Result<std::int64_t> sql_int(const SqlValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc{} && p == s->data() + s->size()) return out;
    return core::fail(core::ErrorCode::kParse, "sql value '{}' is not an integer", *s);
  }
  return core::fail(core::ErrorCode::kParse, "sql value is NULL where an integer was expected");
}

core::Result<double> sql_double(const SqlValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    try {
      std::size_t used = 0;
      const double d = std::stod(*s, &used);
      if (used == s->size()) return d;
    } catch (const std::exception&) {
    }
    return core::fail(core::ErrorCode::kParse, "sql value '{}' is not a number", *s);
  }
  return core::fail(core::ErrorCode::kParse, "sql value is NULL where a number was expected");
}

std::string sql_text(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

namespace {

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}
  ~SqliteConnection() override {
    for (auto& [sql, st] : stmts_)
      sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  std::string_view dialect() const override { return "sqlite"; }

  core::Status exec_script(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err != nullptr ? err : "unknown error";
      sqlite3_free(err);
      return core::fail(core::ErrorCode::kIo, "sqlite {}: {}", name_, msg);
    }
    return core::ok();
  }

  core::Status exec(std::string_view sql, std::span<const SqlValue> params) override {
    auto st = prepare(sql, params);
    if (!st) return std::unexpected(st.error());
    const int rc = sqlite3_step(*st);
    sqlite3_reset(*st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return error(sql);
    return core::ok();
  }

  core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                          std::span<const SqlValue> params) override {
    auto st = prepare(sql, params);
    if (!st) return std::unexpected(st.error());
    std::vector<SqlRow> rows;
    for (;;) {
      const int rc = sqlite3_step(*st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(*st);
        return std::unexpected(error(sql).error());
      }
      SqlRow row;
      const int n = sqlite3_column_count(*st);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(*st, c)) {
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(*st, c)));
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(*st, c));
            break;
          default:
            row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(*st, c)),
                                         static_cast<std::size_t>(sqlite3_column_bytes(*st, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_reset(*st);
    return rows;
  }

  core::Status begin() override { return exec_script("BEGIN IMMEDIATE"); }
  core::Status commit() override { return exec_script("COMMIT"); }
  core::Status rollback() override { return exec_script("ROLLBACK"); }

 private:
  std::unexpected<core::Error> error(std::string_view sql) const {
    return core::fail(core::ErrorCode::kIo, "sqlite {}: {} (in: {})", name_, sqlite3_errmsg(db_),
                      sql.substr(0, 80));
  }

  core::Result<sqlite3_stmt*> prepare(std::string_view sql, std::span<const SqlValue> params) {
    auto key = std::string(sql);
    auto it = stmts_.find(key);
    if (it == stmts_.end()) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &st, nullptr) !=
          SQLITE_OK)
        return std::unexpected(error(sql).error());
      it = stmts_.emplace(std::move(key), st).first;
    }
    sqlite3_stmt* st = it->second;
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string name = fmt::format("${}", i + 1);
      const int idx = sqlite3_bind_parameter_index(st, name.c_str());
      if (idx == 0) continue;  // parameter not used by this statement
      const SqlValue& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v))
        rc = sqlite3_bind_null(st, idx);
      else if (const auto* n = std::get_if<std::int64_t>(&v))
        rc = sqlite3_bind_int64(st, idx, *n);
      else if (const auto* d = std::get_if<double>(&v))
        rc = sqlite3_bind_double(st, idx, *d);
      else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return std::unexpected(error(sql).error());
    }
    return st;
  }

  sqlite3* db_;
  std::string name_;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

}  // namespace

core::Result<std::unique_ptr<SqlConnection>> open_sqlite(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::fail(core::ErrorCode::kIo, "sqlite open {}: {}", file.string(), msg);
  }
  sqlite3_busy_timeout(db, 5000);
  auto conn = std::make_unique<SqliteConnection>(db, file.string());
  if (auto st = conn->exec_script(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
      !st)
    return std::unexpected(st.error());
  return conn;
}

}  // namespace zerodte::store
