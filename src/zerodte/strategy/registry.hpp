#pragma once
// The strategy registry: every strategy type with its documented parameters (and defaults) and a
// factory. Built-ins self-register through StrategyRegistrar objects in libraries made with
// zerodte_strategy_library() (linked whole, so the registrars survive static linking); user code
// may also call register_strategy() or StrategyRegistry::add() directly.
//
// Config: each type becomes a variant of [[strategies]] (selector `type`); its keys are
// validated by the loader (register_strategy_sections) and passed to `create` as the instance's
// table, with every default filled in.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/strategy/strategy.hpp"

namespace zerodte::strategy {

using core::config::ConfigTable;
using core::config::TableSpec;

struct StrategyInfo {
  std::string type;                         // "sawtooth_sentiment"
  std::string summary;                      // one line
  std::string seed;                         // "000", "004", "user"
  std::function<void(TableSpec&)> declare;  // parameters with defaults, ranges and docs
  // Builds an instance from its parameter table (defaults filled in). Bad combinations of
  // parameters: return a kConfig error naming the key.
  std::function<core::Result<StrategyPtr>(const ConfigTable& params)> create;
};

class StrategyRegistry {
 public:
  // kInvalid when the type is already registered (or empty / without a factory).
  core::Status add(StrategyInfo info);
  [[nodiscard]] const StrategyInfo* find(std::string_view type) const;
  [[nodiscard]] std::vector<const StrategyInfo*> list() const;  // sorted by type
  [[nodiscard]] std::size_t size() const { return infos_.size(); }

  // The parameter spec of `type` (declare() applied to a fresh table).
  [[nodiscard]] core::Result<TableSpec> parameters(std::string_view type) const;
  // A table with every declared default, then `overrides` on top (undeclared override keys are
  // an error naming them), e.g. for tests and tools that do not load a file.
  [[nodiscard]] core::Result<ConfigTable> with_defaults(std::string_view type,
                                                        const ConfigTable& overrides = {}) const;
  [[nodiscard]] core::Result<StrategyPtr> create(std::string_view type,
                                                 const ConfigTable& overrides = {}) const;

  // Adds one [[strategies]] variant per registered type (with its declared keys).
  void register_sections(core::config::ConfigSchema& schema) const;

 private:
  std::vector<StrategyInfo> infos_;
};

// The process-wide registry every StrategyRegistrar adds to.
StrategyRegistry& global_registry();
// register_strategy(info) = global_registry().add(info); asserts on duplicates.
void register_strategy(StrategyInfo info);

struct StrategyRegistrar {
  explicit StrategyRegistrar(StrategyInfo info) { register_strategy(std::move(info)); }
};

// Config sections of every strategy in the global registry (`zerodte` registers this).
void register_strategy_sections(core::config::ConfigSchema& schema);

struct StrategyInstance {
  std::string type;
  std::string name;     // unique; defaults to the type
  core::StrategyId id;  // 1-based position in [[strategies]] (stable while the file's order is)
  bool enabled = true;
  StrategyPtr strategy;
};

// One instance per enabled [[strategies]] entry (and [strategy] when its `name` is a registered
// type). Errors name the entry ("strategies[2]: unknown type 'foo' (known: ...)").
core::Result<std::vector<StrategyInstance>> make_strategies_from_config(
    const core::config::Config& config, const StrategyRegistry& registry = global_registry());

}  // namespace zerodte::strategy
