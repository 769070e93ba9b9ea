// zerodte: the command-line entry point. Subcommands live in app/commands/*.cpp.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/app/version.hpp"
#include "zerodte/core/log/log.hpp"

int main(int argc, char** argv) {
  CLI::App app{"zerodte: an automated options trading system (paper, backtest and live)",
               "zerodte"};
  app.set_version_flag("--version", std::string(zerodte::app::kVersion));
  app.require_subcommand(1);
  int exit_code = 0;
  // Until a command loads its config: redacting text logs on stderr (secrets never reach a sink).
  zerodte::core::log::init_default();
  zerodte::app::setup_all_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zerodte: %s\n", zerodte::core::log::redact(e.what()).c_str());
    return 1;
  }
  return exit_code;
}
