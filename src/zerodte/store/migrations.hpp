#pragma once
// Versioned schema migrations (repo folder migrations/<dialect>/NNNN_name.sql, embedded at build
// time). migrate() applies the ones newer than the database's version, each in a transaction,
// recording them in schema_migrations.
#include <cstdint>
#include <span>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

[[nodiscard]] std::span<const Migration> migrations_for(std::string_view dialect);
// Returns the schema version after migrating.
[[nodiscard]] core::Result<int> migrate(SqlConnection& conn);
[[nodiscard]] core::Result<int> schema_version(SqlConnection& conn);

}  // namespace zerodte::store
