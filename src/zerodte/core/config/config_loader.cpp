// Validation of a TOML document against a ConfigSchema. toml++ stays inside this file.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/suggest.hpp"
#include "zerodte/core/log/redactor.hpp"

namespace zerodte::core::config {
namespace {

std::string join(std::string_view a, std::string_view b) {
  return a.empty() ? std::string(b) : fmt::format("{}.{}", a, b);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += fmt::format("{}\"{}\"", i ? ", " : "", items[i]);
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = suggest(word, candidates);
  return best ? fmt::format(" (did you mean `{}`?)", *best) : std::string{};
}

// "string \"abc\"", "integer 3", "a table" ...; secrets are never shown.
std::string describe(const toml::node& node, bool secret) {
  if (secret && !node.is_table() && !node.is_array()) {
    return fmt::format("{} <secret, not shown>", node.is_string() ? "string" : "value");
  }
  std::ostringstream os;
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("string \"{}\"", *node.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("integer {}", *node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("float {}", *node.value<double>());
    case toml::node_type::boolean:
      return fmt::format("boolean {}", *node.value<bool>());
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      os << *node.as_date();
      return "date " + os.str();
    case toml::node_type::time:
      os << *node.as_time();
      return "time " + os.str();
    case toml::node_type::date_time:
      os << *node.as_date_time();
      return "date-time " + os.str();
    default:
      return "nothing";
  }
}

std::string expected_desc(const KeySpec& key) {
  if (key.type == ValueType::kEnum) return fmt::format("one of {}", quoted_list(key.allowed));
  switch (key.type) {
    case ValueType::kBool:
      return "a boolean (true/false)";
    case ValueType::kInt:
      return "an integer";
    case ValueType::kDouble:
      return "a number";
    case ValueType::kString:
      return "a string";
    case ValueType::kTimeOfDay:
      return "a time of day (\"HH:MM\" or \"HH:MM:SS\")";
    case ValueType::kDate:
      return "a date (YYYY-MM-DD)";
    case ValueType::kDuration:
      return "a duration string (e.g. \"500ms\", \"3s\", \"5m\")";
    case ValueType::kPrice:
      return "a price (decimal string like \"0.05\" or a number)";
    case ValueType::kStringList:
      return "an array of strings";
    case ValueType::kNumberList:
      return "an array of numbers";
    case ValueType::kDateList:
      return "an array of dates";
    default:
      return std::string(to_string(key.type));
  }
}

// Text (from a string value) to the key's type.
Result<Value> parse_text(const KeySpec& key, const std::string& text) {
  switch (key.type) {
    case ValueType::kString:
      return Value{text};
    case ValueType::kEnum:
      return Value{text};  // membership checked by the caller
    case ValueType::kBool:
      if (text == "true") return Value{true};
      if (text == "false") return Value{false};
      return fail(ErrorCode::kParse, "'{}' is not true or false", text);
    case ValueType::kInt: {
      std::int64_t v = 0;
      const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc{} || p != text.data() + text.size()) {
        return fail(ErrorCode::kParse, "'{}' is not an integer", text);
      }
      return Value{v};
    }
    case ValueType::kDouble: {
      double v = 0;
      const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc{} || p != text.data() + text.size()) {
        return fail(ErrorCode::kParse, "'{}' is not a number", text);
      }
      return Value{v};
    }
    case ValueType::kTimeOfDay: {
      auto t = TimeOfDay::parse(text);
      if (!t) return std::unexpected(t.error());
      return Value{*t};
    }
    case ValueType::kDate: {
      auto d = Date::parse(text);
      if (!d) return std::unexpected(d.error());
      return Value{*d};
    }
    case ValueType::kDuration: {
      auto d = parse_duration(text);
      if (!d) return std::unexpected(d.error());
      return Value{*d};
    }
    case ValueType::kPrice: {
      auto p = Price::parse(text);
      if (!p) return std::unexpected(p.error());
      return Value{*p};
    }
    default:
      return fail(ErrorCode::kInvalid, "a string cannot be {}", expected_desc(key));
  }
}

// Numeric view of a value for range checks; durations in seconds.
std::optional<double> as_number(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* p = std::get_if<Price>(&v)) return p->to_double();
  if (const auto* d = std::get_if<Duration>(&v)) {
    return static_cast<double>(d->count()) / static_cast<double>(kNanosPerSecond);
  }
  return std::nullopt;
}

