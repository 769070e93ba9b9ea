// Grid parsing and expansion, config overrides (toml++ stays in this file), walk-forward spec.
#include "zerodte/backtest/sweep.hpp"

#include <fmt/core.h>
#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <sstream>

namespace zerodte::backtest {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

std::optional<double> to_double(std::string_view s) {
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is_integer(std::string_view s) {
  if (s.starts_with('-') || s.starts_with('+')) s.remove_prefix(1);
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

core::Status add_values(GridAxis& axis, std::string_view token) {
  const std::string t = trim(token);
  if (t.empty()) return core::fail(core::ErrorCode::kParse, "--grid {}: empty value", axis.key);
  const auto c1 = t.find(':');
  if (c1 == std::string::npos) {
    axis.values.push_back(t);
    return core::ok();
  }
  const auto c2 = t.find(':', c1 + 1);
  const auto a = to_double(std::string_view(t).substr(0, c1));
  const auto b = to_double(std::string_view(t).substr(
      c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1));
  const auto step = c2 == std::string::npos ? std::optional<double>(1.0)
                                            : to_double(std::string_view(t).substr(c2 + 1));
  if (!a || !b || !step || !(*step > 0) || *b < *a) {
    return core::fail(core::ErrorCode::kParse,
                      "--grid {}: '{}' is not a range start:stop:step with start <= stop and "
                      "step > 0",
                      axis.key, t);
  }
  const bool ints = is_integer(std::string_view(t).substr(0, c1)) && std::floor(*step) == *step;
  const auto n = static_cast<long>(std::floor((*b - *a) / *step + 1e-9));
  if (n > 10000)
    return core::fail(core::ErrorCode::kInvalid, "--grid {}: range too long", axis.key);
  for (long i = 0; i <= n; ++i) {
    const double v = *a + static_cast<double>(i) * *step;
    axis.values.push_back(ints ? fmt::format("{}", static_cast<long long>(std::llround(v)))
                               : fmt::format("{:.10g}", v));
  }
  return core::ok();
}

// Navigates (creating tables) to the parent of the last segment of a dotted key.
core::Result<std::pair<toml::table*, std::string>> parent_of(toml::table& root,
                                                             std::string_view key) {
  toml::table* t = &root;
  std::string k(key);
  std::size_t pos = 0;
  while (true) {
    const auto dot = k.find('.', pos);
    std::string seg = k.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    if (dot == std::string::npos) return std::pair{t, seg};
    pos = dot + 1;
    const auto br = seg.find('[');
    if (br != std::string::npos && seg.back() == ']') {
      const std::string name = seg.substr(0, br);
      int idx = -1;
      std::from_chars(seg.data() + br + 1, seg.data() + seg.size() - 1, idx);
      auto* arr = t->get_as<toml::array>(name);
      if (arr == nullptr || idx < 0 || static_cast<std::size_t>(idx) >= arr->size() ||
          !(*arr)[static_cast<std::size_t>(idx)].is_table()) {
        return core::fail(core::ErrorCode::kNotFound, "--grid {}: no [[{}]] entry {}", key, name,
                          idx);
      }
      t = (*arr)[static_cast<std::size_t>(idx)].as_table();
      continue;
    }
    auto* next = t->get_as<toml::table>(seg);
    if (next == nullptr) {
      if (t->contains(seg))
        return core::fail(core::ErrorCode::kInvalid, "--grid {}: '{}' is not a table", key, seg);
      t->insert(seg, toml::table{});
      next = t->get_as<toml::table>(seg);
    }
    t = next;
  }
}

}  // namespace

core::Result<std::vector<GridAxis>> parse_grid(std::string_view spec) {
  std::vector<GridAxis> axes;
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    auto comma = spec.find(',', pos);
    if (comma == std::string_view::npos) comma = spec.size();
    const std::string_view tok = spec.substr(pos, comma - pos);
    const auto eq = tok.find('=');
    if (eq != std::string_view::npos) {
      GridAxis a;
      a.key = trim(tok.substr(0, eq));
      if (a.key.empty()) return core::fail(core::ErrorCode::kParse, "--grid: an axis has no key");
      for (const auto& other : axes)
        if (other.key == a.key)
          return core::fail(core::ErrorCode::kParse, "--grid: key '{}' twice", a.key);
      axes.push_back(std::move(a));
      if (auto st = add_values(axes.back(), tok.substr(eq + 1)); !st)
        return std::unexpected(st.error());
    } else {
      if (axes.empty()) {
        return core::fail(core::ErrorCode::kParse, "--grid: '{}' before any key=values", trim(tok));
      }
      if (auto st = add_values(axes.back(), tok); !st) return std::unexpected(st.error());
    }
    pos = comma + 1;
  }
  if (axes.empty()) return core::fail(core::ErrorCode::kParse, "--grid: no axes");
  return axes;
}

std::vector<ParamSet> expand_grid(const std::vector<GridAxis>& axes) {
  std::vector<ParamSet> out{ParamSet{}};
  for (const auto& a : axes) {
    std::vector<ParamSet> next;
    for (const auto& p : out) {
      for (const auto& v : a.values) {
        ParamSet q = p;
        q.emplace_back(a.key, v);
        next.push_back(std::move(q));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::string param_label(const ParamSet& p) {
  std::string s;
  for (const auto& [k, v] : p)
    s += fmt::format("{}{}={}", s.empty() ? "" : " ", k, v);
  return s;
}

core::Result<std::string> apply_overrides(std::string_view text, std::string_view source,
                                          const ParamSet& params) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return core::fail(core::ErrorCode::kParse, "{}: {}", source, e.description());
  }
  for (const auto& [key, value] : params) {
    auto parent = parent_of(root, key);
    if (!parent) return std::unexpected(parent.error());
    auto& [t, leaf] = *parent;
    const toml::node* old = t->get(leaf);
    if (value == "true" || value == "false") {
      t->insert_or_assign(leaf, value == "true");
    } else if (is_integer(value) && !(old && old->is_floating_point())) {
      t->insert_or_assign(leaf, static_cast<std::int64_t>(std::stoll(value)));
    } else if (auto d = to_double(value)) {
      t->insert_or_assign(leaf, *d);
    } else {
      std::string s = value;
      if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
      t->insert_or_assign(leaf, s);
    }
  }
  std::ostringstream os;
  os << root << "\n";
  return os.str();
}

core::Result<WalkForward> parse_walk_forward(std::string_view text) {
  const auto slash = text.find('/');
  auto days = [](std::string_view s) -> std::optional<int> {
    if (s.ends_with('d')) s.remove_suffix(1);
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
  };
  if (slash == std::string_view::npos) {
    return core::fail(core::ErrorCode::kParse,
                      "--walk-forward '{}': expected IN/OUT trading days, e.g. 60d/20d", text);
  }
  const auto a = days(text.substr(0, slash));
  const auto b = days(text.substr(slash + 1));
  if (!a || !b) {
    return core::fail(core::ErrorCode::kParse,
                      "--walk-forward '{}': expected IN/OUT trading days, e.g. 60d/20d", text);
  }
  return WalkForward{*a, *b};
}

}  // namespace zerodte::backtest
