#include "zerodte/core/config/config_schema.hpp"

#include <algorithm>
#include <utility>

#include "zerodte/core/assert.hpp"

namespace zerodte::core::config {

KeySpec& KeySpec::range(double lo, double hi) {
  min = lo;
  max = hi;
  return *this;
}
KeySpec& KeySpec::at_least(double lo) {
  min = lo;
  return *this;
}
KeySpec& KeySpec::mark_required() {
  required = true;
  default_value.reset();
  return *this;
}
KeySpec& KeySpec::mark_secret() {
  secret = true;
  return *this;
}
KeySpec& KeySpec::validate(std::string rule_doc, ValueCheck fn) {
  check_doc = std::move(rule_doc);
  check = std::move(fn);
  return *this;
}

KeySpec& TableSpec::add(std::string name, ValueType type, std::optional<Value> default_value,
                        std::string doc) {
  if (auto* existing = const_cast<KeySpec*>(find_key(name))) {
    // Registered again (e.g. by the owning area after the foundation): same type required; the
    // later default and doc win.
    ZDTE_ASSERT(existing->type == type, "config key registered twice with different types");
    existing->default_value = std::move(default_value);
    if (!doc.empty()) existing->doc = std::move(doc);
    return *existing;
  }
  KeySpec& k = keys.emplace_back();
  k.name = std::move(name);
  k.type = type;
  k.default_value = std::move(default_value);
  k.doc = std::move(doc);
  return k;
}
KeySpec& TableSpec::add_bool(std::string name, bool def, std::string doc) {
  return add(std::move(name), ValueType::kBool, Value{def}, std::move(doc));
}
KeySpec& TableSpec::add_int(std::string name, std::int64_t def, std::string doc) {
  return add(std::move(name), ValueType::kInt, Value{def}, std::move(doc));
}
KeySpec& TableSpec::add_double(std::string name, double def, std::string doc) {
  return add(std::move(name), ValueType::kDouble, Value{def}, std::move(doc));
}
KeySpec& TableSpec::add_string(std::string name, std::string def, std::string doc) {
  return add(std::move(name), ValueType::kString, Value{std::move(def)}, std::move(doc));
}
KeySpec& TableSpec::add_enum(std::string name, std::string def, std::vector<std::string> allowed,
                             std::string doc) {
  ZDTE_ASSERT(std::find(allowed.begin(), allowed.end(), def) != allowed.end(),
              "enum default not among the allowed values");
  KeySpec& k = add(std::move(name), ValueType::kEnum, Value{std::move(def)}, std::move(doc));
  k.allowed = std::move(allowed);
  return k;
}
KeySpec& TableSpec::add_time(std::string name, std::string_view def, std::string doc) {
  auto t = TimeOfDay::parse(def);
  ZDTE_ASSERT(t.has_value(), "bad time-of-day default");
  return add(std::move(name), ValueType::kTimeOfDay, Value{*t}, std::move(doc));
}
KeySpec& TableSpec::add_date(std::string name, std::string doc) {
  return add(std::move(name), ValueType::kDate, std::nullopt, std::move(doc));
}
KeySpec& TableSpec::add_duration(std::string name, std::string_view def, std::string doc) {
  auto d = parse_duration(def);
  ZDTE_ASSERT(d.has_value(), "bad duration default");
  return add(std::move(name), ValueType::kDuration, Value{*d}, std::move(doc));
}
KeySpec& TableSpec::add_price(std::string name, std::string_view def, std::string doc) {
  auto p = Price::parse(def);
  ZDTE_ASSERT(p.has_value(), "bad price default");
  return add(std::move(name), ValueType::kPrice, Value{*p}, std::move(doc));
}
KeySpec& TableSpec::add_string_list(std::string name, std::vector<std::string> def,
                                    std::string doc) {
  return add(std::move(name), ValueType::kStringList, Value{std::move(def)}, std::move(doc));
}
KeySpec& TableSpec::add_number_list(std::string name, std::vector<double> def, std::string doc) {
  return add(std::move(name), ValueType::kNumberList, Value{std::move(def)}, std::move(doc));
}
KeySpec& TableSpec::add_date_list(std::string name, std::string doc) {
  return add(std::move(name), ValueType::kDateList, Value{std::vector<Date>{}}, std::move(doc));
}
KeySpec& TableSpec::add_secret(std::string name, std::string doc) {
  return add(std::move(name), ValueType::kString, Value{std::string{}}, std::move(doc))
      .mark_secret();
}

TableSpec& TableSpec::variant(std::string_view value, std::string_view doc) {
  ZDTE_ASSERT(!selector.empty(), "variant on a table without a selector key");
  for (auto& v : variants) {
    if (v->path == value) {
      if (v->doc.empty()) v->doc = doc;
      return *v;
    }
  }
  auto& v = variants.emplace_back(std::make_unique<TableSpec>());
  v->path = value;
  v->doc = doc;
  return *v;
}

void TableSpec::add_check(TableCheck check, std::string rule_doc) {
  checks.push_back(std::move(check));
  if (!rule_doc.empty()) check_docs.push_back(std::move(rule_doc));
}

const KeySpec* TableSpec::find_key(std::string_view key) const {
  for (const auto& k : keys) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

const TableSpec* TableSpec::find_variant(std::string_view value) const {
  for (const auto& v : variants) {
    if (v->path == value) return v.get();
  }
  return nullptr;
}

std::string_view TableSpec::name() const {
  const std::string_view p = path;
  const std::size_t dot = p.rfind('.');
  return dot == std::string_view::npos ? p : p.substr(dot + 1);
}

ConfigSchema::ConfigSchema() : root_(std::make_unique<TableSpec>()) {}

TableSpec& ConfigSchema::table(std::string_view path, std::string_view doc) {
  for (auto& t : tables_) {
    if (t->path == path) {
      ZDTE_ASSERT(!t->is_array, "config table registered as an array of tables");
      if (t->doc.empty()) t->doc = doc;
      return *t;
    }
  }
  const std::size_t dot = path.rfind('.');
  ZDTE_ASSERT(dot == std::string_view::npos || find(path.substr(0, dot)) != nullptr,
              "config table registered before its parent");
  auto& t = tables_.emplace_back(std::make_unique<TableSpec>());
  t->path = path;
  t->doc = doc;
  return *t;
}

TableSpec& ConfigSchema::array_of_tables(std::string_view path, std::string_view selector,
                                         std::string_view doc) {
  for (auto& t : tables_) {
    if (t->path == path) {
      ZDTE_ASSERT(t->is_array, "config array of tables registered as a table");
      if (t->doc.empty()) t->doc = doc;
      return *t;
    }
  }
  TableSpec& t = table(path, doc);
  t.is_array = true;
  t.selector = selector;
  if (!selector.empty()) {
    t.add_string(std::string(selector), "", "Selects the kind of this entry").mark_required();
  }
  return t;
}

void ConfigSchema::add_check(TableCheck check, std::string rule_doc) {
  root_->add_check(std::move(check), std::move(rule_doc));
}

const TableSpec* ConfigSchema::find(std::string_view path) const {
  for (const auto& t : tables_) {
    if (t->path == path) return t.get();
  }
  return nullptr;
}

std::vector<const TableSpec*> ConfigSchema::children(std::string_view parent) const {
  std::vector<const TableSpec*> out;
  for (const auto& t : tables_) {
    const std::string_view p = t->path;
    if (parent.empty()) {
      if (p.find('.') == std::string_view::npos) out.push_back(t.get());
    } else if (p.size() > parent.size() + 1 && p.substr(0, parent.size()) == parent &&
               p[parent.size()] == '.' &&
               p.find('.', parent.size() + 1) == std::string_view::npos) {
      out.push_back(t.get());
    }
  }
  return out;
}

}  // namespace zerodte::core::config
