#pragma once
// Engine trading states: ACTIVE, REDUCING (only exposure-reducing orders pass) and HALTED (only
// cancels pass). The state is the most severe of the active holds; each hold has a source
// ("breaker:vix", "kill_switch", "manual:alice"), a level, an optional end time and a reason, so
// a flash-move pause can lapse by itself while a kill switch stays until a person resumes.
// Holds are persisted through TradingStateStore on every change, so a restart keeps them.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/risk/risk_types.hpp"

namespace zerodte::risk {

struct Hold {
  std::string source;
  TradingState level = TradingState::kReducing;
  core::Timestamp since;
  core::Timestamp until = core::Timestamp::max();  // max: until cleared
  std::string by;                                  // who set it
  std::string reason;                              // human text
  friend bool operator==(const Hold&, const Hold&) = default;
};

class TradingStateStore {
 public:
  virtual ~TradingStateStore() = default;
  virtual core::Result<std::vector<Hold>> load() = 0;
  virtual core::Status save(const std::vector<Hold>& holds) = 0;
};

class InMemoryTradingStateStore final : public TradingStateStore {
 public:
  core::Result<std::vector<Hold>> load() override { return holds_; }
  core::Status save(const std::vector<Hold>& holds) override {
    holds_ = holds;
    ++saves_;
    return {};
  }
  [[nodiscard]] std::size_t saves() const { return saves_; }

 private:
  std::vector<Hold> holds_;
  std::size_t saves_ = 0;
};

// One line per hold: source TAB level TAB since_ns TAB until_ns TAB by TAB reason. Written to a
// temporary file, fsynced and renamed over the old one. A missing file means no holds.
class FileTradingStateStore final : public TradingStateStore {
 public:
  explicit FileTradingStateStore(std::filesystem::path file) : file_(std::move(file)) {}
  core::Result<std::vector<Hold>> load() override;
  core::Status save(const std::vector<Hold>& holds) override;

 private:
  std::filesystem::path file_;
};

class TradingStateMachine {
 public:
  explicit TradingStateMachine(TradingStateStore* store = nullptr) : store_(store) {}

  // Loads persisted holds (ends in the past are dropped at the next expire()).
  core::Status restore();
  // Adds or replaces the hold of `h.source`; returns true when the effective state changed.
  bool set(Hold h, core::Timestamp now);
  bool clear(std::string_view source, core::Timestamp now);
  bool clear_all(core::Timestamp now);
  // Drops holds whose end passed; true when the effective state changed.
  bool expire(core::Timestamp now);

  [[nodiscard]] TradingState state(core::Timestamp now) const;
  [[nodiscard]] const std::vector<Hold>& holds() const { return holds_; }
  [[nodiscard]] const Hold* find(std::string_view source) const;
  [[nodiscard]] const core::Error* last_store_error() const {
    return store_error_ ? &*store_error_ : nullptr;
  }

 private:
  void persist();
  TradingStateStore* store_;
  std::vector<Hold> holds_;
  std::optional<core::Error> store_error_;
};

}  // namespace zerodte::risk
