#include "zerodte/store/redis_streams.hpp"

#include <fmt/format.h>

#include <charconv>

#include "zerodte/store/journal_reader.hpp"

namespace zerodte::store {
namespace {

core::Result<std::uint64_t> parse_u64(std::string_view s, std::string_view what) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size())
    return core::fail(core::ErrorCode::kParse, "redis stream entry: {} '{}' is not a number", what,
                      s);
  return v;
}

// [id, [field, value, ...]] -> StreamEntry (fields seq, type, ts, data).
core::Result<StreamEntry> parse_entry(const RedisReply& e, std::string_view stream) {
  if (e.kind != RedisReply::Kind::kArray || e.elements.size() != 2 ||
      e.elements[1].kind != RedisReply::Kind::kArray)
    return core::fail(core::ErrorCode::kParse, "stream {}: malformed entry", stream);
  StreamEntry out;
  out.id = e.elements[0].str;
  const auto& f = e.elements[1].elements;
  bool have_seq = false;
  for (std::size_t i = 0; i + 1 < f.size(); i += 2) {
    const std::string& k = f[i].str;
    const std::string& v = f[i + 1].str;
    if (k == "seq") {
      ZDTE_TRY_ASSIGN(seq, parse_u64(v, "seq"));
      out.seq = seq;
      have_seq = true;
    } else if (k == "type") {
      ZDTE_TRY_ASSIGN(t, parse_u64(v, "type"));
      out.type = static_cast<RecordType>(t);
    } else if (k == "ts") {
      std::int64_t ts = 0;
      std::from_chars(v.data(), v.data() + v.size(), ts);
      out.ts = core::Timestamp{ts};
    } else if (k == "data") {
      out.payload.assign(reinterpret_cast<const std::byte*>(v.data()),
                         reinterpret_cast<const std::byte*>(v.data()) + v.size());
    }
  }
  if (!have_seq)
    return core::fail(core::ErrorCode::kParse, "stream {}: entry {} has no seq field", stream,
                      out.id);
  return out;
}

core::Result<std::vector<StreamEntry>> parse_entries(const RedisReply& list,
                                                     std::string_view stream) {
  std::vector<StreamEntry> out;
  for (const auto& e : list.elements) {
    if (e.kind == RedisReply::Kind::kArray && e.elements.size() == 2 && e.elements[1].is_nil())
      continue;  // deleted
    auto entry = parse_entry(e, stream);
    if (!entry) return std::unexpected(entry.error());
    out.push_back(std::move(*entry));
  }
  return out;
}

}  // namespace

std::string redis_hash_tag(std::string_view key) {
  const auto open = key.find('{');
  if (open != std::string_view::npos) {
    const auto close = key.find('}', open + 1);
    if (close != std::string_view::npos && close > open + 1)
      return std::string(key.substr(open + 1, close - open - 1));
  }
  return std::string(key);
}

core::Result<bool> StreamPublisher::publish(std::string_view stream, const RecordView& r) {
  const std::string id = fmt::format("{}-0", r.seq);
  const std::string seq = std::to_string(r.seq);
  const std::string type = std::to_string(static_cast<unsigned>(r.type));
  const std::string ts = std::to_string(r.ts.ns);
  const std::string_view data(reinterpret_cast<const char*>(r.payload.data()), r.payload.size());
  const std::string cap = std::to_string(max_len_);
  std::vector<std::string_view> args{"XADD", stream};
  if (max_len_ > 0) {
    args.insert(args.end(), {"MAXLEN", "~", cap});
  }
  args.insert(args.end(), {id, "seq", seq, "type", type, "ts", ts, "data", data});
  auto reply = client_.command(args, true);
  if (!reply) return std::unexpected(reply.error());
  if (reply->kind == RedisReply::Kind::kError) {
    if (reply->str.find("equal or smaller") != std::string::npos) return false;
    return core::fail(core::ErrorCode::kRejected, "redis XADD {} seq {}: {}", stream, r.seq,
                      reply->str);
  }
  return true;
}

core::Result<std::int64_t> StreamPublisher::trim_to_length(std::string_view stream,
                                                           std::size_t max_len) {
  auto r = client_.command({"XTRIM", stream, "MAXLEN", "=", std::to_string(max_len)});
  if (!r) return std::unexpected(r.error());
  return r->integer;
}

