// `zerodte config check FILE...`: validate config files against the full schema (every area's
// sections); prints "FILE: ok" or every problem as "FILE:KEY: message"; exit 1 on any problem.
// `zerodte config show FILE`: the effective config as TOML (defaults filled in, secrets masked).
// `zerodte config schema`: the configuration reference in Markdown (docs/CONFIG.md is its output).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_print.hpp"
#include "zerodte/core/config/schema_registry.hpp"

namespace {

namespace config = zerodte::core::config;

constexpr std::string_view kIntro = R"(# Configuration

zerodte reads one TOML file (`zerodte run --config config/paper.toml`). The shipped examples:

| File | Purpose |
|---|---|
| `config/paper.toml` | the default of `make run`: paper trading on the simulated venue with simulated market data, SQLite under `var/`, dashboard on http://127.0.0.1:8080 |
| `config/backtest.toml` | replay of recorded data through the simulated venue |
| `config/live.example.toml` | template for live trading; every credential comes from the environment |

Check a file before using it:

```
$ zerodte config check config/paper.toml
config/paper.toml: ok
$ cat bad.toml
[system]
trading_mode = "livee"
log_levle = "info"

[risk]
daily_loss_limt_pct = 2.0
max_positions = "three"
margin_utilization_max_pct = 170

[entry]
no_entry_before = "15:00"

[brokr]
name = "sim"
$ zerodte config check bad.toml; echo "exit $?"
bad.toml:system.trading_mode: value "livee" is not allowed: expected one of "paper", "live" (did you mean `live`?) (line 2)
bad.toml:system.log_levle: unknown key (did you mean `log_level`?) (line 3)
bad.toml:risk.daily_loss_limt_pct: unknown key (did you mean `daily_loss_limit_pct`?) (line 6)
bad.toml:risk.max_positions: expected an integer, got string "three" (line 7)
bad.toml:risk.margin_utilization_max_pct: value 170 is out of range: must be between 0 and 100 (line 8)
bad.toml:brokr: unknown section (did you mean `broker`?) (line 13)
bad.toml:entry.no_entry_after: must be later than no_entry_before (14:30 <= 15:00)
exit 1
```

`zerodte config show FILE` prints the effective configuration as TOML: the file's values plus
every default, with secrets shown as `***`.

## Validation

- Every problem in the file is reported at once, one per line: `FILE:KEY: message`, naming the key
  path, the value and the rule broken (type, range, allowed values, cross-key rules such as
  `no_entry_before < no_entry_after`), with the line number.
- Unknown sections and keys are errors, with a "did you mean" suggestion (Damerau-Levenshtein
  distance over the keys of that table). Sections marked *open* below accept any key until their
  owning area registers its keys.
- Keys the file omits take the defaults listed below; `get<T>()` in code therefore always finds a
  declared key with a default.
- Types: `integer` rejects `2.5` and `"3"`; `number` accepts integers; `time of day` is
  `"HH:MM"`/`"HH:MM:SS"` or a TOML time (`10:00:00`); `date` is `"YYYY-MM-DD"` or a TOML date;
  `duration` is a string with units `ns us ms s m h d`, compounds allowed (`"1m30s"`); `price` is an
  exact decimal string (`"0.05"`) or a number (rounded to 1e-9).
- `[[strategies]]` entries pick their kind with `type`; each kind has its own keys.

## Environment variables and secrets

Any string may reference the environment:

- `"${VAR}"` is replaced by the value of `VAR`; if `VAR` is unset the file is invalid (the message
  names `VAR` and the key, never a value).
- `"${VAR:-default}"` uses `default` when `VAR` is unset or empty.
- `"${file:PATH}"` is replaced by the contents of the file `PATH` (trailing newlines removed; for
  Docker/Kubernetes secrets such as `/run/secrets/alpaca_secret`).
- `$$` is a literal `$`.
- A value that came from the environment may fill a number or boolean key (`port = "${PORT:-8080}"`).

Keys marked *secret* (API keys, secrets, database URLs with passwords) **must** be written as
`"${VAR}"` or `"${file:PATH}"`: a literal secret in a file is an error, so secrets never live in
the repository. Undeclared keys in open sections whose name looks like a credential (`*_token`,
`*password*`, `*secret*`, `*api_key*`) follow the same rule. Each
secret value is registered with the log redactor when the file loads: it is replaced by `***` in
every log line (text or JSON), as are credential patterns such as `Authorization: Bearer ...`,
`apikey=...`, `"password":"..."` and `APCA-API-SECRET-KEY: ...`. Error messages never print a
secret's value.

## Adding keys (for developers)

Each area declares its sections in a `register_<area>_sections(config::ConfigSchema&)` function
and registers it with a `config::SchemaRegistrar` in a file linked into the app (see
`src/zerodte/core/config/schema_registry.hpp`). Regenerate this file with
`zerodte config schema > docs/CONFIG.md`.

## Reference

)";

int check(const std::vector<std::string>& files) {
  const config::ConfigSchema schema = config::build_schema();
  config::LoadOptions options;
  options.register_secrets = false;
  int exit_code = 0;
  for (const auto& file : files) {
    auto cfg = config::load_config_file(file, schema, options);
    if (cfg) {
      fmt::print("{}: ok\n", file);
    } else {
      fmt::print("{}", config::format_issues(cfg.error()));
      exit_code = 1;
    }
  }
  std::fflush(stdout);
  return exit_code;
}

int show(const std::string& file) {
  const config::ConfigSchema schema = config::build_schema();
  auto cfg = config::load_config_file(file, schema);
  if (!cfg) {
    fmt::print("{}", config::format_issues(cfg.error()));
    std::fflush(stdout);
    return 1;
  }
  fmt::print("{}", config::to_toml(*cfg, schema));
  std::fflush(stdout);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("config", "Check configuration files; print the config reference");
  cmd->require_subcommand(1);

  auto* check_cmd = cmd->add_subcommand("check", "Validate config files; exit 1 on any error");
  auto files = std::make_shared<std::vector<std::string>>();
  check_cmd->add_option("files", *files, "TOML config files")->required();
  check_cmd->callback([&exit_code, files] { exit_code = check(*files); });

  auto* show_cmd = cmd->add_subcommand(
      "show", "Print the effective config (defaults filled in, secrets as ***)");
  auto show_file = std::make_shared<std::string>();
  show_cmd->add_option("file", *show_file, "TOML config file")->required();
  show_cmd->callback([&exit_code, show_file] { exit_code = show(*show_file); });

  auto* schema_cmd = cmd->add_subcommand("schema", "Print every section and key (Markdown)");
  schema_cmd->callback([] { fmt::print("{}{}", kIntro, config::build_schema().to_markdown()); });
}

const zerodte::app::CommandRegistrar kRegistrar{"config", 5, &setup};

}  // namespace
