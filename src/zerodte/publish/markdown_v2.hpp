#pragma once
// Telegram MarkdownV2: every one of _ * [ ] ( ) ~ ` > # + - = | { } . ! and the backslash must be
// escaped with a backslash outside entities. Messages are limited to 4,096 characters; longer
// texts are cut into chunks at line breaks where possible, never inside an escape pair or a
// UTF-8 sequence.
#include <string>
#include <string_view>
#include <vector>

namespace zerodte::publish {

[[nodiscard]] std::string escape_markdown_v2(std::string_view text);
// Splits escaped text into pieces of at most `limit` characters (Unicode code points).
[[nodiscard]] std::vector<std::string> chunk_text(std::string_view text, std::size_t limit);
[[nodiscard]] std::size_t utf8_length(std::string_view s);

}  // namespace zerodte::publish
