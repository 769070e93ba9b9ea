#include "zerodte/adapters/news/news_parsers.hpp"

#include <boost/json.hpp>

#include <array>
#include <charconv>

#include "zerodte/core/time.hpp"

namespace zerodte::adapters::news {

namespace json = boost::json;

namespace {

core::Result<json::value> parse_json(std::string_view body, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    return core::fail(core::ErrorCode::kParse, "{}: payload is not JSON ({}) near '{}'", what,
                      ec.message(), body.substr(0, 60));
  }
  return v;
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

std::int64_t num(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  if (v->is_string()) {
    std::int64_t x = 0;
    const auto s = v->as_string();
    std::from_chars(s.data(), s.data() + s.size(), x);
    return x;
  }
  return 0;
}

const json::object* obj(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* arr(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? &v->as_array() : nullptr;
}

core::Timestamp seconds(double s) {
  return core::Timestamp{static_cast<std::int64_t>(s * 1e9)};
}

}  // namespace

core::Result<ParsedBatch> parse_x_stream_line(std::string_view line) {
  ParsedBatch b;
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' '))
    line.remove_suffix(1);
  if (line.empty()) return b;  // heartbeat
  auto v = parse_json(line, "x stream");
  if (!v) return std::unexpected(v.error());
  if (!v->is_object())
    return core::fail(core::ErrorCode::kParse, "x stream: line is not a JSON object");
  const auto& o = v->as_object();
  const auto* data = obj(o, "data");
  if (data == nullptr) {
    if (const auto* errs = arr(o, "errors"); errs && !errs->empty() && (*errs)[0].is_object()) {
      return core::fail(core::ErrorCode::kTransport, "x stream: server error '{}'",
                        str((*errs)[0].as_object(), "title"));
    }
    return core::fail(core::ErrorCode::kParse, "x stream: object without \"data\"");
  }
  model::NewsItem n;
  n.source = "x";
  n.kind = model::NewsKind::kSocialPost;
  n.id = str(*data, "id");
  n.text = str(*data, "text");
  if (n.id.empty() || n.text.empty()) {
    b.skipped = 1;
    return b;
  }
  const std::string author_id = str(*data, "author_id");
  n.author = author_id;
  if (const auto* pm = obj(*data, "public_metrics")) {
    n.likes = num(*pm, "like_count");
    n.reposts = num(*pm, "retweet_count") + num(*pm, "quote_count");
    n.replies = num(*pm, "reply_count");
  }
  if (const auto* ent = obj(*data, "entities")) {
    if (const auto* tags = arr(*ent, "cashtags")) {
      for (const auto& t : *tags) {
        if (t.is_object()) n.symbols.push_back(str(t.as_object(), "tag"));
      }
    }
  }
  if (const std::string created = str(*data, "created_at"); !created.empty()) {
    auto ts = core::parse_iso8601(created);
    if (!ts) return std::unexpected(ts.error().with_context("x stream: created_at"));
    n.ts_event = *ts;
  }
  if (const auto* inc = obj(o, "includes")) {
    if (const auto* users = arr(*inc, "users")) {
      for (const auto& u : *users) {
        if (!u.is_object() || str(u.as_object(), "id") != author_id) continue;
        const auto& uo = u.as_object();
        if (auto name = str(uo, "username"); !name.empty()) n.author = name;
        if (const auto* vv = uo.if_contains("verified"); vv && vv->is_bool())
          n.author_verified = vv->as_bool();
        if (const auto* pm = obj(uo, "public_metrics"))
          n.author_followers = num(*pm, "followers_count");
      }
    }
  }
  n.url = "https://x.com/i/status/" + n.id;
  b.items.push_back(std::move(n));
  return b;
}

