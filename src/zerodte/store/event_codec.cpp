#include "zerodte/store/event_codec.hpp"

#include <fmt/format.h>

namespace zerodte::store {
namespace {

template <typename T>
core::Result<engine::Event> decode_pod(const RecordView& r) {
  if (r.payload.size() != sizeof(T))
    return core::fail(core::ErrorCode::kParse, "record {} ({}): payload {} bytes, expected {}",
                      r.seq, record_type_name(r.type), r.payload.size(), sizeof(T));
  T v;
  std::memcpy(&v, r.payload.data(), sizeof(T));
  return engine::Event{v};
}

void encode_news(const model::NewsItem& n, ByteWriter& w) {
  w.str(n.id);
  w.str(n.source);
  w.u8(static_cast<std::uint8_t>(n.kind));
  w.str(n.author);
  w.str(n.headline);
  w.str(n.text);
  w.str(n.url);
  w.u32(static_cast<std::uint32_t>(n.symbols.size()));
  for (const auto& s : n.symbols)
    w.str(s);
  w.i64(n.likes);
  w.i64(n.reposts);
  w.i64(n.replies);
  w.i64(n.author_followers);
  w.boolean(n.author_verified);
  w.i64(n.ts_event.ns);
  w.i64(n.ts_recv.ns);
}

core::Result<engine::Event> decode_news(ByteReader& r) {
  auto n = std::make_shared<model::NewsItem>();
  ZDTE_TRY_ASSIGN(id, r.str("news.id"));
  ZDTE_TRY_ASSIGN(source, r.str("news.source"));
  ZDTE_TRY_ASSIGN(kind, r.u8("news.kind"));
  if (kind > static_cast<std::uint8_t>(model::NewsKind::kPressRelease))
    return core::fail(core::ErrorCode::kParse, "field 'news.kind': unknown value {}", kind);
  ZDTE_TRY_ASSIGN(author, r.str("news.author"));
  ZDTE_TRY_ASSIGN(headline, r.str("news.headline"));
  ZDTE_TRY_ASSIGN(text, r.str("news.text"));
  ZDTE_TRY_ASSIGN(url, r.str("news.url"));
  ZDTE_TRY_ASSIGN(nsym, r.u32("news.symbols"));
  if (nsym > r.remaining() / 4)
    return core::fail(core::ErrorCode::kParse, "field 'news.symbols': count {} exceeds the payload",
                      nsym);
  n->symbols.reserve(nsym);
  for (std::uint32_t i = 0; i < nsym; ++i) {
    ZDTE_TRY_ASSIGN(s, r.str("news.symbol"));
    n->symbols.push_back(std::move(s));
  }
  ZDTE_TRY_ASSIGN(likes, r.i64("news.likes"));
  ZDTE_TRY_ASSIGN(reposts, r.i64("news.reposts"));
  ZDTE_TRY_ASSIGN(replies, r.i64("news.replies"));
  ZDTE_TRY_ASSIGN(followers, r.i64("news.author_followers"));
  ZDTE_TRY_ASSIGN(verified, r.boolean("news.author_verified"));
  ZDTE_TRY_ASSIGN(te, r.i64("news.ts_event"));
  ZDTE_TRY_ASSIGN(tr, r.i64("news.ts_recv"));
  if (auto st = r.expect_end("news item"); !st) return std::unexpected(st.error());
  n->id = std::move(id);
  n->source = std::move(source);
  n->kind = static_cast<model::NewsKind>(kind);
  n->author = std::move(author);
  n->headline = std::move(headline);
  n->text = std::move(text);
  n->url = std::move(url);
  n->likes = likes;
  n->reposts = reposts;
  n->replies = replies;
  n->author_followers = followers;
  n->author_verified = verified;
  n->ts_event = core::Timestamp{te};
  n->ts_recv = core::Timestamp{tr};
  return engine::Event{std::shared_ptr<const model::NewsItem>(std::move(n))};
}

core::Result<engine::Event> decode_control(ByteReader& r) {
  auto c = std::make_shared<engine::ControlCommand>();
  ZDTE_TRY_ASSIGN(user, r.str("control.user"));
  ZDTE_TRY_ASSIGN(action, r.str("control.action"));
  ZDTE_TRY_ASSIGN(args, r.str("control.args"));
  ZDTE_TRY_ASSIGN(ts, r.i64("control.ts_recv"));
  if (auto st = r.expect_end("control command"); !st) return std::unexpected(st.error());
  c->user = std::move(user);
  c->action = std::move(action);
  c->args = std::move(args);
  c->ts_recv = core::Timestamp{ts};
  return engine::Event{std::shared_ptr<const engine::ControlCommand>(std::move(c))};
}

core::Result<engine::Event> decode_custom(ByteReader& r, const CustomEventRegistry& reg,
                                          std::uint64_t seq) {
  ZDTE_TRY_ASSIGN(name, r.str("custom.type_name"));
  ZDTE_TRY_ASSIGN(te, r.i64("custom.ts_event"));
  ZDTE_TRY_ASSIGN(tr, r.i64("custom.ts_recv"));
  ZDTE_TRY_ASSIGN(has_body, r.boolean("custom.has_body"));
  ZDTE_TRY_ASSIGN(body, r.bytes("custom.body"));
  if (auto st = r.expect_end("custom event"); !st) return std::unexpected(st.error());
  const auto* codec = reg.find(name);
  if (!has_body || codec == nullptr)
    return core::fail(core::ErrorCode::kNotFound,
                      "record {}: custom event '{}' has no registered decoder{}", seq, name,
                      has_body ? "" : " (it was journaled without a codec)");
  ByteReader br(body);
  auto ev = codec->decode(br);
  if (!ev)
    return std::unexpected(
        ev.error().with_context(fmt::format("record {}: custom event '{}'", seq, name)));
  (*ev)->ts_event = core::Timestamp{te};
  (*ev)->ts_recv = core::Timestamp{tr};
  return engine::Event{std::shared_ptr<const engine::CustomEvent>(std::move(*ev))};
}

}  // namespace

bool CustomEventRegistry::add(std::string type_name, Encoder encode, Decoder decode) {
  std::scoped_lock lock(mu_);
  return codecs_.emplace(std::move(type_name), Codec{std::move(encode), std::move(decode)}).second;
}

const CustomEventRegistry::Codec* CustomEventRegistry::find(std::string_view type_name) const {
  std::scoped_lock lock(mu_);
  auto it = codecs_.find(type_name);
  return it == codecs_.end() ? nullptr : &it->second;  // map nodes are stable
}

CustomEventRegistry& CustomEventRegistry::global() {
  static CustomEventRegistry r;
  return r;
}

RecordType record_type_of(const engine::Event& e) {
  return static_cast<RecordType>(e.index() + 1);
}

void encode_event(const engine::Event& e, Bytes& out, const CustomEventRegistry& reg) {
  out.clear();
  ByteWriter w(out);
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::shared_ptr<const model::NewsItem>>) {
          encode_news(v ? *v : model::NewsItem{}, w);
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const engine::ControlCommand>>) {
          const engine::ControlCommand c = v ? *v : engine::ControlCommand{};
          w.str(c.user);
          w.str(c.action);
          w.str(c.args);
          w.i64(c.ts_recv.ns);
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const engine::CustomEvent>>) {
          const std::string_view name = v ? v->type_name() : std::string_view{};
          w.str(name);
          w.i64(v ? v->ts_event.ns : 0);
          w.i64(v ? v->ts_recv.ns : 0);
          const auto* codec = v ? reg.find(name) : nullptr;
          w.boolean(codec != nullptr);
          const std::size_t len_at = out.size();
          w.u32(0);
          if (codec != nullptr) {
            codec->encode(*v, w);
            const auto len = static_cast<std::uint32_t>(out.size() - len_at - 4);
            std::memcpy(out.data() + len_at, &len, 4);
          }
        } else {
          static_assert(std::is_trivially_copyable_v<V>);
          w.pod(v);
        }
      },
      e);
}

