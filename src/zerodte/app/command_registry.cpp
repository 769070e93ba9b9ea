#include "zerodte/app/command_registry.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace zerodte::app {
namespace {

struct Entry {
  std::string name;
  int order;
  CommandSetup setup;
};

std::vector<Entry>& registry() {
  static std::vector<Entry> entries;
  return entries;
}

}  // namespace

CommandRegistrar::CommandRegistrar(std::string_view name, int order, CommandSetup setup) {
  registry().push_back(Entry{std::string(name), order, setup});
}

void setup_all_commands(CLI::App& app, int& exit_code) {
  auto& entries = registry();
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  });
  for (const auto& e : entries)
    e.setup(app, exit_code);
}

}  // namespace zerodte::app
