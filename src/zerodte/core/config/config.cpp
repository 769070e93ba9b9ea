#include "zerodte/core/config/config.hpp"

#include <fmt/format.h>

namespace zerodte::core::config {
namespace {

std::string join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  return fmt::format("{}.{}", a, b);
}

}  // namespace

const Value* ConfigTable::find_value(std::string_view key) const {
  const std::size_t dot = key.find('.');
  if (dot != std::string_view::npos) {
    const ConfigTable* sub = find_table(key.substr(0, dot));
    return sub == nullptr ? nullptr : sub->find_value(key.substr(dot + 1));
  }
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

const ConfigTable* ConfigTable::find_table(std::string_view name) const {
  const std::size_t dot = name.find('.');
  if (dot != std::string_view::npos) {
    const ConfigTable* sub = find_table(name.substr(0, dot));
    return sub == nullptr ? nullptr : sub->find_table(name.substr(dot + 1));
  }
  const auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.get();
}

const ConfigTable& ConfigTable::table(std::string_view name) const {
  const ConfigTable* t = find_table(name);
  if (t == nullptr) {
    throw ConfigAccessError(fmt::format("config has no table [{}]", join(path_, name)));
  }
  return *t;
}

std::span<const ConfigTable> ConfigTable::array_of_tables(std::string_view name) const {
  const std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    const ConfigTable* sub = find_table(name.substr(0, dot));
    return sub == nullptr ? std::span<const ConfigTable>{}
                          : sub->array_of_tables(name.substr(dot + 1));
  }
  const auto it = arrays_.find(name);
  if (it == arrays_.end()) return {};
  return it->second;
}

std::vector<std::string> ConfigTable::table_names() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : tables_)
    out.push_back(name);
  return out;
}

std::vector<std::string> ConfigTable::array_names() const {
  std::vector<std::string> out;
  for (const auto& [name, items] : arrays_)
    out.push_back(name);
  return out;
}

ConfigTable& ConfigTable::add_table(const std::string& name) {
  auto& slot = tables_[name];
  if (!slot) slot = std::make_shared<ConfigTable>(join(path_, name));
  return *slot;
}

ConfigTable& ConfigTable::append_to_array(const std::string& name) {
  auto& items = arrays_[name];
  return items.emplace_back(fmt::format("{}[{}]", join(path_, name), items.size()));
}

std::string ConfigTable::missing_message(std::string_view key) const {
  return fmt::format("config key `{}` is not set (not declared, or declared without a default)",
                     join(path_, key));
}

std::string ConfigTable::type_message(std::string_view key, const Value& /*v*/,
                                      std::string_view wanted) const {
  return fmt::format("config key `{}` read as {} than its declared type", join(path_, key),
                     wanted == "narrower integer" ? "a narrower integer" : "a different type");
}

std::string ConfigIssue::to_string() const {
  const std::string where = line > 0 ? fmt::format(" (line {})", line) : std::string{};
  if (key.empty()) return fmt::format("{}: {}{}", file, message, where);
  return fmt::format("{}:{}: {}{}", file, key, message, where);
}

std::string format_issues(const ConfigIssues& issues) {
  std::string out;
  for (const auto& issue : issues) {
    out += issue.to_string();
    out += '\n';
  }
  return out;
}

Config load_config_or_throw(const std::filesystem::path& file, const ConfigSchema& schema,
                            const LoadOptions& options) {
  auto cfg = load_config_file(file, schema, options);
  if (!cfg) throw std::runtime_error("invalid configuration:\n" + format_issues(cfg.error()));
  return std::move(*cfg);
}

}  // namespace zerodte::core::config