core::Result<ParsedBatch> parse_reddit_listing(std::string_view body) {
  auto v = parse_json(body, "reddit");
  if (!v) return std::unexpected(v.error());
  if (!v->is_object() || str(v->as_object(), "kind") != "Listing" || !obj(v->as_object(), "data")) {
    return core::fail(core::ErrorCode::kParse, "reddit: expected a Listing object");
  }
  const auto& data = *obj(v->as_object(), "data");
  const auto* children = arr(data, "children");
  if (children == nullptr)
    return core::fail(core::ErrorCode::kParse, "reddit: Listing without children");
  ParsedBatch b;
  for (const auto& c : *children) {
    if (!c.is_object() || obj(c.as_object(), "data") == nullptr) {
      ++b.skipped;
      continue;
    }
    const std::string kind = str(c.as_object(), "kind");
    const auto& d = *obj(c.as_object(), "data");
    model::NewsItem n;
    n.source = "reddit:" + str(d, "subreddit");
    n.kind = model::NewsKind::kSocialPost;
    n.id = str(d, "name");
    n.author = str(d, "author");
    if (kind == "t1") {
      n.text = str(d, "body");
    } else {
      n.headline = str(d, "title");
      n.text = str(d, "selftext");
    }
    if (n.id.empty() || (n.text.empty() && n.headline.empty())) {
      ++b.skipped;
      continue;
    }
    n.likes = std::max<std::int64_t>(0, num(d, "score"));
    n.replies = num(d, "num_comments");
    if (const auto* cu = d.if_contains("created_utc"); cu && cu->is_number())
      n.ts_event = seconds(cu->to_number<double>());
    n.url = "https://www.reddit.com" + str(d, "permalink");
    if (b.cursor.empty()) b.cursor = n.id;  // newest first
    b.items.push_back(std::move(n));
  }
  return b;
}

core::Result<ParsedBatch> parse_finnhub_news(std::string_view body) {
  auto v = parse_json(body, "finnhub");
  if (!v) return std::unexpected(v.error());
  if (!v->is_array()) {
    if (v->is_object() && v->as_object().if_contains("error")) {
      return core::fail(core::ErrorCode::kRejected, "finnhub: {}", str(v->as_object(), "error"));
    }
    return core::fail(core::ErrorCode::kParse, "finnhub: expected a JSON array of articles");
  }
  ParsedBatch b;
  for (const auto& a : v->as_array()) {
    if (!a.is_object()) {
      ++b.skipped;
      continue;
    }
    const auto& o = a.as_object();
    model::NewsItem n;
    n.source = "finnhub";
    n.kind = model::NewsKind::kArticle;
    n.id = str(o, "id");
    n.headline = str(o, "headline");
    n.text = str(o, "summary");
    n.author = str(o, "source");
    n.url = str(o, "url");
    if (n.id.empty() || n.headline.empty()) {
      ++b.skipped;
      continue;
    }
    n.ts_event = core::Timestamp::from_seconds(num(o, "datetime"));
    const std::string related = str(o, "related");
    std::size_t p = 0;
    while (p < related.size()) {
      auto c = related.find(',', p);
      if (c == std::string::npos) c = related.size();
      if (c > p) n.symbols.push_back(related.substr(p, c - p));
      p = c + 1;
    }
    b.items.push_back(std::move(n));
  }
  return b;
}

