#pragma once
// Internal helper for the blocking wrappers around Asio: run an io_context until a flag is set or
// a steady-clock deadline passes. Include only from .cpp files that already include Asio.
#include <boost/asio/io_context.hpp>

#include <chrono>

namespace zerodte::adapters::net {

struct Deadline {
  std::chrono::steady_clock::time_point at;
  static Deadline after(std::chrono::nanoseconds d) {
    return Deadline{std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(d)};
  }
  [[nodiscard]] bool passed() const { return std::chrono::steady_clock::now() >= at; }
};

// True when `done` became true before the deadline.
inline bool pump_until(boost::asio::io_context& ioc, const bool& done, Deadline dl) {
  while (!done) {
    if (ioc.stopped()) ioc.restart();
    const auto now = std::chrono::steady_clock::now();
    if (now >= dl.at) return false;
    ioc.run_one_for(dl.at - now);
  }
  return true;
}

}  // namespace zerodte::adapters::net
