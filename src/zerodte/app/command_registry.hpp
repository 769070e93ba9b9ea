#pragma once
// Subcommands register themselves: each file in app/commands/ defines one
//   static const zerodte::app::CommandRegistrar kReg{"name", order, &register_fn};
// and register_fn adds a CLI11 subcommand with its callback. main() builds the CLI from the
// registry, so areas add commands without editing a shared file.
#include <functional>
#include <string_view>

namespace CLI {
class App;
}

namespace zerodte::app {

// Adds the subcommand to `app` and sets its callback. The callback stores its exit code in
// `exit_code` (0 = success).
using CommandSetup = void (*)(CLI::App& app, int& exit_code);

struct CommandRegistrar {
  CommandRegistrar(std::string_view name, int order, CommandSetup setup);
};

void setup_all_commands(CLI::App& app, int& exit_code);

}  // namespace zerodte::app
