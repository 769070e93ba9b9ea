// A `zerodte` with only the report, overseer and publish commands (plus the run schema): used by
// the CLI end-to-end test while other areas' parts of the full binary are being built.
#include <CLI/CLI.hpp>

#include "zerodte/app/command_registry.hpp"

int main(int argc, char** argv) {
  CLI::App app{"zerodte (report/overseer/publish commands only)", "zerodte"};
  app.require_subcommand(1);
  int exit_code = 0;
  zerodte::app::setup_all_commands(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