std::string range_rule(const KeySpec& key) {
  const char* unit = key.type == ValueType::kDuration ? " seconds" : "";
  if (key.min && key.max)
    return fmt::format("must be between {} and {}{}", *key.min, *key.max, unit);
  if (key.min) return fmt::format("must be >= {}{}", *key.min, unit);
  return fmt::format("must be <= {}{}", *key.max, unit);
}

bool in_range(const KeySpec& key, double x) {
  return !(key.min && x < *key.min) && !(key.max && x > *key.max);
}

class Loader {
 public:
  Loader(std::string file, const ConfigSchema& schema, const LoadOptions& options)
      : file_(std::move(file)), schema_(schema), options_(options) {}

  void load(const toml::table& doc, ConfigTable& out) { table(doc, schema_.root(), "", out); }
  void error(std::string key, std::string message, const toml::node* at = nullptr) {
    const int line = at != nullptr ? static_cast<int>(at->source().begin.line) : 0;
    issues.push_back({file_, std::move(key), std::move(message), line});
  }

  ConfigIssues issues;

 private:
  void table(const toml::table& in, const TableSpec& spec, const std::string& schema_path,
             ConfigTable& out);
  std::optional<Value> convert(const toml::node& node, const KeySpec& key, const std::string& kp);
  std::optional<Value> convert_array(const toml::array& arr, const KeySpec& key,
                                     const std::string& kp);
  std::optional<std::string> expand(const toml::node& node, const std::string& kp, bool& from_env);
  void check_value(const KeySpec& key, const Value& v, const toml::node& node,
                   const std::string& kp, std::optional<Value>& result);
  void raw(const toml::node& node, const std::string& key, const std::string& kp, ConfigTable& out);

  std::string file_;
  const ConfigSchema& schema_;
  const LoadOptions& options_;
};

std::optional<std::string> Loader::expand(const toml::node& node, const std::string& kp,
                                          bool& from_env) {
  auto expanded = expand_env(*node.value<std::string>(), options_.env);
  if (!expanded) {
    error(kp, expanded.error().message, &node);
    return std::nullopt;
  }
  from_env = expanded->used_env();
  return std::move(expanded->text);
}

