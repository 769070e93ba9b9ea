#pragma once
// Throwaway redis-server and PostgreSQL processes for the integration tests, bound to 127.0.0.1
// on a free port with their data in a temporary directory. When running as root, PostgreSQL is
// run as the `postgres` user (runuser). If the binaries are absent the tests skip with a message;
// CI installs them (scripts/deps-debian.txt: redis-server, postgresql).
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "temp_dir.hpp"

namespace zerodte::store::testing {

int free_loopback_port();

class RedisServer {
 public:
  // nullopt + reason when redis-server is not installed or did not start.
  static std::unique_ptr<RedisServer> start(std::string& why_not);
  ~RedisServer();
  [[nodiscard]] int port() const { return port_; }
  void kill_now();

 private:
  RedisServer() = default;
  std::unique_ptr<TempDir> dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

class PostgresServer {
 public:
  static std::unique_ptr<PostgresServer> start(std::string& why_not);
  ~PostgresServer();
  [[nodiscard]] std::string conninfo() const;

 private:
  PostgresServer() = default;
  std::filesystem::path bin_;
  std::filesystem::path dir_;
  std::string run_as_;  // "runuser -u postgres -- " when root
  int port_ = 0;
};

}  // namespace zerodte::store::testing
