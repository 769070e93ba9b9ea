#pragma once
// TWS wire format: NUL-terminated text fields inside 4-byte big-endian length-prefixed frames
// (tws_protocol.hpp). FieldWriter builds a message, FieldReader reads one with typed getters whose
// errors name the message and the field, FrameBuffer cuts a byte stream into messages.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"

namespace zerodte::adapters::ibkr {

class FieldWriter {
 public:
  FieldWriter& str(std::string_view s);  // a NUL inside is replaced by a space (never splits)
  FieldWriter& i64(std::int64_t v);
  FieldWriter& boolean(bool b) { return str(b ? "1" : "0"); }
  // Python-style float text as the reference client sends it: "0.0", "660.0", "1.05".
  FieldWriter& dbl(double v);
  // Exact decimal; undefined -> "" (make_field_handle_empty of UNSET_DOUBLE).
  FieldWriter& price_or_empty(core::Price p);
  // Exact decimal; undefined -> the UNSET_DOUBLE text (plain make_field of an unset double).
  FieldWriter& price_or_unset(core::Price p);
  FieldWriter& empty() { return str({}); }

  [[nodiscard]] const std::string& payload() const { return payload_; }
  // 4-byte big-endian length + payload.
  [[nodiscard]] std::string framed() const;

 private:
  std::string payload_;
};

// Frames `payload` (length prefix).
std::string frame(std::string_view payload);
// The client's opening bytes: "API\0" + frame("v<min>..<max>").
std::string client_hello(int min_version, int max_version);
// Parses "v100..151" (also a single "v151"); the error names the text.
core::Result<std::pair<int, int>> parse_version_range(std::string_view text);

class FieldReader {
 public:
  // `payload`: the message body (fields each terminated by NUL). `what` names the message in
  // errors.
  FieldReader(std::string_view payload, std::string_view what);

  core::Result<std::string_view> str();
  core::Result<std::int64_t> i64();  // "" -> 0 (as the reference decoder)
  core::Result<double> dbl();        // "" -> 0
  core::Result<bool> boolean();      // "1"/"0"/"" or "true"/"false"
  // Exact decimal; "" and UNSET_DOUBLE -> undefined.
  core::Result<core::Price> price();
  // Decimal quantities ("10", "10.0", "3.0000"): must be whole.
  core::Result<std::int64_t> quantity();
  core::Status skip(std::size_t n);

  [[nodiscard]] bool at_end() const { return pos_ >= payload_.size(); }
  [[nodiscard]] std::size_t index() const { return index_; }  // fields consumed so far
  void set_what(std::string_view what) { what_ = what; }

 private:
  core::Result<std::string_view> next();
  [[nodiscard]] core::Error bad(std::string_view field, std::string_view rule) const;

  std::string_view payload_;
  std::string what_;
  std::size_t pos_ = 0;
  std::size_t index_ = 0;
};

// Splits a payload into its fields (for tests and logs).
std::vector<std::string> split_fields(std::string_view payload);

// Accumulates received bytes and yields complete message payloads.
class FrameBuffer {
 public:
  void append(std::string_view bytes) { buf_.append(bytes); }
  // The next complete payload, nullopt if more bytes are needed; an error for a length of 0 or
  // beyond kMaxMessageBytes (the stream is then unusable).
  core::Result<std::optional<std::string>> next();
  // The raw "API\0" prefix the server expects first (fake server side).
  bool consume_prefix(std::string_view prefix);
  [[nodiscard]] std::size_t buffered() const { return buf_.size() - start_; }

 private:
  std::string buf_;
  std::size_t start_ = 0;
};

}  // namespace zerodte::adapters::ibkr
