#pragma once
// A validated configuration and the loader that makes one.
//
//   ConfigSchema schema = build_schema();             // schema_registry.hpp
//   auto cfg = load_config_file("config/paper.toml", schema);
//   if (!cfg) { for (auto& issue : cfg.error()) fmt::print("{}\n", issue.to_string()); }
//   double limit = cfg->get<double>("risk.daily_loss_limit_pct");
//   const ConfigTable& vix = cfg->table("risk.vix_adjustments");
//   for (const ConfigTable& s : cfg->array_of_tables("strategies")) s.get<std::string>("type");
//
// After a successful load every declared key of every declared table is present (its default if
// the file omits it), except keys declared without a default. get<T>() on an undeclared path or
// the wrong T is a programming error and throws ConfigAccessError; find<T>() returns nullopt for
// an absent key. Reading a config never fails otherwise: all validation happened in the loader,
// which reports every problem in the file at once (ConfigIssue: file, key path, message).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/config/config_value.hpp"
#include "zerodte/core/config/env_expand.hpp"

namespace zerodte::core::config {

class ConfigAccessError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class ConfigTable {
 public:
  ConfigTable() = default;
  explicit ConfigTable(std::string path) : path_(std::move(path)) {}

  // "risk", "risk.vix_adjustments", "strategies[1]"; "" for the root.
  [[nodiscard]] const std::string& path() const { return path_; }

  // `key` may be dotted to reach into sub-tables: "vix_adjustments.vix_low_threshold".
  [[nodiscard]] const Value* find_value(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return find_value(key) != nullptr; }

  // T: bool, any integer type (range-checked), double, std::string, TimeOfDay, Date, Duration,
  // Price, std::vector<std::string>, std::vector<double>, std::vector<Date>.
  template <typename T>
  [[nodiscard]] T get(std::string_view key) const {
    const Value* v = find_value(key);
    if (v == nullptr) throw ConfigAccessError(missing_message(key));
    return convert<T>(*v, key);
  }
  template <typename T>
  [[nodiscard]] std::optional<T> find(std::string_view key) const {
    const Value* v = find_value(key);
    if (v == nullptr) return std::nullopt;
    return convert<T>(*v, key);
  }

  [[nodiscard]] const ConfigTable* find_table(std::string_view name) const;
  // Throws ConfigAccessError if absent (declared tables are always present after loading).
  [[nodiscard]] const ConfigTable& table(std::string_view name) const;
  // Empty if the file has no such entries.
  [[nodiscard]] std::span<const ConfigTable> array_of_tables(std::string_view name) const;

  [[nodiscard]] const std::map<std::string, Value, std::less<>>& values() const { return values_; }
  [[nodiscard]] std::vector<std::string> table_names() const;
  [[nodiscard]] std::vector<std::string> array_names() const;

  // Building (used by the loader; handy for tests).
  void set(std::string key, Value value) {
    values_.insert_or_assign(std::move(key), std::move(value));
  }
  ConfigTable& add_table(const std::string& name);
  ConfigTable& append_to_array(const std::string& name);

 private:
  template <typename T>
  T convert(const Value& v, std::string_view key) const {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      const auto* i = std::get_if<std::int64_t>(&v);
      if (i == nullptr) throw ConfigAccessError(type_message(key, v, "integer"));
      if (!std::in_range<T>(*i)) throw ConfigAccessError(type_message(key, v, "narrower integer"));
      return static_cast<T>(*i);
    } else {
      const auto* p = std::get_if<T>(&v);
      if (p == nullptr) throw ConfigAccessError(type_message(key, v, "another type"));
      return *p;
    }
  }
  [[nodiscard]] std::string missing_message(std::string_view key) const;
  [[nodiscard]] std::string type_message(std::string_view key, const Value& v,
                                         std::string_view wanted) const;

  std::string path_;
  std::map<std::string, Value, std::less<>> values_;
  std::map<std::string, std::shared_ptr<ConfigTable>, std::less<>> tables_;
  std::map<std::string, std::vector<ConfigTable>, std::less<>> arrays_;
};

class Config {
 public:
  Config() = default;
  Config(std::string source, ConfigTable root)
      : source_(std::move(source)), root_(std::move(root)) {}

  [[nodiscard]] const std::string& source() const { return source_; }  // file name
  [[nodiscard]] const ConfigTable& root() const { return root_; }

  template <typename T>
  [[nodiscard]] T get(std::string_view key) const {
    return root_.get<T>(key);
  }
  template <typename T>
  [[nodiscard]] std::optional<T> find(std::string_view key) const {
    return root_.find<T>(key);
  }
  [[nodiscard]] bool has(std::string_view key) const { return root_.has(key); }
  [[nodiscard]] const ConfigTable& table(std::string_view name) const { return root_.table(name); }
  [[nodiscard]] std::span<const ConfigTable> array_of_tables(std::string_view name) const {
    return root_.array_of_tables(name);
  }

 private:
  std::string source_;
  ConfigTable root_;
};

// One validation problem. to_string(): "FILE:KEY: message (line N)" (KEY omitted for file-level
// problems such as TOML syntax errors; the line only when known). Issues are sorted by line, and
// issues without a line (cross-key rules, missing keys) come last.
struct ConfigIssue {
  std::string file;
  std::string key;
  std::string message;
  int line = 0;  // 1-based; 0 when not tied to a line
  [[nodiscard]] std::string to_string() const;
};
using ConfigIssues = std::vector<ConfigIssue>;
using LoadResult = std::expected<Config, ConfigIssues>;

struct LoadOptions {
  EnvLookup env = process_env();
  bool register_secrets = true;  // hand secret values to core::log::register_secret
  // The schema holds only some areas' sections (e.g. a test of one area against the shipped
  // files): skip sections and keys it does not know instead of reporting them. Everything it
  // does know is still validated.
  bool partial_schema = false;
};

LoadResult load_config_file(const std::filesystem::path& file, const ConfigSchema& schema,
                            const LoadOptions& options = {});
// `source_name` is used in messages in place of a file name.
LoadResult load_config_string(std::string_view toml, std::string_view source_name,
                              const ConfigSchema& schema, const LoadOptions& options = {});

// All issues, one per line.
std::string format_issues(const ConfigIssues& issues);
// For start-up code: the config, or throws std::runtime_error listing every issue.
Config load_config_or_throw(const std::filesystem::path& file, const ConfigSchema& schema,
                            const LoadOptions& options = {});

}  // namespace zerodte::core::config