void Loader::table(const toml::table& in, const TableSpec& spec, const std::string& schema_path,
                   ConfigTable& out) {
  const std::size_t issues_before = issues.size();
  const bool is_root = &spec == &schema_.root();
  const TableSpec* variant = nullptr;
  bool unknown_variant = false;
  if (!spec.selector.empty()) {
    if (const toml::node* sel = in.get(spec.selector); sel != nullptr && sel->is_string()) {
      const std::string value = *sel->value<std::string>();
      variant = spec.find_variant(value);
      if (variant == nullptr && !spec.variants.empty()) {
        std::vector<std::string> known;
        for (const auto& v : spec.variants)
          known.push_back(v->path);
        error(join(out.path(), spec.selector),
              fmt::format("unknown {} \"{}\"; known: {}{}", spec.selector, value,
                          quoted_list(known), did_you_mean(value, known)),
              sel);
        unknown_variant = true;  // its keys cannot be checked; do not report them one by one
      }
    }
  }
  const bool open = unknown_variant || (variant != nullptr ? variant->open : spec.open);
  const auto children = schema_.children(schema_path);
  auto find_key = [&](std::string_view name) {
    const KeySpec* k = spec.find_key(name);
    return (k == nullptr && variant != nullptr) ? variant->find_key(name) : k;
  };

  for (auto&& [k, node] : in) {
    const std::string key(k.str());
    const std::string kp = join(out.path(), key);
    if (const KeySpec* ks = find_key(key)) {
      if (auto v = convert(node, *ks, kp)) out.set(key, std::move(*v));
      continue;
    }
    const TableSpec* child = nullptr;
    for (const TableSpec* c : children) {
      if (c->name() == key) child = c;
    }
    if (child != nullptr && child->is_array) {
      const auto* arr = node.as_array();
      if (arr == nullptr || !(arr->empty() || arr->is_array_of_tables())) {
        error(kp,
              fmt::format("expected an array of tables [[{}]], got {}", child->path,
                          describe(node, false)),
              &node);
        continue;
      }
      for (const auto& item : *arr) {
        table(*item.as_table(), *child, child->path, out.append_to_array(key));
      }
      continue;
    }
    if (child != nullptr) {
      if (const auto* t = node.as_table()) {
        table(*t, *child, child->path, out.add_table(key));
      } else {
        error(kp, fmt::format("expected a table [{}], got {}", child->path, describe(node, false)),
              &node);
      }
      continue;
    }
    if (open) {
      raw(node, key, kp, out);
      continue;
    }
    if (options_.partial_schema) continue;
    std::vector<std::string> candidates;
    for (const auto& ks : spec.keys)
      candidates.push_back(ks.name);
    if (variant != nullptr) {
      for (const auto& ks : variant->keys)
        candidates.push_back(ks.name);
    }
    for (const TableSpec* c : children)
      candidates.emplace_back(c->name());
    const bool section = node.is_table() || node.is_array_of_tables();
    error(kp,
          fmt::format("unknown {}{}", is_root && section ? "section" : "key",
                      did_you_mean(key, candidates)),
          &node);
  }

  auto fill = [&](const TableSpec& s) {
    for (const auto& ks : s.keys) {
      // Present in the file: set, or already reported as invalid (not "missing" as well).
      if (out.has(ks.name) || in.contains(ks.name)) continue;
      if (ks.default_value) {
        out.set(ks.name, *ks.default_value);
      } else if (ks.required) {
        error(join(out.path(), ks.name), fmt::format("required key is missing ({})", ks.doc));
      }
    }
  };
  fill(spec);
  if (variant != nullptr) fill(*variant);
  for (const TableSpec* c : children) {
    if (!c->is_array && out.find_table(c->name()) == nullptr) {
      table(toml::table{}, *c, c->path, out.add_table(std::string(c->name())));
    }
  }
  if (issues.size() != issues_before) return;
  auto run_checks = [&](const TableSpec& s) {
    for (const auto& check : s.checks) {
      for (auto& f : check(out))
        error(join(out.path(), f.key), std::move(f.message));
    }
  };
  run_checks(spec);
  if (variant != nullptr) run_checks(*variant);
}

std::optional<Value> Loader::convert(const toml::node& node, const KeySpec& key,
                                     const std::string& kp) {
  std::optional<Value> result;
  auto type_error = [&] {
    error(kp, fmt::format("expected {}, got {}", expected_desc(key), describe(node, key.secret)),
          &node);
  };
  if (node.is_string()) {
    bool from_env = false;
    auto text = expand(node, kp, from_env);
    if (!text) return std::nullopt;
    if (key.secret) {
      if (!text->empty() && !from_env) {
        error(kp,
              "a secret must come from the environment: write \"${VAR}\" or \"${file:PATH}\" (the "
              "literal value is "
              "not shown)",
              &node);
        return std::nullopt;
      }
      if (options_.register_secrets) log::register_secret(*text);
    }
    const bool textual = key.type == ValueType::kString || key.type == ValueType::kEnum ||
                         key.type == ValueType::kTimeOfDay || key.type == ValueType::kDate ||
                         key.type == ValueType::kDuration || key.type == ValueType::kPrice;
    const bool scalar = key.type == ValueType::kBool || key.type == ValueType::kInt ||
                        key.type == ValueType::kDouble;
    if (!textual && !(scalar && from_env)) {
      type_error();
      return std::nullopt;
    }
    auto v = parse_text(key, *text);
    if (!v) {
      const std::string shown =
          key.secret
              ? "<secret>"
              : (from_env ? fmt::format("\"{}\" (from {})", *text, *node.value<std::string>())
                          : fmt::format("\"{}\"", *text));
      error(kp,
            fmt::format("expected {}, got {}: {}", expected_desc(key), shown,
                        key.secret ? "invalid" : v.error().message),
            &node);
      return std::nullopt;
    }
    check_value(key, *v, node, kp, result);
    return result;
  }
  std::optional<Value> v;
  switch (node.type()) {
    case toml::node_type::boolean:
      if (key.type == ValueType::kBool) v = Value{*node.value<bool>()};
      break;
    case toml::node_type::integer: {
      const std::int64_t i = *node.value<std::int64_t>();
      if (key.type == ValueType::kInt) v = Value{i};
      if (key.type == ValueType::kDouble) v = Value{static_cast<double>(i)};
      if (key.type == ValueType::kPrice) {
        auto p = Price::checked_mul(Price::from_raw(Price::kScale), i);
        if (!p) {
          error(kp, fmt::format("price {} is out of the representable range", i), &node);
          return std::nullopt;
        }
        v = Value{*p};
      }
      break;
    }
    case toml::node_type::floating_point: {
      const double d = *node.value<double>();
      if (key.type == ValueType::kDouble) v = Value{d};
      if (key.type == ValueType::kPrice) {
        auto p = Price::from_double(d);
        if (!p) {
          error(kp, fmt::format("price {}: {}", d, p.error().message), &node);
          return std::nullopt;
        }
        v = Value{*p};
      }
      break;
    }
    case toml::node_type::date:
      if (key.type == ValueType::kDate) {
        const auto& d = node.as_date()->get();
        v = Value{Date{d.year, d.month, d.day}};
      }
      break;
    case toml::node_type::time:
      if (key.type == ValueType::kTimeOfDay) {
        const auto& t = node.as_time()->get();
        v = Value{TimeOfDay{t.hour, t.minute, t.second}};
      }
      break;
    case toml::node_type::array:
      if (key.type == ValueType::kStringList || key.type == ValueType::kNumberList ||
          key.type == ValueType::kDateList) {
        return convert_array(*node.as_array(), key, kp);
      }
      break;
    default:
      break;
  }
  if (!v) {
    type_error();
    return std::nullopt;
  }
  check_value(key, *v, node, kp, result);
  return result;
}

