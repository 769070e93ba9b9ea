#pragma once
// The config schema: a registry of tables (sections) and their keys. Each area declares what it
// reads in a `register_<area>_sections(ConfigSchema&)` function (foundation_schema.hpp has the
// foundation's); the loader (config.hpp) validates a TOML file against the registered schema.
//
//   auto& risk = schema.table("risk", "Position sizing and loss limits");
//   risk.add_double("daily_loss_limit_pct", 3.0, "Stop trading after this daily loss, % of equity")
//       .range(0, 100);
//   auto& strategies = schema.array_of_tables("strategies", "type", "Strategy instances");
//   strategies.variant("iron_condor", "Short iron condor").add_int("wing_width", 5, "...");
//
// Tables are strict by default: a key that is not declared is an error with a suggestion. An
// `open` table accepts undeclared keys (stored with their TOML type) - use only for sections whose
// owner has not registered its keys yet. A table with a `selector` key picks a variant (extra keys)
// by that key's value; once any variant is registered, an unknown selector value is an error.
// Registering a key again with the same type is allowed (the later default and doc win), so an
// owning area may re-declare a key the foundation declared for it.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/config/config_value.hpp"

namespace zerodte::core::config {

class ConfigTable;

// A per-value rule beyond type and range; returns the broken rule, or nullopt when the value is ok.
using ValueCheck = std::function<std::optional<std::string>(const Value&)>;

struct CheckFailure {
  std::string key;  // relative to the checked table; may be dotted ("vix_adjustments.x")
  std::string message;
};
// A cross-key rule run on a table after its keys validated (not run if the table had errors).
using TableCheck = std::function<std::vector<CheckFailure>(const ConfigTable&)>;

struct KeySpec {
  std::string name;
  ValueType type = ValueType::kString;
  std::optional<Value> default_value;  // nullopt: absent unless given (or required)
  std::optional<double> min;           // numbers, prices, durations (seconds), number lists
  std::optional<double> max;
  std::vector<std::string> allowed;  // kEnum values
  bool secret = false;    // must come from ${ENV}; registered with the log redactor; never printed
  bool required = false;  // an error when absent
  std::string doc;
  ValueCheck check;
  std::string check_doc;  // the rule `check` enforces, for the docs

  KeySpec& range(double lo, double hi);
  KeySpec& at_least(double lo);
  KeySpec& mark_required();
  KeySpec& mark_secret();
  KeySpec& validate(std::string rule_doc, ValueCheck fn);
};

struct TableSpec {
  std::string path;  // "risk", "risk.vix_adjustments", "strategies"; for a variant: its value
  std::string doc;
  bool is_array = false;  // [[path]]: an array of tables
  bool open = false;      // undeclared keys allowed
  std::string selector;   // key whose value picks a variant ("type")
  std::deque<KeySpec> keys;
  std::vector<std::unique_ptr<TableSpec>> variants;
  std::vector<TableCheck> checks;
  std::vector<std::string> check_docs;  // one line per cross-key rule, for the docs

  KeySpec& add(std::string name, ValueType type, std::optional<Value> default_value,
               std::string doc);
  KeySpec& add_bool(std::string name, bool default_value, std::string doc);
  KeySpec& add_int(std::string name, std::int64_t default_value, std::string doc);
  KeySpec& add_double(std::string name, double default_value, std::string doc);
  KeySpec& add_string(std::string name, std::string default_value, std::string doc);
  KeySpec& add_enum(std::string name, std::string default_value, std::vector<std::string> allowed,
                    std::string doc);
  KeySpec& add_time(std::string name, std::string_view default_hhmm, std::string doc);
  KeySpec& add_date(std::string name, std::string doc);  // no default
  KeySpec& add_duration(std::string name, std::string_view default_text, std::string doc);
  KeySpec& add_price(std::string name, std::string_view default_text, std::string doc);
  KeySpec& add_string_list(std::string name, std::vector<std::string> default_value,
                           std::string doc);
  KeySpec& add_number_list(std::string name, std::vector<double> default_value, std::string doc);
  KeySpec& add_date_list(std::string name, std::string doc);  // default: empty
  // A string that must be given as "${VAR}" (or be empty); default empty.
  KeySpec& add_secret(std::string name, std::string doc);

  // Get or create the variant selected by `selector == value`.
  TableSpec& variant(std::string_view value, std::string_view doc = {});
  void add_check(TableCheck check, std::string rule_doc = {});

  [[nodiscard]] const KeySpec* find_key(std::string_view name) const;
  [[nodiscard]] const TableSpec* find_variant(std::string_view value) const;
  [[nodiscard]] std::string_view name() const;  // last path component
};

class ConfigSchema {
 public:
  ConfigSchema();
  // Get or create [path]. A dotted path's parent must already be registered. A non-empty `doc`
  // replaces an empty one. Asserts if `path` exists as an array of tables.
  TableSpec& table(std::string_view path, std::string_view doc = {});
  // Get or create [[path]] (top-level or under a table). `selector` may be empty.
  TableSpec& array_of_tables(std::string_view path, std::string_view selector,
                             std::string_view doc = {});
  // Cross-section rules, run on the root after all sections validated.
  void add_check(TableCheck check, std::string rule_doc = {});

  [[nodiscard]] const TableSpec* find(std::string_view path) const;
  [[nodiscard]] const TableSpec& root() const { return *root_; }
  // Direct children of `parent` ("" = top level), in registration order.
  [[nodiscard]] std::vector<const TableSpec*> children(std::string_view parent) const;
  [[nodiscard]] const std::vector<std::unique_ptr<TableSpec>>& tables() const { return tables_; }

  // Reference documentation of every section and key (GitHub Markdown), as in docs/CONFIG.md.
  [[nodiscard]] std::string to_markdown() const;

 private:
  std::unique_ptr<TableSpec> root_;
  std::vector<std::unique_ptr<TableSpec>> tables_;  // registration order
};

}  // namespace zerodte::core::config
