// Fuzz target: the DBN decoder, field renderer and event converter, and the wire-recording
// reader, on arbitrary bytes. Built as a libFuzzer target with clang (-fsanitize=fuzzer) and,
// with any compiler, as `dbn_fuzz_replay` that runs the corpus (CI smoke test).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "zerodte/adapters/databento/dbn_events.hpp"
#include "zerodte/adapters/databento/dbn_fields.hpp"
#include "zerodte/data/recorder.hpp"

namespace db = zerodte::adapters::databento;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = std::as_bytes(std::span(data, size));
  if (auto d = db::DbnDecoder::from_memory(bytes, "fuzz")) {
    db::DbnEventConverter conv;
    if ((*d)->metadata()) conv.set_metadata(*(*d)->metadata());
    std::vector<db::Field> fields;
    std::vector<zerodte::engine::Event> events;
    for (int i = 0; i < 100000; ++i) {
      auto r = (*d)->next();
      if (!r || !*r) break;
      fields.clear();
      db::record_fields(**r, fields);
      for (const auto& f : fields)
        (void)db::field_text(f, true);
      events.clear();
      (void)conv.convert(**r, events);
    }
  }
  if (auto rr = zerodte::data::RecordingReader::from_reader(
          std::make_unique<zerodte::data::MemoryReader>(bytes, "fuzz.zrec"))) {
    for (int i = 0; i < 100000; ++i) {
      auto m = (*rr)->next();
      if (!m || !*m) break;
    }
  }
  return 0;
}
