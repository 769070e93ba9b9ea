#pragma once
// Payload parsers for the news and social sources. Each turns one vendor payload into
// model::NewsItem values (source, id, text, author, engagement, symbols, ts_event); malformed
// payloads are kParse errors naming the source and what is wrong; items missing required fields
// are skipped and counted.
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/model/news.hpp"

namespace zerodte::adapters::news {

struct ParsedBatch {
  std::vector<model::NewsItem> items;
  std::size_t skipped = 0;  // items without the required fields
  std::string cursor;       // vendor paging cursor (Reddit "after"/newest fullname), if any
};

// X API v2 filtered stream: one line = one JSON object {"data": {...}, "includes": {...}}.
// Empty lines are keep-alive heartbeats (-> empty batch). Errors objects {"errors": [...]} on
// the stream are kTransport (the stream should be reconnected).
core::Result<ParsedBatch> parse_x_stream_line(std::string_view line);

// Reddit listing (/r/<sub>/new or /r/<sub>/comments): {"kind":"Listing","data":{"children":[...]}}.
core::Result<ParsedBatch> parse_reddit_listing(std::string_view body);

// Finnhub /news and /company-news: a JSON array of articles.
core::Result<ParsedBatch> parse_finnhub_news(std::string_view body);

// Benzinga /api/v2/news (Accept: application/json): a JSON array of stories.
core::Result<ParsedBatch> parse_benzinga_news(std::string_view body);

// RSS 2.0 (<item>) or Atom (<entry>) feeds (SEC EDGAR, company press-release feeds).
core::Result<ParsedBatch> parse_feed(std::string_view xml, std::string_view feed_name);

// "Wed, 17 May 2017 14:20:15 -0400" (RFC 822/2822, as in RSS and Benzinga).
core::Result<core::Timestamp> parse_rfc822(std::string_view text);

// Replay files: one NewsItem per line as JSON
// {"id","source","kind":"article|post|filing|press","author","headline","text","url",
//  "symbols":[...],"likes","reposts","replies","followers","verified","ts_event","ts_recv"}
// with times as ISO-8601 strings or integer nanoseconds.
core::Result<model::NewsItem> parse_replay_line(std::string_view line);
std::string to_replay_line(const model::NewsItem& item);

}  // namespace zerodte::adapters::news