std::optional<Value> Loader::convert_array(const toml::array& arr, const KeySpec& key,
                                           const std::string& kp) {
  std::vector<std::string> strings;
  std::vector<double> numbers;
  std::vector<Date> dates;
  bool ok = true;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const toml::node& item = *arr.get(i);
    const std::string ip = fmt::format("{}[{}]", kp, i);
    auto bad = [&](std::string_view want) {
      error(ip, fmt::format("expected {}, got {}", want, describe(item, key.secret)), &item);
      ok = false;
    };
    if (key.type == ValueType::kStringList) {
      if (!item.is_string()) {
        bad("a string");
        continue;
      }
      bool from_env = false;
      auto text = expand(item, ip, from_env);
      if (!text) {
        ok = false;
        continue;
      }
      if (key.secret && options_.register_secrets) log::register_secret(*text);
      strings.push_back(std::move(*text));
    } else if (key.type == ValueType::kNumberList) {
      if (!item.is_number()) {
        bad("a number");
        continue;
      }
      const double x = *item.value<double>();
      if (!in_range(key, x)) {
        error(ip, fmt::format("value {} is out of range: {}", x, range_rule(key)), &item);
        ok = false;
        continue;
      }
      numbers.push_back(x);
    } else {
      if (const auto* d = item.as_date()) {
        dates.push_back(Date{d->get().year, d->get().month, d->get().day});
      } else if (item.is_string()) {
        auto d = Date::parse(*item.value<std::string>());
        if (!d) {
          error(ip, d.error().message, &item);
          ok = false;
          continue;
        }
        dates.push_back(*d);
      } else {
        bad("a date");
      }
    }
  }
  if (!ok) return std::nullopt;
  std::optional<Value> result;
  Value v = key.type == ValueType::kStringList   ? Value{std::move(strings)}
            : key.type == ValueType::kNumberList ? Value{std::move(numbers)}
                                                 : Value{std::move(dates)};
  check_value(key, v, arr, kp, result);
  return result;
}

void Loader::check_value(const KeySpec& key, const Value& v, const toml::node& node,
                         const std::string& kp, std::optional<Value>& result) {
  // As written where that differs from the typed form (150 for a number key, not 150.0).
  const std::string shown = key.secret          ? "<secret>"
                            : node.is_integer() ? fmt::format("{}", *node.value<std::int64_t>())
                                                : format_value(v);
  if (key.type == ValueType::kEnum) {
    const auto& s = std::get<std::string>(v);
    if (std::find(key.allowed.begin(), key.allowed.end(), s) == key.allowed.end()) {
      error(kp,
            fmt::format("value {} is not allowed: expected one of {}{}", shown,
                        quoted_list(key.allowed), did_you_mean(s, key.allowed)),
            &node);
      return;
    }
  }
  if (key.min || key.max) {
    if (auto x = as_number(v); x && !in_range(key, *x)) {
      error(kp, fmt::format("value {} is out of range: {}", shown, range_rule(key)), &node);
      return;
    }
  }
  if (key.check) {
    if (auto broken = key.check(v)) {
      error(kp, fmt::format("value {} is invalid: {}", shown, *broken), &node);
      return;
    }
  }
  result = v;
}

