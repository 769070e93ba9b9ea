#include "zerodte/store/migrations.hpp"

#include "zerodte/core/clock.hpp"

namespace zerodte::store {

namespace detail {
extern const Migration kSqliteMigrations[];
extern const std::size_t kSqliteMigrationsCount;
extern const Migration kPostgresMigrations[];
extern const std::size_t kPostgresMigrationsCount;
}  // namespace detail

std::span<const Migration> migrations_for(std::string_view dialect) {
  if (dialect == "sqlite") return {detail::kSqliteMigrations, detail::kSqliteMigrationsCount};
  if (dialect == "postgres") return {detail::kPostgresMigrations, detail::kPostgresMigrationsCount};
  return {};
}

core::Result<int> schema_version(SqlConnection& conn) {
  if (auto st = conn.exec_script(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at_ns BIGINT NOT NULL)");
      !st)
    return std::unexpected(st.error());
  auto rows = conn.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return std::unexpected(rows.error());
  auto v = sql_int(rows->at(0).at(0));
  if (!v) return std::unexpected(v.error());
  return static_cast<int>(*v);
}

core::Result<int> migrate(SqlConnection& conn) {
  auto current = schema_version(conn);
  if (!current) return current;
  const auto all = migrations_for(conn.dialect());
  if (!all.empty() && *current > all.back().version)
    return core::fail(core::ErrorCode::kUnsupported,
                      "{} database is at schema version {}, newer than this build's {}",
                      conn.dialect(), *current, all.back().version);
  int version = *current;
  for (const Migration& m : all) {
    if (m.version <= version) continue;
    if (auto st = conn.begin(); !st) return std::unexpected(st.error());
    auto st = conn.exec_script(m.sql);
    if (st) {
      const SqlValue params[] = {std::int64_t{m.version}, std::string(m.name),
                                 core::wall_clock_now().ns};
      st = conn.exec(
          "INSERT INTO schema_migrations (version, name, applied_at_ns) VALUES ($1, $2, $3)",
          params);
    }
    if (!st) {
      (void)conn.rollback();
      return std::unexpected(
          st.error().with_context(fmt::format("migration {:04}_{}", m.version, m.name)));
    }
    if (auto c = conn.commit(); !c) return std::unexpected(c.error());
    version = m.version;
  }
  return version;
}

}  // namespace zerodte::store
