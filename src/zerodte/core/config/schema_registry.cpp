#include "zerodte/core/config/schema_registry.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "zerodte/core/config/foundation_schema.hpp"

namespace zerodte::core::config {
namespace {

struct Entry {
  std::string area;
  int order;
  RegisterSections fn;
};

std::vector<Entry>& entries() {
  static std::vector<Entry> e;
  return e;
}

}  // namespace

SchemaRegistrar::SchemaRegistrar(std::string_view area, int order, RegisterSections fn) {
  entries().push_back({std::string(area), order, fn});
}

ConfigSchema build_schema() {
  ConfigSchema schema;
  register_foundation_sections(schema);
  auto sorted = entries();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Entry& a, const Entry& b) { return a.order < b.order; });
  for (const auto& e : sorted)
    e.fn(schema);
  return schema;
}

}  // namespace zerodte::core::config
