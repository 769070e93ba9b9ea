#include "zerodte/server/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>

#include "zerodte/core/assert.hpp"

namespace zerodte::server {
namespace {

bool valid_name(std::string_view s, bool allow_colon) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string fmt_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace

void Gauge::add(double d) {
  double cur = v_.load(std::memory_order_relaxed);
  while (!v_.compare_exchange_weak(cur, cur + d, std::memory_order_relaxed)) {
  }
}

double Histogram::bucket_upper_seconds(std::size_t i) {
  return 1e-6 * static_cast<double>(std::uint64_t{1} << i);
}

void Histogram::observe_ns(std::int64_t ns) {
  if (ns < 0) ns = 0;
  // bucket i holds values <= 2^i us.
  const auto us_ceil = static_cast<std::uint64_t>((ns + 999) / 1000);
  std::size_t i = us_ceil <= 1 ? 0 : static_cast<std::size_t>(std::bit_width(us_ceil - 1));
  if (i < kBuckets) buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(ns, std::memory_order_relaxed);
}

Metrics::Series& Metrics::find_or_add(std::string_view name, std::string_view help, Kind kind,
                                      Label label) {
  ZDTE_ASSERT(valid_name(name, true), "invalid metric name");
  ZDTE_ASSERT(label.name.empty() || valid_name(label.name, false), "invalid label name");
  std::lock_guard lock(mutex_);
  for (auto& s : series_) {
    if (s.name == name && s.label.name == label.name && s.label.value == label.value) {
      ZDTE_ASSERT(s.kind == kind, "metric registered with another type");
      return s;
    }
  }
  for (auto& s : series_)
    ZDTE_ASSERT(s.name != name || s.kind == kind, "metric registered with another type");
  Series s{std::string(name), std::string(help), kind, std::move(label), nullptr, nullptr, nullptr};
  if (kind == Kind::kCounter) s.counter = std::make_unique<Counter>();
  if (kind == Kind::kGauge) s.gauge = std::make_unique<Gauge>();
  if (kind == Kind::kHistogram) s.histogram = std::make_unique<Histogram>();
  series_.push_back(std::move(s));
  return series_.back();
}

Counter& Metrics::counter(std::string_view name, std::string_view help, Label label) {
  return *find_or_add(name, help, Kind::kCounter, std::move(label)).counter;
}
Gauge& Metrics::gauge(std::string_view name, std::string_view help, Label label) {
  return *find_or_add(name, help, Kind::kGauge, std::move(label)).gauge;
}
Histogram& Metrics::histogram(std::string_view name, std::string_view help, Label label) {
  return *find_or_add(name, help, Kind::kHistogram, std::move(label)).histogram;
}

std::string Metrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  // Group series by metric name (one HELP/TYPE block per name), in first-registration order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Series*>> by_name;
  for (const auto& s : series_) {
    auto [it, inserted] = by_name.try_emplace(s.name);
    if (inserted) order.push_back(s.name);
    it->second.push_back(&s);
  }
  std::string out;
  for (const auto& name : order) {
    const auto& list = by_name[name];
    const auto* first = list.front();
    const char* type = first->kind == Kind::kCounter ? "counter"
                       : first->kind == Kind::kGauge ? "gauge"
                                                     : "histogram";
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, escape_help(first->help), name, type);
    for (const auto* s : list) {
      const std::string lbl =
          s->label.name.empty()
              ? std::string{}
              : fmt::format("{}=\"{}\"", s->label.name, escape_label_value(s->label.value));
      const auto braces = [&](const std::string& extra) {
        std::string inner = lbl;
        if (!extra.empty()) inner += (inner.empty() ? "" : ",") + extra;
        return inner.empty() ? std::string{} : "{" + inner + "}";
      };
      if (s->kind == Kind::kCounter) {
        out += fmt::format("{}{} {}\n", name, braces(""), s->counter->value());
      } else if (s->kind == Kind::kGauge) {
        out += fmt::format("{}{} {}\n", name, braces(""), fmt_double(s->gauge->value()));
      } else {
        const auto& h = *s->histogram;
        std::uint64_t cum = 0;
        for (std::size_t i = 0; i < Histogram::kBuckets; ++i) {
          cum += h.bucket(i);
          out += fmt::format(
              "{}_bucket{} {}\n", name,
              braces(fmt::format("le=\"{}\"", fmt_double(Histogram::bucket_upper_seconds(i)))),
              cum);
        }
        const auto total = h.count();
        out += fmt::format("{}_bucket{} {}\n", name, braces("le=\"+Inf\""), std::max(total, cum));
        out += fmt::format("{}_sum{} {}\n", name, braces(""), fmt_double(h.sum_seconds()));
        out += fmt::format("{}_count{} {}\n", name, braces(""), std::max(total, cum));
      }
    }
  }
  return out;
}

}  // namespace zerodte::server