core::Result<core::Timestamp> parse_rfc822(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto bad = [&](std::string_view why) {
    return core::fail(core::ErrorCode::kParse, "'{}' is not an RFC 822 date: {}", text, why);
  };
  std::string_view s = text;
  if (auto comma = s.find(','); comma != std::string_view::npos) s.remove_prefix(comma + 1);
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  auto take_int = [&](int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc{}) return false;
    s.remove_prefix(static_cast<std::size_t>(p - s.data()));
    return true;
  };
  auto skip = [&](char c) {
    if (s.empty() || s.front() != c) return false;
    s.remove_prefix(1);
    return true;
  };
  if (!take_int(day) || !skip(' ')) return bad("day");
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (s.substr(0, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return bad("month");
  s.remove_prefix(3);
  if (!skip(' ') || !take_int(year) || !skip(' ') || !take_int(hh) || !skip(':') || !take_int(mm))
    return bad("time");
  if (skip(':') && !take_int(ss)) return bad("seconds");
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  if (year < 100) year += 2000;
  int offset_min = 0;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    const int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int hhmm = 0;
    if (!take_int(hhmm)) return bad("offset");
    offset_min = sign * ((hhmm / 100) * 60 + hhmm % 100);
  } else if (!s.empty() && s.substr(0, 3) != "GMT" && s.substr(0, 3) != "UTC" && s.front() != 'Z') {
    static constexpr std::array<std::pair<std::string_view, int>, 4> kZones{
        {{"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300}}};
    bool found = false;
    for (const auto& [z, off] : kZones) {
      if (s.substr(0, 3) == z) {
        offset_min = off;
        found = true;
      }
    }
    if (!found) return bad("zone");
  }
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return bad("out of range");
  const core::Date d{year, month, day};
  const std::int64_t secs =
      d.days_since_epoch() * 86400 + hh * 3600 + mm * 60 + ss - offset_min * 60;
  return core::Timestamp::from_seconds(secs);
}

core::Result<ParsedBatch> parse_benzinga_news(std::string_view body) {
  auto v = parse_json(body, "benzinga");
  if (!v) return std::unexpected(v.error());
  if (!v->is_array())
    return core::fail(core::ErrorCode::kParse, "benzinga: expected a JSON array of stories");
  ParsedBatch b;
  for (const auto& a : v->as_array()) {
    if (!a.is_object()) {
      ++b.skipped;
      continue;
    }
    const auto& o = a.as_object();
    model::NewsItem n;
    n.source = "benzinga";
    n.kind = model::NewsKind::kArticle;
    n.id = str(o, "id");
    n.headline = str(o, "title");
    n.text = str(o, "teaser");
    n.author = str(o, "author");
    n.url = str(o, "url");
    if (n.id.empty() || n.headline.empty()) {
      ++b.skipped;
      continue;
    }
    if (const std::string created = str(o, "created"); !created.empty()) {
      auto ts = parse_rfc822(created);
      if (!ts) return std::unexpected(ts.error().with_context("benzinga: created"));
      n.ts_event = *ts;
    }
    if (const auto* stocks = arr(o, "stocks")) {
      for (const auto& s : *stocks) {
        if (s.is_object()) n.symbols.push_back(str(s.as_object(), "name"));
      }
    }
    b.items.push_back(std::move(n));
  }
  return b;
}

namespace {

std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 9) == "<![CDATA[") {
      const auto end = s.find("]]>", i + 9);
      const auto stop = end == std::string_view::npos ? s.size() : end;
      out.append(s.substr(i + 9, stop - i - 9));
      i = end == std::string_view::npos ? s.size() : end + 2;
      continue;
    }
    if (s[i] == '&') {
      static constexpr std::array<std::pair<std::string_view, char>, 5> kEnt{
          {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}}};
      bool done = false;
      for (const auto& [e, c] : kEnt) {
        if (s.substr(i, e.size()) == e) {
          out.push_back(c);
          i += e.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// Text of the first <tag ...>...</tag> inside `block` (empty if none); `attr_out` gets attr href.
std::string tag_text(std::string_view block, std::string_view tag, std::string* href = nullptr) {
  std::string open = "<";
  open.append(tag);
  std::size_t p = 0;
  while ((p = block.find(open, p)) != std::string_view::npos) {
    const char after = p + open.size() < block.size() ? block[p + open.size()] : '\0';
    if (after == '>' || after == ' ' || after == '/' || after == '\t' || after == '\n') break;
    p += open.size();
  }
  if (p == std::string_view::npos) return {};
  const auto gt = block.find('>', p);
  if (gt == std::string_view::npos) return {};
  const std::string_view attrs = block.substr(p, gt - p);
  if (href != nullptr) {
    if (auto h = attrs.find("href=\""); h != std::string_view::npos) {
      const auto q = attrs.find('"', h + 6);
      *href = xml_unescape(attrs.substr(h + 6, q - h - 6));
    }
  }
  if (gt > 0 && block[gt - 1] == '/') return {};  // self-closing
  std::string close = "</";
  close.append(tag);
  close.push_back('>');
  const auto end = block.find(close, gt);
  if (end == std::string_view::npos) return {};
  return xml_unescape(block.substr(gt + 1, end - gt - 1));
}

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out.push_back(c);
  }
  return out;
}

}  // namespace

core::Result<ParsedBatch> parse_feed(std::string_view xml, std::string_view feed_name) {
  const bool atom =
      xml.find("<feed") != std::string_view::npos && xml.find("<entry") != std::string_view::npos;
  const bool rss = xml.find("<rss") != std::string_view::npos ||
                   xml.find("<rdf:RDF") != std::string_view::npos ||
                   xml.find("<channel") != std::string_view::npos;
  if (!atom && !rss) {
    return core::fail(core::ErrorCode::kParse,
                      "feed {}: neither RSS (<rss>/<channel>) nor Atom (<feed>/<entry>)",
                      feed_name);
  }
  const std::string_view item_tag = atom ? "entry" : "item";
  std::string open = "<";
  open.append(item_tag);
  std::string close = "</";
  close.append(item_tag);
  close.push_back('>');
  ParsedBatch b;
  std::size_t p = 0;
  while ((p = xml.find(open, p)) != std::string_view::npos) {
    const char after = p + open.size() < xml.size() ? xml[p + open.size()] : '\0';
    if (after != '>' && after != ' ') {
      p += open.size();
      continue;
    }
    const auto end = xml.find(close, p);
    if (end == std::string_view::npos) {
      return core::fail(core::ErrorCode::kParse, "feed {}: unterminated <{}> at byte {}", feed_name,
                        item_tag, p);
    }
    const std::string_view block = xml.substr(p, end - p);
    p = end + close.size();
    model::NewsItem n;
    n.source = "rss:" + std::string(feed_name);
    n.kind = feed_name.find("sec") != std::string_view::npos ||
                     feed_name.find("edgar") != std::string_view::npos
                 ? model::NewsKind::kFiling
                 : model::NewsKind::kPressRelease;
    n.headline = strip_tags(tag_text(block, "title"));
    std::string date;
    if (atom) {
      std::string href;
      tag_text(block, "link", &href);
      n.url = href;
      n.id = tag_text(block, "id");
      n.text = strip_tags(tag_text(block, "summary"));
      date = tag_text(block, "updated");
      if (auto pub = tag_text(block, "published"); !pub.empty()) date = pub;
      n.author = strip_tags(tag_text(block, "name"));
    } else {
      n.url = tag_text(block, "link");
      n.id = tag_text(block, "guid");
      n.text = strip_tags(tag_text(block, "description"));
      date = tag_text(block, "pubDate");
      if (date.empty()) date = tag_text(block, "dc:date");
      n.author = tag_text(block, "author");
    }
    if (n.id.empty()) n.id = n.url;
    if (n.id.empty() || n.headline.empty()) {
      ++b.skipped;
      continue;
    }
    if (!date.empty()) {
      const bool iso = date.size() >= 10 && date[4] == '-' && date[7] == '-';
      auto ts = iso ? core::parse_iso8601(date) : parse_rfc822(date);
      if (ts) n.ts_event = *ts;
    }
    b.items.push_back(std::move(n));
  }
  return b;
}

namespace {
std::string_view kind_name(model::NewsKind k) {
  switch (k) {
    case model::NewsKind::kArticle:
      return "article";
    case model::NewsKind::kSocialPost:
      return "post";
    case model::NewsKind::kFiling:
      return "filing";
    case model::NewsKind::kPressRelease:
      return "press";
  }
  return "article";
}

core::Result<core::Timestamp> time_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return core::Timestamp{};
  if (v->is_int64()) return core::Timestamp{v->as_int64()};
  if (v->is_uint64()) return core::Timestamp{static_cast<std::int64_t>(v->as_uint64())};
  if (v->is_string()) return core::parse_iso8601(v->as_string());
  return core::fail(core::ErrorCode::kParse, "\"{}\" must be ISO-8601 text or integer nanoseconds",
                    key);
}
}  // namespace

