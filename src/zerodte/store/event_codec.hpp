#pragma once
// Serialization of every engine::Event alternative as a journal record. Market events, order
// updates and fills are trivially copyable and stored by value (their layout is pinned by the
// segment header's layout fingerprint); NewsItem and ControlCommand are encoded field by field;
// a CustomEvent is stored as its type name, its two timestamps and the bytes produced by the
// encoder registered for that name (CustomEventRegistry). A custom event whose type has no
// registered codec is still journaled (name and times) but cannot be decoded back into an event.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/store/byte_codec.hpp"
#include "zerodte/store/record.hpp"

namespace zerodte::store {

class CustomEventRegistry {
 public:
  using Encoder = std::function<void(const engine::CustomEvent&, ByteWriter&)>;
  // Decodes the payload; the caller sets ts_event and ts_recv on the result.
  using Decoder = std::function<core::Result<std::shared_ptr<engine::CustomEvent>>(ByteReader&)>;
  struct Codec {
    Encoder encode;
    Decoder decode;
  };

  // Returns false when `type_name` already has a codec.
  bool add(std::string type_name, Encoder encode, Decoder decode);
  [[nodiscard]] const Codec* find(std::string_view type_name) const;
  // The process-wide registry that journals use unless given another.
  static CustomEventRegistry& global();

 private:
  mutable std::mutex mu_;
  std::map<std::string, Codec, std::less<>> codecs_;
};

[[nodiscard]] RecordType record_type_of(const engine::Event& e);
[[nodiscard]] constexpr bool is_event_record(RecordType t) {
  return static_cast<std::uint16_t>(t) >= 1 && static_cast<std::uint16_t>(t) <= 13;
}

// Replaces `out` with the payload of `e` (no allocation once `out` has grown to the largest event).
void encode_event(const engine::Event& e, Bytes& out,
                  const CustomEventRegistry& reg = CustomEventRegistry::global());
[[nodiscard]] core::Result<engine::Event> decode_event(
    const RecordView& r, const CustomEventRegistry& reg = CustomEventRegistry::global());

}  // namespace zerodte::store