core::Result<std::int64_t> StreamPublisher::trim_before_seq(std::string_view stream,
                                                            std::uint64_t min_seq) {
  auto r = client_.command({"XTRIM", stream, "MINID", "=", fmt::format("{}-0", min_seq)});
  if (!r) return std::unexpected(r.error());
  return r->integer;
}

core::Status StreamConsumer::create_group(std::string_view start_id) {
  auto r = client_.command({"XGROUP", "CREATE", stream_, group_, start_id, "MKSTREAM"}, true);
  if (!r) return std::unexpected(r.error());
  if (r->kind == RedisReply::Kind::kError && r->str.find("BUSYGROUP") == std::string::npos)
    return core::fail(core::ErrorCode::kRejected, "redis XGROUP CREATE {} {}: {}", stream_, group_,
                      r->str);
  return core::ok();
}

core::Result<std::vector<StreamEntry>> StreamConsumer::read(std::size_t count,
                                                            std::chrono::milliseconds block) {
  const std::string n = std::to_string(count);
  const std::string ms = std::to_string(block.count());
  std::vector<std::string_view> args{"XREADGROUP", "GROUP", group_, consumer_, "COUNT", n};
  if (block.count() > 0) args.insert(args.end(), {"BLOCK", ms});
  args.insert(args.end(), {"STREAMS", stream_, ">"});
  auto r = client_.command(args);
  if (!r) return std::unexpected(r.error());
  if (r->is_nil() || r->elements.empty()) return std::vector<StreamEntry>{};
  return parse_entries(r->elements[0].elements[1], stream_);
}

core::Result<std::vector<StreamEntry>> StreamConsumer::read_own_pending(std::size_t count) {
  auto r = client_.command({"XREADGROUP", "GROUP", group_, consumer_, "COUNT",
                            std::to_string(count), "STREAMS", stream_, "0"});
  if (!r) return std::unexpected(r.error());
  if (r->is_nil() || r->elements.empty()) return std::vector<StreamEntry>{};
  return parse_entries(r->elements[0].elements[1], stream_);
}

core::Result<std::vector<StreamEntry>> StreamConsumer::claim_stale(
    std::chrono::milliseconds min_idle, std::size_t count) {
  auto r =
      client_.command({"XAUTOCLAIM", stream_, group_, consumer_, std::to_string(min_idle.count()),
                       "0-0", "COUNT", std::to_string(count)});
  if (!r) return std::unexpected(r.error());
  if (r->elements.size() < 2)
    return core::fail(core::ErrorCode::kParse, "XAUTOCLAIM {}: malformed reply", stream_);
  return parse_entries(r->elements[1], stream_);
}

core::Result<std::vector<PendingEntry>> StreamConsumer::pending(std::size_t count) {
  auto r = client_.command({"XPENDING", stream_, group_, "-", "+", std::to_string(count)});
  if (!r) return std::unexpected(r.error());
  std::vector<PendingEntry> out;
  for (const auto& e : r->elements) {
    if (e.elements.size() < 4) continue;
    out.push_back(PendingEntry{e.elements[0].str, e.elements[1].str, e.elements[2].integer,
                               e.elements[3].integer});
  }
  return out;
}

core::Status StreamConsumer::ack(std::span<const std::string> ids) {
  if (ids.empty()) return core::ok();
  std::vector<std::string_view> args{"XACK", stream_, group_};
  for (const auto& id : ids)
    args.push_back(id);
  auto r = client_.command(args);
  if (!r) return std::unexpected(r.error());
  return core::ok();
}

IdempotentProcessor::IdempotentProcessor(RedisClient& client, std::string stream, std::string group,
                                         std::chrono::seconds marker_ttl)
    : client_(client), stream_(std::move(stream)), group_(std::move(group)), ttl_(marker_ttl) {
  tag_ = redis_hash_tag(stream_);
}

std::string IdempotentProcessor::marker_key(std::uint64_t seq) const {
  return fmt::format("zdte:seen:{{{}}}:{}:{}", tag_, group_, seq);
}

