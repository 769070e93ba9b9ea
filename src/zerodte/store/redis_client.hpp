#pragma once
// A minimal synchronous Redis client over hiredis: commands as argument vectors (binary-safe),
// replies copied into an owned tree. One client per thread. A password (AUTH) comes from the
// caller (environment or a file outside the repo) and never appears in errors.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"

struct redisContext;

namespace zerodte::store {

struct RedisConfig {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::chrono::milliseconds timeout{2000};
  std::string password;  // empty = no AUTH
};

struct RedisReply {
  enum class Kind : std::uint8_t { kNil, kInteger, kString, kStatus, kError, kArray };
  Kind kind = Kind::kNil;
  std::int64_t integer = 0;
  std::string str;  // string, status or error text
  std::vector<RedisReply> elements;
  [[nodiscard]] bool is_nil() const { return kind == Kind::kNil; }
};

class RedisClient {
 public:
  static core::Result<std::unique_ptr<RedisClient>> connect(const RedisConfig& cfg);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Sends one command. An error reply becomes an Error (kRejected, with Redis' text) unless
  // `error_as_reply`; a broken connection is kTransport.
  core::Result<RedisReply> command(std::span<const std::string_view> args,
                                   bool error_as_reply = false);
  core::Result<RedisReply> command(std::initializer_list<std::string_view> args,
                                   bool error_as_reply = false) {
    return command(std::span<const std::string_view>(args.begin(), args.size()), error_as_reply);
  }
  [[nodiscard]] const std::string& endpoint() const { return endpoint_; }

 private:
  RedisClient(redisContext* ctx, std::string endpoint)
      : ctx_(ctx), endpoint_(std::move(endpoint)) {}
  redisContext* ctx_;
  std::string endpoint_;
};

}  // namespace zerodte::store
