#include "zerodte/store/recovery.hpp"

#include <fmt/format.h>

namespace zerodte::store {

void RecoveryRegistry::on(RecordType type, Applier applier) {
  const auto i = static_cast<std::size_t>(type);
  if (by_type_.size() <= i) by_type_.resize(i + 1);
  by_type_[i].push_back(std::move(applier));
}

void RecoveryRegistry::on_any(Applier applier) {
  any_.push_back(std::move(applier));
}

core::Status RecoveryRegistry::apply(const RecordView& r) const {
  const auto i = static_cast<std::size_t>(r.type);
  if (i < by_type_.size()) {
    for (const auto& a : by_type_[i]) {
      if (auto st = a(r); !st)
        return std::unexpected(st.error().with_context(
            fmt::format("recovery: record {} ({})", r.seq, record_type_name(r.type))));
    }
  }
  for (const auto& a : any_) {
    if (auto st = a(r); !st)
      return std::unexpected(st.error().with_context(
          fmt::format("recovery: record {} ({})", r.seq, record_type_name(r.type))));
  }
  return core::ok();
}

core::Result<RecoveryReport> recover(const std::filesystem::path& dir, const RecoveryRegistry& reg,
                                     const ReadOptions& opts) {
  RecoveryReport report;
  auto read = read_journal(dir, opts, [&](const RecordView& r) -> core::Status {
    ++report.applied;
    return reg.apply(r);
  });
  if (!read) return std::unexpected(read.error());
  report.read = *read;
  return report;
}

}  // namespace zerodte::store
