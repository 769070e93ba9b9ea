#pragma once
// A kernel component: data engine, strategy host, risk engine, execution engine, overseer, ...
// Lifecycle: the kernel calls start() in registration order and stop() in reverse order, both on
// the kernel thread. Components subscribe to the bus in start().
#include <string>
#include <string_view>

#include "zerodte/core/time.hpp"

namespace zerodte::engine {

class Kernel;

enum class HealthState : std::uint8_t { kOk, kDegraded, kFailed, kStopped };
std::string_view to_string(HealthState s);

struct Health {
  HealthState state = HealthState::kOk;
  std::string detail;
  core::Timestamp last_activity;  // clock time of the last event the component handled
};

class Component {
 public:
  virtual ~Component() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  virtual void start(Kernel& kernel) = 0;
  virtual void stop() {}
  [[nodiscard]] virtual Health health() const { return {}; }
};

}  // namespace zerodte::engine