// Undeclared key in an open table: keep it with its TOML type.
void Loader::raw(const toml::node& node, const std::string& key, const std::string& kp,
                 ConfigTable& out) {
  switch (node.type()) {
    case toml::node_type::string: {
      bool from_env = false;
      auto text = expand(node, kp, from_env);
      if (!text) return;
      if (log::is_sensitive_name(key) && !text->empty()) {
        // Undeclared, but named like a credential: the same rule as declared secrets.
        if (!from_env) {
          error(kp,
                "the name marks this as a secret, so it must come from the environment: write "
                "\"${VAR}\" or \"${file:PATH}\" (the literal value is not shown)",
                &node);
          return;
        }
        if (options_.register_secrets) log::register_secret(*text);
      }
      out.set(key, Value{std::move(*text)});
      return;
    }
    case toml::node_type::integer:
      out.set(key, Value{*node.value<std::int64_t>()});
      return;
    case toml::node_type::floating_point:
      out.set(key, Value{*node.value<double>()});
      return;
    case toml::node_type::boolean:
      out.set(key, Value{*node.value<bool>()});
      return;
    case toml::node_type::date: {
      const auto& d = node.as_date()->get();
      out.set(key, Value{Date{d.year, d.month, d.day}});
      return;
    }
    case toml::node_type::time: {
      const auto& t = node.as_time()->get();
      out.set(key, Value{TimeOfDay{t.hour, t.minute, t.second}});
      return;
    }
    case toml::node_type::table: {
      ConfigTable& sub = out.add_table(key);
      for (auto&& [k, v] : *node.as_table()) {
        raw(v, std::string(k.str()), join(sub.path(), k.str()), sub);
      }
      return;
    }
    case toml::node_type::array: {
      const auto& arr = *node.as_array();
      if (!arr.empty() && arr.is_array_of_tables()) {
        for (const auto& item : arr) {
          ConfigTable& sub = out.append_to_array(key);
          for (auto&& [k, v] : *item.as_table()) {
            raw(v, std::string(k.str()), join(sub.path(), k.str()), sub);
          }
        }
        return;
      }
      KeySpec as;
      as.name = key;
      as.type = arr.empty() || arr.get(0)->is_string() ? ValueType::kStringList
                : arr.get(0)->is_number()              ? ValueType::kNumberList
                                                       : ValueType::kDateList;
      if (auto v = convert_array(arr, as, kp)) out.set(key, std::move(*v));
      return;
    }
    default:
      error(kp, fmt::format("unsupported value {}", describe(node, false)), &node);
  }
}

}  // namespace

LoadResult load_config_string(std::string_view text, std::string_view source_name,
                              const ConfigSchema& schema, const LoadOptions& options) {
  Loader loader(std::string(source_name), schema, options);
  toml::table doc;
  try {
    doc = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return std::unexpected(ConfigIssues{{std::string(source_name), "",
                                         fmt::format("TOML syntax error at line {}, column {}: {}",
                                                     where.line, where.column, e.description())}});
  }
  ConfigTable root;
  loader.load(doc, root);
  if (!loader.issues.empty()) {
    auto issues = std::move(loader.issues);
    std::stable_sort(issues.begin(), issues.end(), [](const ConfigIssue& a, const ConfigIssue& b) {
      return (a.line == 0 ? INT_MAX : a.line) < (b.line == 0 ? INT_MAX : b.line);
    });
    return std::unexpected(std::move(issues));
  }
  return Config(std::string(source_name), std::move(root));
}

LoadResult load_config_file(const std::filesystem::path& file, const ConfigSchema& schema,
                            const LoadOptions& options) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(ConfigIssues{
        {file.string(), "", fmt::format("cannot read the file: {}", std::strerror(errno)), 0}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_string(text.str(), file.string(), schema, options);
}

}  // namespace zerodte::core::config
