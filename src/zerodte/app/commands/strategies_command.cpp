// Strategy commands:
//   zerodte strategies list [--type NAME] [--json]   every registered strategy type with its
//                                                    seed, summary and parameters (defaults)
//   zerodte strategies example TYPE                  a [[strategies]] block with every default
//   zerodte strategies check-config FILE             build the [[strategies]] of a config
// Also registers the [[strategies]] config variants (one per registered type).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <string>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/strategy/registry.hpp"
#include "zerodte/strategy/signal.hpp"

namespace {

namespace config = zerodte::core::config;
namespace st = zerodte::strategy;

std::string default_text(const config::KeySpec& k) {
  if (!k.default_value) return k.required ? "(required)" : "(none)";
  return config::format_value(*k.default_value);
}

std::string range_text(const config::KeySpec& k) {
  if (k.min && k.max) return fmt::format(" [{}, {}]", *k.min, *k.max);
  if (k.min) return fmt::format(" [>= {}]", *k.min);
  if (k.max) return fmt::format(" [<= {}]", *k.max);
  if (!k.allowed.empty()) {
    std::string out = " {";
    for (std::size_t i = 0; i < k.allowed.size(); ++i)
      out += (i ? "|" : "") + k.allowed[i];
    return out + "}";
  }
  return {};
}

int list(const std::string& only, bool json) {
  const auto& reg = st::global_registry();
  std::string out = json ? "[" : "";
  bool first = true;
  for (const auto* info : reg.list()) {
    if (!only.empty() && info->type != only) continue;
    auto spec = reg.parameters(info->type);
    if (!spec) {
      fmt::print(stderr, "{}\n", spec.error().message);
      return 1;
    }
    if (json) {
      out += fmt::format(R"({}{{"type":"{}","seed":"{}","summary":"{}","parameters":[)",
                         first ? "" : ",", st::json_escape(info->type), st::json_escape(info->seed),
                         st::json_escape(info->summary));
      bool first_key = true;
      for (const auto& k : spec->keys) {
        out += fmt::format(R"({}{{"name":"{}","type":"{}","default":"{}","doc":"{}"}})",
                           first_key ? "" : ",", st::json_escape(k.name), config::to_string(k.type),
                           st::json_escape(default_text(k)), st::json_escape(k.doc));
        first_key = false;
      }
      out += "]}";
    } else {
      out += fmt::format("{}{} (seed {}): {}\n", first ? "" : "\n", info->type, info->seed,
                         info->summary);
      for (const auto& k : spec->keys) {
        out += fmt::format("  {:<24} {:<16} {:<14} {}{}\n", k.name, config::to_string(k.type),
                           default_text(k), k.doc, range_text(k));
      }
    }
    first = false;
  }
  if (first && !only.empty()) {
    fmt::print(stderr, "strategies list: unknown type '{}'\n", only);
    return 1;
  }
  fmt::print("{}{}", out, json ? "]\n" : "");
  return 0;
}

int example(const std::string& type) {
  auto spec = st::global_registry().parameters(type);
  if (!spec) {
    fmt::print(stderr, "{}\n", spec.error().message);
    return 1;
  }
  fmt::print("[[strategies]]\ntype = \"{}\"\nname = \"{}\"\nenabled = true\n", type, type);
  for (const auto& k : spec->keys) {
    if (!k.default_value) continue;
    const std::string v = config::format_value(*k.default_value);  // TOML literal
    fmt::print("{} = {}  # {}\n", k.name, v, k.doc);
  }
  return 0;
}

int check_config(const std::string& file) {
  auto cfg = config::load_config_file(file, config::build_schema());
  if (!cfg) {
    fmt::print(stderr, "{}", config::format_issues(cfg.error()));
    return 1;
  }
  auto instances = st::make_strategies_from_config(*cfg);
  if (!instances) {
    fmt::print(stderr, "{}\n", instances.error().message);
    return 1;
  }
  fmt::print("{}: {} strategies enabled\n", file, instances->size());
  for (const auto& i : *instances)
    fmt::print("  {} (id {}): {}\n", i.name, i.id.value, i.type);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("strategies", "Built-in strategies: list, example config, check");
  cmd->require_subcommand(1);
  auto* ls = cmd->add_subcommand("list", "Every strategy type with its parameters and defaults");
  static std::string only;
  static bool json = false;
  ls->add_option("--type", only, "Only this type");
  ls->add_flag("--json", json, "JSON output");
  ls->callback([&exit_code] { exit_code = list(only, json); });
  auto* ex = cmd->add_subcommand("example", "A [[strategies]] block with every default");
  static std::string type;
  ex->add_option("type", type, "Strategy type")->required();
  ex->callback([&exit_code] { exit_code = example(type); });
  auto* ck = cmd->add_subcommand("check-config", "Build the [[strategies]] of a config file");
  static std::string file;
  ck->add_option("file", file, "Config file")->required()->check(CLI::ExistingFile);
  ck->callback([&exit_code] { exit_code = check_config(file); });
}

const zerodte::app::CommandRegistrar kRegistrar{"strategies", 45, &setup};
const config::SchemaRegistrar kSchema{"strategies", 50, &st::register_strategy_sections};

}  // namespace
