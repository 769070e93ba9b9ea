// `zerodte version`: the version, also available as `zerodte --version`.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/app/version.hpp"

namespace {

void setup(CLI::App& app, int& /*exit_code*/) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([] { fmt::print("{}\n", zerodte::app::kVersion); });
}

const zerodte::app::CommandRegistrar kRegistrar{"version", 0, &setup};

}  // namespace