core::Result<model::NewsItem> parse_replay_line(std::string_view line) {
  auto v = parse_json(line, "replay");
  if (!v) return std::unexpected(v.error());
  if (!v->is_object())
    return core::fail(core::ErrorCode::kParse, "replay: line is not a JSON object");
  const auto& o = v->as_object();
  model::NewsItem n;
  n.id = str(o, "id");
  if (n.id.empty()) return core::fail(core::ErrorCode::kParse, "replay: missing \"id\"");
  n.source = str(o, "source");
  if (n.source.empty()) n.source = "replay";
  const std::string kind = str(o, "kind");
  if (kind.empty() || kind == "article")
    n.kind = model::NewsKind::kArticle;
  else if (kind == "post")
    n.kind = model::NewsKind::kSocialPost;
  else if (kind == "filing")
    n.kind = model::NewsKind::kFiling;
  else if (kind == "press")
    n.kind = model::NewsKind::kPressRelease;
  else
    return core::fail(core::ErrorCode::kParse, "replay: unknown kind '{}'", kind);
  n.author = str(o, "author");
  n.headline = str(o, "headline");
  n.text = str(o, "text");
  n.url = str(o, "url");
  if (n.headline.empty() && n.text.empty())
    return core::fail(core::ErrorCode::kParse, "replay: item {} has no text", n.id);
  if (const auto* s = arr(o, "symbols")) {
    for (const auto& x : *s) {
      if (x.is_string()) n.symbols.emplace_back(x.as_string());
    }
  }
  n.likes = num(o, "likes");
  n.reposts = num(o, "reposts");
  n.replies = num(o, "replies");
  n.author_followers = num(o, "followers");
  if (const auto* vv = o.if_contains("verified"); vv && vv->is_bool())
    n.author_verified = vv->as_bool();
  auto te = time_field(o, "ts_event");
  if (!te) return std::unexpected(te.error().with_context("replay"));
  auto tr = time_field(o, "ts_recv");
  if (!tr) return std::unexpected(tr.error().with_context("replay"));
  n.ts_event = *te;
  n.ts_recv = tr->is_set() ? *tr : *te;
  if (!n.ts_recv.is_set())
    return core::fail(core::ErrorCode::kParse, "replay: item {} has no time", n.id);
  return n;
}

std::string to_replay_line(const model::NewsItem& n) {
  json::object o;
  o["id"] = n.id;
  o["source"] = n.source;
  o["kind"] = kind_name(n.kind);
  if (!n.author.empty()) o["author"] = n.author;
  if (!n.headline.empty()) o["headline"] = n.headline;
  if (!n.text.empty()) o["text"] = n.text;
  if (!n.url.empty()) o["url"] = n.url;
  json::array syms;
  for (const auto& s : n.symbols)
    syms.emplace_back(s);
  o["symbols"] = std::move(syms);
  o["likes"] = n.likes;
  o["reposts"] = n.reposts;
  o["replies"] = n.replies;
  o["followers"] = n.author_followers;
  o["verified"] = n.author_verified;
  o["ts_event"] = n.ts_event.ns;
  o["ts_recv"] = n.ts_recv.ns;
  return json::serialize(o);
}

}  // namespace zerodte::adapters::news
