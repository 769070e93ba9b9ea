#include "test_servers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace zerodte::store::testing {

namespace fs = std::filesystem;

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

namespace {

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

std::optional<fs::path> find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string p = path != nullptr ? path : "/usr/bin:/bin";
  p += ":/usr/sbin:/sbin";
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = p.find(':', start);
    const fs::path cand = fs::path(p.substr(start, end - start)) / name;
    if (::access(cand.c_str(), X_OK) == 0) return cand;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<RedisServer> RedisServer::start(std::string& why_not) {
  const auto bin = find_program("redis-server");
  if (!bin) {
    why_not = "redis-server is not installed (apt-get install redis-server)";
    return nullptr;
  }
  std::unique_ptr<RedisServer> s(new RedisServer());
  s->dir_ = std::make_unique<TempDir>("redis", TempDir::fast_base());
  s->port_ = free_loopback_port();
  const std::string port = std::to_string(s->port_);
  const std::string dir = s->dir_->path().string();
  std::fflush(nullptr);
  s->pid_ = ::fork();
  if (s->pid_ == 0) {
    ::execl(bin->c_str(), "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--save",
            "", "--appendonly", "no", "--dir", dir.c_str(), "--logfile", "redis.log",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 500; ++i) {
    if (can_connect(s->port_)) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  why_not = fmt::format("redis-server did not accept connections on 127.0.0.1:{}", s->port_);
  return nullptr;
}

void RedisServer::kill_now() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

RedisServer::~RedisServer() {
  kill_now();
}

std::unique_ptr<PostgresServer> PostgresServer::start(std::string& why_not) {
  std::optional<fs::path> bin;
  std::error_code ec;
  if (fs::exists("/usr/lib/postgresql", ec)) {
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      if (fs::exists(e.path() / "bin" / "initdb") && (!bin || e.path() / "bin" > *bin))
        bin = e.path() / "bin";
    }
  }
  if (!bin) {
    if (auto p = find_program("initdb")) bin = p->parent_path();
  }
  if (!bin) {
    why_not =
        "PostgreSQL server binaries (initdb, pg_ctl) are not installed (apt-get install "
        "postgresql)";
    return nullptr;
  }
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  s->bin_ = *bin;
  char templ[] = "/tmp/zerodte-pg-XXXXXX";
  std::string base = (TempDir::fast_base() / "zerodte-pg-XXXXXX").string();
  if (::mkdtemp(base.data()) == nullptr && ::mkdtemp(templ) == nullptr) {
    why_not = "mkdtemp failed";
    return nullptr;
  }
  s->dir_ = base;
  s->port_ = free_loopback_port();
  if (::geteuid() == 0) {
    if (!find_program("runuser")) {
      why_not = "running as root and runuser is missing";
      return nullptr;
    }
    s->run_as_ = "runuser -u postgres -- ";
    if (std::system(fmt::format("chown postgres: '{}'", s->dir_.string()).c_str()) != 0) {
      why_not = "cannot chown the cluster directory to the postgres user";
      return nullptr;
    }
  }
  const std::string data = (s->dir_ / "data").string();
  const std::string initdb =
      fmt::format("{}'{}' -D '{}' -U postgres --auth=trust -E UTF8 --no-sync >'{}/initdb.log' 2>&1",
                  s->run_as_, (s->bin_ / "initdb").string(), data, s->dir_.string());
  if (std::system(initdb.c_str()) != 0) {
    why_not = fmt::format("initdb failed, see {}/initdb.log", s->dir_.string());
    return nullptr;
  }
  const std::string start = fmt::format(
      "{}'{}' -D '{}' -l '{}/server.log' -w -t 60 -o \"-p {} -k {} -c listen_addresses=127.0.0.1 "
      "-c fsync=off "
      "-c full_page_writes=off -c synchronous_commit=off\" start >/dev/null 2>&1",
      s->run_as_, (s->bin_ / "pg_ctl").string(), data, s->dir_.string(), s->port_,
      s->dir_.string());
  if (std::system(start.c_str()) != 0) {
    why_not = fmt::format("pg_ctl start failed, see {}/server.log", s->dir_.string());
    return nullptr;
  }
  return s;
}

PostgresServer::~PostgresServer() {
  if (!dir_.empty()) {
    const std::string stop = fmt::format("{}'{}' -D '{}/data' -m immediate stop >/dev/null 2>&1",
                                         run_as_, (bin_ / "pg_ctl").string(), dir_.string());
    if (std::system(stop.c_str()) != 0) std::fprintf(stderr, "pg_ctl stop failed\n");
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string PostgresServer::conninfo() const {
  return fmt::format("host=127.0.0.1 port={} user=postgres dbname=postgres connect_timeout=10",
                     port_);
}

}  // namespace zerodte::store::testing
