#pragma once
// A small SQL connection interface implemented for SQLite (the default, one file in WAL mode) and
// PostgreSQL (libpqxx), so the projection code and migrations are written once. Parameters are
// written $1, $2, ... in the SQL text for both. Query results come back as SqlValue; PostgreSQL
// returns every non-NULL column as text, so read them with sql_int()/sql_double()/sql_text().
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlRow = std::vector<SqlValue>;

[[nodiscard]] core::Result<std::int64_t> sql_int(const SqlValue& v);
[[nodiscard]] core::Result<double> sql_double(const SqlValue& v);
[[nodiscard]] std::string sql_text(const SqlValue& v);  // "" for NULL
[[nodiscard]] inline bool sql_null(const SqlValue& v) {
  return std::holds_alternative<std::monostate>(v);
}

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  [[nodiscard]] virtual std::string_view dialect() const = 0;  // "sqlite" or "postgres"
  // One or more statements without parameters.
  virtual core::Status exec_script(std::string_view sql) = 0;
  // One statement with parameters $1..$n.
  virtual core::Status exec(std::string_view sql, std::span<const SqlValue> params = {}) = 0;
  virtual core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                                  std::span<const SqlValue> params = {}) = 0;
  virtual core::Status begin() = 0;
  virtual core::Status commit() = 0;
  virtual core::Status rollback() = 0;
};

// Opens (creating) an SQLite database in WAL mode with synchronous=NORMAL and foreign keys on.
[[nodiscard]] core::Result<std::unique_ptr<SqlConnection>> open_sqlite(
    const std::filesystem::path& file);
// Connects to PostgreSQL with a libpq connection string ("host=127.0.0.1 port=5432 dbname=...").
// The string may hold a password: it never appears in errors.
[[nodiscard]] core::Result<std::unique_ptr<SqlConnection>> open_postgres(
    const std::string& conninfo);

}  // namespace zerodte::store