core::Result<engine::Event> decode_event(const RecordView& r, const CustomEventRegistry& reg) {
  ByteReader br(r.payload);
  switch (r.type) {
    case RecordType::kTrade:
      return decode_pod<model::Trade>(r);
    case RecordType::kQuote:
      return decode_pod<model::Quote>(r);
    case RecordType::kBar:
      return decode_pod<model::Bar>(r);
    case RecordType::kOptionQuote:
      return decode_pod<model::OptionQuote>(r);
    case RecordType::kBookDepth:
      return decode_pod<model::BookDepth>(r);
    case RecordType::kImbalance:
      return decode_pod<model::Imbalance>(r);
    case RecordType::kInstrumentStatus:
      return decode_pod<model::InstrumentStatus>(r);
    case RecordType::kFeedStatus:
      return decode_pod<model::FeedStatus>(r);
    case RecordType::kOrderUpdate:
      return decode_pod<model::OrderUpdate>(r);
    case RecordType::kFill:
      return decode_pod<model::Fill>(r);
    case RecordType::kNewsItem: {
      auto e = decode_news(br);
      if (!e) return std::unexpected(e.error().with_context(fmt::format("record {}", r.seq)));
      return e;
    }
    case RecordType::kControlCommand: {
      auto e = decode_control(br);
      if (!e) return std::unexpected(e.error().with_context(fmt::format("record {}", r.seq)));
      return e;
    }
    case RecordType::kCustomEvent:
      return decode_custom(br, reg, r.seq);
    default:
      return core::fail(core::ErrorCode::kInvalid, "record {}: type {} is not an engine event",
                        r.seq, record_type_name(r.type));
  }
}

}  // namespace zerodte::store
