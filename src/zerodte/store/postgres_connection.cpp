#include <pqxx/pqxx>

#include <fmt/format.h>

#include <cctype>

#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store {
namespace {

// libpqxx 6 has no dynamic parameter binding, so parameters are rendered as escaped literals
// (connection::quote, i.e. PQescapeStringConn) in place of $n. Only our own SQL text is rendered.
class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(std::unique_ptr<pqxx::connection> c)
      : conn_(std::move(c)), tx_(std::make_unique<pqxx::nontransaction>(*conn_)) {}
  ~PostgresConnection() override {
    tx_.reset();
    conn_.reset();
  }
  std::string_view dialect() const override { return "postgres"; }

  core::Status exec_script(std::string_view sql) override { return status(run(std::string(sql))); }
  core::Status exec(std::string_view sql, std::span<const SqlValue> params) override {
    auto text = render(sql, params);
    if (!text) return std::unexpected(text.error());
    return status(run(*text));
  }
  core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                          std::span<const SqlValue> params) override {
    auto text = render(sql, params);
    if (!text) return std::unexpected(text.error());
    auto res = run(*text);
    if (!res) return std::unexpected(res.error());
    std::vector<SqlRow> rows;
    for (const auto& r : *res) {
      SqlRow row;
      for (const auto& f : r) {
        if (f.is_null())
          row.emplace_back(std::monostate{});
        else
          row.emplace_back(std::string(f.c_str(), f.size()));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }
  core::Status begin() override { return exec_script("BEGIN"); }
  core::Status commit() override { return exec_script("COMMIT"); }
  core::Status rollback() override { return exec_script("ROLLBACK"); }

 private:
  static core::Status status(const core::Result<pqxx::result>& r) {
    if (!r) return std::unexpected(r.error());
    return core::ok();
  }

  core::Result<pqxx::result> run(const std::string& sql) {
    try {
      return tx_->exec(sql);
    } catch (const pqxx::sql_error& e) {
      return core::fail(core::ErrorCode::kIo, "postgres: {} (in: {})", e.what(), sql.substr(0, 80));
    } catch (const std::exception& e) {
      return core::fail(core::ErrorCode::kTransport, "postgres: {}", e.what());
    }
  }

  core::Result<std::string> render(std::string_view sql, std::span<const SqlValue> params) {
    std::string out;
    out.reserve(sql.size() + 16 * params.size());
    for (std::size_t i = 0; i < sql.size(); ++i) {
      if (sql[i] != '$' || i + 1 >= sql.size() ||
          !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
        out += sql[i];
        continue;
      }
      std::size_t j = i + 1;
      std::size_t n = 0;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j])))
        n = n * 10 + (sql[j++] - '0');
      if (n == 0 || n > params.size())
        return core::fail(core::ErrorCode::kInvalid, "postgres: parameter ${} of {} (in: {})", n,
                          params.size(), sql.substr(0, 80));
      const SqlValue& v = params[n - 1];
      if (std::holds_alternative<std::monostate>(v))
        out += "NULL";
      else if (const auto* x = std::get_if<std::int64_t>(&v))
        out += std::to_string(*x);
      else if (const auto* d = std::get_if<double>(&v))
        out += fmt::format("'{}'::float8", *d);
      else {
        out += '\'';
        out += conn_->esc(std::get<std::string>(v));  // PQescapeStringConn
        out += '\'';
      }
      i = j - 1;
    }
    return out;
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::nontransaction> tx_;
};

}  // namespace

core::Result<std::unique_ptr<SqlConnection>> open_postgres(const std::string& conninfo) {
  try {
    auto c = std::make_unique<pqxx::connection>(conninfo);
    return std::unique_ptr<SqlConnection>(std::make_unique<PostgresConnection>(std::move(c)));
  } catch (const std::exception& e) {
    // libpq's message names host and port, never the password.
    return core::fail(core::ErrorCode::kTransport, "postgres connect failed: {}", e.what());
  }
}

}  // namespace zerodte::store
