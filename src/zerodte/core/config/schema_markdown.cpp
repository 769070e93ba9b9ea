// ConfigSchema::to_markdown: the reference part of docs/CONFIG.md (`zerodte config schema`).
#include <fmt/format.h>

#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::core::config {
namespace {

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else
      out.push_back(c);
  }
  return out;
}

std::string rule_of(const KeySpec& k) {
  std::vector<std::string> parts;
  if (k.required) parts.emplace_back("required");
  if (k.secret)
    parts.emplace_back("secret: `${ENV_VAR}` or `${file:PATH}` only, redacted from logs");
  if (!k.allowed.empty()) {
    std::string list;
    for (const auto& a : k.allowed)
      list += fmt::format("{}`{}`", list.empty() ? "" : ", ", a);
    parts.push_back("one of " + list);
  }
  const char* unit = k.type == ValueType::kDuration ? " s" : "";
  if (k.min && k.max)
    parts.push_back(fmt::format("{} .. {}{}", *k.min, *k.max, unit));
  else if (k.min)
    parts.push_back(fmt::format(">= {}{}", *k.min, unit));
  else if (k.max)
    parts.push_back(fmt::format("<= {}{}", *k.max, unit));
  if (!k.check_doc.empty()) parts.push_back(k.check_doc);
  std::string out;
  for (const auto& p : parts)
    out += fmt::format("{}{}", out.empty() ? "" : "; ", p);
  return out;
}

void rules(const TableSpec& t, std::string& out) {
  if (t.check_docs.empty()) return;
  out += "Rules:\n\n";
  for (const auto& r : t.check_docs)
    out += fmt::format("- {}\n", r);
  out += '\n';
}

void key_table(const TableSpec& t, std::string& out) {
  rules(t, out);
  if (t.keys.empty()) return;
  out += "| Key | Type | Default | Rule | Meaning |\n|---|---|---|---|---|\n";
  for (const auto& k : t.keys) {
    const std::string def = k.default_value ? fmt::format("`{}`", format_value(*k.default_value))
                                            : std::string("(none)");
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", k.name, to_string(k.type), cell(def),
                       cell(rule_of(k)), cell(k.doc));
  }
  out += '\n';
}

}  // namespace

std::string ConfigSchema::to_markdown() const {
  std::string out;
  if (!root_->check_docs.empty()) {
    out += "### Across sections\n\n";
    rules(*root_, out);
  }
  for (const auto& t : tables_) {
    const bool array = t->is_array;
    out += fmt::format("### `{}{}{}`\n\n", array ? "[[" : "[", t->path, array ? "]]" : "]");
    if (!t->doc.empty()) out += t->doc + "\n\n";
    if (!t->selector.empty()) {
      out += fmt::format("The `{}` key selects the kind of {}; each kind adds its own keys.\n\n",
                         t->selector, array ? "each entry" : "this section");
    }
    if (t->open) {
      out +=
          "Open section: keys not listed here are accepted as given (the owning area has not "
          "registered them yet).\n\n";
    }
    key_table(*t, out);
    for (const auto& v : t->variants) {
      out += fmt::format("#### `{}` = \"{}\"\n\n", t->selector, v->path);
      if (!v->doc.empty()) out += v->doc + "\n\n";
      key_table(*v, out);
    }
  }
  return out;
}

}  // namespace zerodte::core::config