core::Result<ProcessStats> IdempotentProcessor::process(std::span<const StreamEntry> entries,
                                                        const Handler& handler) {
  ProcessStats stats;
  const std::string ttl = std::to_string(ttl_.count());
  for (const StreamEntry& e : entries) {
    const std::string key = marker_key(e.seq);
    if (auto r = client_.command({"WATCH", key}); !r) return std::unexpected(r.error());
    auto seen = client_.command({"EXISTS", key});
    if (!seen) return std::unexpected(seen.error());
    if (seen->integer == 1) {
      (void)client_.command({"UNWATCH"});
      if (auto r = client_.command({"XACK", stream_, group_, e.id}); !r)
        return std::unexpected(r.error());
      ++stats.duplicates;
      continue;
    }
    if (auto r = client_.command({"MULTI"}); !r) return std::unexpected(r.error());
    if (auto st = handler(e, client_); !st) {
      (void)client_.command({"DISCARD"});
      return std::unexpected(
          st.error().with_context(fmt::format("stream {} seq {}", stream_, e.seq)));
    }
    if (auto r = client_.command({"SET", key, "1", "EX", ttl}); !r)
      return std::unexpected(r.error());
    if (auto r = client_.command({"XACK", stream_, group_, e.id}); !r)
      return std::unexpected(r.error());
    auto exec = client_.command({"EXEC"});
    if (!exec) return std::unexpected(exec.error());
    if (exec->is_nil()) {  // the marker appeared meanwhile: another consumer committed this entry
      if (auto r = client_.command({"XACK", stream_, group_, e.id}); !r)
        return std::unexpected(r.error());
      ++stats.duplicates;
      continue;
    }
    for (const auto& res : exec->elements) {
      if (res.kind == RedisReply::Kind::kError)
        return core::fail(core::ErrorCode::kRejected,
                          "stream {} seq {}: a queued command failed: {}", stream_, e.seq, res.str);
    }
    ++stats.processed;
  }
  return stats;
}

core::Result<std::uint64_t> stream_last_seq(RedisClient& client, std::string_view stream) {
  auto r = client.command({"XREVRANGE", stream, "+", "-", "COUNT", "1"});
  if (!r) return std::unexpected(r.error());
  if (r->elements.empty()) return std::uint64_t{0};
  auto e = parse_entry(r->elements[0], stream);
  if (!e) return std::unexpected(e.error());
  return e->seq;
}

core::Result<std::uint64_t> publish_journal(const std::filesystem::path& journal_dir,
                                            StreamPublisher& publisher, std::string_view stream,
                                            std::uint64_t until_seq,
                                            const std::function<bool(RecordType)>& filter) {
  auto last = stream_last_seq(publisher.client(), stream);
  if (!last) return std::unexpected(last.error());
  std::uint64_t published = 0;
  auto rep = read_journal(journal_dir, ReadOptions{*last + 1, until_seq},
                          [&](const RecordView& r) -> core::Status {
                            if (filter && !filter(r.type)) return core::ok();
                            auto added = publisher.publish(stream, r);
                            if (!added) return std::unexpected(added.error());
                            if (*added) ++published;
                            return core::ok();
                          });
  if (!rep) return std::unexpected(rep.error());
  return published;
}

bool RedisStateMirror::allowed_key(std::string_view key) {
  for (std::string_view p : {"analytics:", "signals:", "positions:", "overseer:"}) {
    if (key.starts_with(p) && key.size() > p.size()) return true;
  }
  return false;
}

core::Status RedisStateMirror::set_fields(std::string_view key,
                                          const std::map<std::string, std::string>& fields,
                                          std::optional<std::chrono::seconds> ttl) {
  if (!allowed_key(key))
    return core::fail(
        core::ErrorCode::kInvalid,
        "redis state key '{}' is outside analytics:*, signals:*, positions:*, overseer:*", key);
  if (fields.empty()) return core::ok();
  std::vector<std::string_view> args{"HSET", key};
  for (const auto& [k, v] : fields) {
    args.push_back(k);
    args.push_back(v);
  }
  if (auto r = client_.command(args); !r) return std::unexpected(r.error());
  if (ttl) {
    if (auto r = client_.command({"EXPIRE", key, std::to_string(ttl->count())}); !r)
      return std::unexpected(r.error());
  }
  return core::ok();
}

core::Result<std::map<std::string, std::string>> RedisStateMirror::get_fields(
    std::string_view key) {
  auto r = client_.command({"HGETALL", key});
  if (!r) return std::unexpected(r.error());
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i + 1 < r->elements.size(); i += 2)
    out[r->elements[i].str] = r->elements[i + 1].str;
  return out;
}

}  // namespace zerodte::store
