#include "zerodte/core/config/config_print.hpp"

#include <fmt/format.h>

#include "zerodte/core/log/redactor.hpp"

namespace zerodte::core::config {
namespace {

// "strategies[1].risk" -> "strategies.risk": the schema path of an instance path.
std::string schema_path(std::string_view instance) {
  std::string out;
  bool skip = false;
  for (char c : instance) {
    if (c == '[') skip = true;
    if (!skip) out.push_back(c);
    if (c == ']') skip = false;
  }
  return out;
}

bool is_secret(const ConfigSchema& schema, std::string_view table_path, const std::string& key) {
  if (log::is_sensitive_name(key)) return true;
  const TableSpec* spec = schema.find(schema_path(table_path));
  if (spec == nullptr) return false;
  if (const KeySpec* k = spec->find_key(key)) return k->secret;
  for (const auto& v : spec->variants) {
    if (const KeySpec* k = v->find_key(key); k != nullptr && k->secret) return true;
  }
  return false;
}

// '$' -> "$$" so a printed string does not read back as a ${VAR} reference.
std::string escape_dollars(std::string s) {
  for (std::size_t pos = 0; (pos = s.find('$', pos)) != std::string::npos; pos += 2) {
    s.insert(pos, 1, '$');
  }
  return s;
}

Value printable(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return Value{escape_dollars(*s)};
  if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    std::vector<std::string> out;
    for (const auto& s : *list)
      out.push_back(escape_dollars(s));
    return Value{std::move(out)};
  }
  return v;
}

void print_values(const ConfigTable& t, const ConfigSchema& schema, std::string& out) {
  for (const auto& [key, value] : t.values()) {
    const bool hide =
        is_secret(schema, t.path(), key) &&
        !(std::holds_alternative<std::string>(value) && std::get<std::string>(value).empty());
    out += fmt::format("{} = {}\n", key, hide ? "\"***\"" : format_value(printable(value)));
  }
}

void print_table(const ConfigTable& t, const std::string& header_path, const ConfigSchema& schema,
                 std::string& out);

void print_children(const ConfigTable& t, const std::string& header_path,
                    const ConfigSchema& schema, std::string& out) {
  for (const auto& name : t.table_names()) {
    const std::string sub = header_path.empty() ? name : header_path + "." + name;
    print_table(t.table(name), sub, schema, out);
  }
  for (const auto& name : t.array_names()) {
    const std::string sub = header_path.empty() ? name : header_path + "." + name;
    for (const ConfigTable& item : t.array_of_tables(name)) {
      out += fmt::format("\n[[{}]]\n", sub);
      print_values(item, schema, out);
      print_children(item, sub, schema, out);
    }
  }
}

void print_table(const ConfigTable& t, const std::string& header_path, const ConfigSchema& schema,
                 std::string& out) {
  if (!t.values().empty()) {
    out += fmt::format("\n[{}]\n", header_path);
    print_values(t, schema, out);
  }
  print_children(t, header_path, schema, out);
}

}  // namespace

std::string to_toml(const Config& config, const ConfigSchema& schema) {
  std::string out =
      fmt::format("# Effective configuration of {} (defaults filled in)\n", config.source());
  print_children(config.root(), "", schema, out);
  return out;
}

}  // namespace zerodte::core::config
