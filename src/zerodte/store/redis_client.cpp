#include "zerodte/store/redis_client.hpp"

#include <hiredis/hiredis.h>

namespace zerodte::store {
namespace {

RedisReply copy_reply(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.kind = RedisReply::Kind::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.kind = RedisReply::Kind::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.kind = RedisReply::Kind::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.kind = RedisReply::Kind::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.kind = RedisReply::Kind::kArray;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i)
        out.elements.push_back(copy_reply(r->element[i]));
      break;
    default:
      out.kind = RedisReply::Kind::kNil;
  }
  return out;
}

}  // namespace

core::Result<std::unique_ptr<RedisClient>> RedisClient::connect(const RedisConfig& cfg) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(cfg.timeout).count();
  timeval tv{static_cast<time_t>(us / 1'000'000), static_cast<suseconds_t>(us % 1'000'000)};
  redisContext* ctx = redisConnectWithTimeout(cfg.host.c_str(), cfg.port, tv);
  const std::string endpoint = cfg.host + ":" + std::to_string(cfg.port);
  if (ctx == nullptr)
    return core::fail(core::ErrorCode::kTransport, "redis {}: cannot allocate a context", endpoint);
  if (ctx->err != 0) {
    std::string msg = ctx->errstr;
    redisFree(ctx);
    return core::fail(core::ErrorCode::kTransport, "redis {}: {}", endpoint, msg);
  }
  redisSetTimeout(ctx, tv);
  std::unique_ptr<RedisClient> c(new RedisClient(ctx, endpoint));
  if (!cfg.password.empty()) {
    auto r = c->command({"AUTH", cfg.password});
    if (!r) return core::fail(core::ErrorCode::kAuth, "redis {}: AUTH failed", endpoint);
  }
  return c;
}

RedisClient::~RedisClient() {
  if (ctx_ != nullptr) redisFree(ctx_);
}

core::Result<RedisReply> RedisClient::command(std::span<const std::string_view> args,
                                              bool error_as_reply) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (auto a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()));
  if (reply == nullptr) {
    return core::fail(core::ErrorCode::kTransport, "redis {}: {} failed: {}", endpoint_,
                      args.empty() ? std::string_view{} : args[0], ctx_->errstr);
  }
  RedisReply out = copy_reply(reply);
  freeReplyObject(reply);
  if (out.kind == RedisReply::Kind::kError && !error_as_reply)
    return core::fail(core::ErrorCode::kRejected, "redis {}: {}: {}", endpoint_,
                      args.empty() ? std::string_view{} : args[0], out.str);
  return out;
}

}  // namespace zerodte::store
