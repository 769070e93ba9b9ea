#include "zerodte/strategy/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "zerodte/core/assert.hpp"

namespace zerodte::strategy {

namespace {

constexpr std::string_view kCommonKeys[] = {"type", "name", "enabled"};

bool is_common_key(std::string_view k) {
  return std::find(std::begin(kCommonKeys), std::end(kCommonKeys), k) != std::end(kCommonKeys);
}

std::string known_types(const StrategyRegistry& r) {
  std::string out;
  for (const auto* i : r.list()) {
    if (!out.empty()) out += ", ";
    out += i->type;
  }
  return out.empty() ? "none registered" : out;
}

}  // namespace

core::Status StrategyRegistry::add(StrategyInfo info) {
  if (info.type.empty()) return core::fail(core::ErrorCode::kInvalid, "strategy type is empty");
  if (!info.create) {
    return core::fail(core::ErrorCode::kInvalid, "strategy type '{}' has no factory", info.type);
  }
  if (find(info.type) != nullptr) {
    return core::fail(core::ErrorCode::kInvalid, "strategy type '{}' is registered twice",
                      info.type);
  }
  infos_.push_back(std::move(info));
  return core::ok();
}

const StrategyInfo* StrategyRegistry::find(std::string_view type) const {
  for (const auto& i : infos_) {
    if (i.type == type) return &i;
  }
  return nullptr;
}

std::vector<const StrategyInfo*> StrategyRegistry::list() const {
  std::vector<const StrategyInfo*> out;
  for (const auto& i : infos_)
    out.push_back(&i);
  std::sort(out.begin(), out.end(),
            [](const StrategyInfo* a, const StrategyInfo* b) { return a->type < b->type; });
  return out;
}

core::Result<TableSpec> StrategyRegistry::parameters(std::string_view type) const {
  const auto* info = find(type);
  if (info == nullptr) {
    return core::fail(core::ErrorCode::kConfig, "unknown strategy type '{}' (known: {})", type,
                      known_types(*this));
  }
  TableSpec spec;
  spec.path = info->type;
  spec.doc = info->summary;
  if (info->declare) info->declare(spec);
  return spec;
}

core::Result<ConfigTable> StrategyRegistry::with_defaults(std::string_view type,
                                                          const ConfigTable& overrides) const {
  auto spec = parameters(type);
  if (!spec) return std::unexpected(spec.error());
  ConfigTable t(std::string{type});
  for (const auto& k : spec->keys) {
    if (k.default_value) t.set(k.name, *k.default_value);
  }
  for (const auto& [key, value] : overrides.values()) {
    if (is_common_key(key)) {
      t.set(key, value);
      continue;
    }
    const auto* k = spec->find_key(key);
    if (k == nullptr) {
      std::string keys;
      for (const auto& d : spec->keys)
        keys += (keys.empty() ? "" : ", ") + d.name;
      return core::fail(core::ErrorCode::kConfig, "{}: unknown parameter '{}' (parameters: {})",
                        type, key, keys);
    }
    core::config::Value v = value;
    if (k->default_value && v.index() != k->default_value->index()) {
      const auto* as_int = std::get_if<std::int64_t>(&v);
      if (as_int != nullptr && std::holds_alternative<double>(*k->default_value)) {
        v = static_cast<double>(*as_int);
      } else {
        return core::fail(core::ErrorCode::kConfig, "{}.{}: {} has the wrong type (expected {})",
                          type, key, core::config::format_value(value), to_string(k->type));
      }
    }
    t.set(key, std::move(v));
  }
  return t;
}

core::Result<StrategyPtr> StrategyRegistry::create(std::string_view type,
                                                   const ConfigTable& overrides) const {
  auto params = with_defaults(type, overrides);
  if (!params) return std::unexpected(params.error());
  auto s = find(type)->create(*params);
  if (!s) return std::unexpected(s.error().with_context(fmt::format("strategy {}", type)));
  return s;
}

void StrategyRegistry::register_sections(core::config::ConfigSchema& schema) const {
  auto& many =
      schema.array_of_tables("strategies", "type", "Strategy instances, one per [[strategies]].");
  many.add_string("name", "", "Instance name (unique), used in logs and reports; default: type.");
  many.add_bool("enabled", true, "Whether the instance runs.");
  many.open = false;  // the foundation left it open until the variants were registered
  for (const auto* info : list()) {
    auto& v = many.variant(info->type, info->summary);
    if (info->declare) info->declare(v);
  }
}

StrategyRegistry& global_registry() {
  static StrategyRegistry registry;
  return registry;
}

void register_strategy(StrategyInfo info) {
  auto st = global_registry().add(std::move(info));
  ZDTE_ASSERT(st.has_value(), "strategy registration failed");
}

void register_strategy_sections(core::config::ConfigSchema& schema) {
  global_registry().register_sections(schema);
}

core::Result<std::vector<StrategyInstance>> make_strategies_from_config(
    const core::config::Config& config, const StrategyRegistry& registry) {
  std::vector<StrategyInstance> out;
  std::set<std::string> names;
  const auto entries = config.array_of_tables("strategies");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ConfigTable& t = entries[i];
    const std::string where = fmt::format("{}: strategies[{}]", config.source(), i);
    const auto type = t.find<std::string>("type");
    if (!type || type->empty()) return core::fail(core::ErrorCode::kConfig, "{}: no type", where);
    const auto* info = registry.find(*type);
    if (info == nullptr) {
      return core::fail(core::ErrorCode::kConfig, "{}: unknown type '{}' (known: {})", where, *type,
                        known_types(registry));
    }
    StrategyInstance inst;
    inst.type = *type;
    inst.name = t.find<std::string>("name").value_or("");
    if (inst.name.empty()) inst.name = *type;
    inst.enabled = t.find<bool>("enabled").value_or(true);
    inst.id = core::StrategyId{static_cast<std::uint16_t>(i + 1)};
    if (!names.insert(inst.name).second) {
      return core::fail(core::ErrorCode::kConfig, "{}: name '{}' is used twice", where, inst.name);
    }
    if (!inst.enabled) continue;
    // The loader validated the keys; fill any default it left out (variant keys).
    auto params = registry.with_defaults(*type);
    if (!params) return std::unexpected(params.error().with_context(where));
    for (const auto& [key, value] : t.values())
      params->set(key, value);
    auto s = info->create(*params);
    if (!s) return std::unexpected(s.error().with_context(where));
    inst.strategy = std::move(*s);
    out.push_back(std::move(inst));
  }
  return out;
}

}  // namespace zerodte::strategy
