#pragma once
// InstrumentRegistry: interns instruments to dense ids 1, 2, 3, ... (0 = none) and answers
// symbol -> id, id -> instrument, and "which option contracts on X expire on D" (chain building).
//
// Threading: adapters intern new option contracts from I/O threads while the kernel reads.
//  * get()/try_get() are lock-free. Instruments live in fixed-size chunks that are never moved
//    or freed before the registry is destroyed, so the reference get() returns stays valid (and
//    the instrument unchanged) for the registry's whole life: store it freely.
//  * find(), intern_*(), add(), options() and expiries() take a std::shared_mutex (shared for
//    lookups, exclusive for inserts).
//  * Interning is idempotent: several threads interning the same symbol get the same id.
// Symbols are keyed per market (INFY on NSE and the INFY ADR on NYSE are different instruments).
// US options are keyed by the OCC padded form; find() accepts any OCC form.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "zerodte/model/instrument.hpp"
#include "zerodte/model/nse_contracts.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace zerodte::model {

class InstrumentRegistry {
 public:
  static constexpr std::size_t kChunkBits = 10;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;  // 1024 per chunk
  static constexpr std::size_t kMaxChunks = 4096;  // capacity 4,194,304 instruments
  static constexpr std::size_t kCapacity = kChunkSize * kMaxChunks;

  explicit InstrumentRegistry(OptionTickTable option_ticks = OptionTickTable{},
                              NseContractTable nse = NseContractTable{});
  ~InstrumentRegistry();
  InstrumentRegistry(const InstrumentRegistry&) = delete;
  InstrumentRegistry& operator=(const InstrumentRegistry&) = delete;

  // Registers `inst` (its id is ignored) and returns its id. If the same symbol is already
  // registered in the same market with the same terms, returns the existing id; with different
  // terms, kInvalid naming both. An option's underlying is interned too (underlying_id set).
  core::Result<core::InstrumentId> add(const Instrument& inst);

  // Lock-free. get() asserts that the id was issued by this registry.
  [[nodiscard]] const Instrument& get(core::InstrumentId id) const;
  [[nodiscard]] const Instrument* try_get(core::InstrumentId id) const;

  // Canonical symbol, or (for US options) any OCC form: padded, compact, "O:" prefixed.
  [[nodiscard]] std::optional<core::InstrumentId> find(
      std::string_view symbol, core::Market market = core::Market::kNyse) const;

  core::Result<core::InstrumentId> intern_equity(std::string_view ticker,
                                                 core::Market market = core::Market::kNyse);
  core::Result<core::InstrumentId> intern_etf(std::string_view ticker,
                                              core::Market market = core::Market::kNyse);
  core::Result<core::InstrumentId> intern_index(std::string_view symbol,
                                                core::Market market = core::Market::kNyse);
  core::Result<core::InstrumentId> intern_option(const OccSymbol& occ);
  core::Result<core::InstrumentId> intern_option(std::string_view occ_any_form);
  // Any US symbol as vendors send it: an OCC option in any form; Polygon's "I:SPX" or a known
  // index ("SPX", "VIX", "NDX", "RUT", "XSP"); otherwise an equity/ETF ticker. Text longer than
  // 10 characters or with an "O:" prefix must be a valid OCC symbol (its parse error is
  // returned rather than registering a garbage ticker).
  core::Result<core::InstrumentId> intern_us_symbol(std::string_view symbol);
  core::Result<core::InstrumentId> intern_nse_index_option(
      std::string_view root, core::Date expiry, OptionRight right, core::Price strike,
      std::optional<std::int64_t> lot_override = {});

  // Option contracts on `underlying` ("SPX" covers SPX and SPXW roots) expiring on `expiry`,
  // ordered by strike, then root, calls before puts.
  [[nodiscard]] std::vector<core::InstrumentId> options(
      std::string_view underlying, core::Date expiry,
      core::Market market = core::Market::kNyse) const;
  // Expiry dates with at least one registered contract on `underlying`, ascending.
  [[nodiscard]] std::vector<core::Date> expiries(std::string_view underlying,
                                                 core::Market market = core::Market::kNyse) const;

  [[nodiscard]] std::size_t size() const { return count_.load(std::memory_order_acquire); }
  [[nodiscard]] const OptionTickTable& option_ticks() const { return option_ticks_; }
  [[nodiscard]] const NseContractTable& nse_contracts() const { return nse_; }

 private:
  static std::string key(core::Market market, std::string_view symbol);
  std::optional<core::InstrumentId> find_locked(core::Market market, std::string_view symbol) const;
  core::Result<core::InstrumentId> add_locked(Instrument inst);
  core::Result<core::InstrumentId> intern_underlying_locked(const Instrument& option);
  const Instrument& at(std::uint32_t index) const;

  const OptionTickTable option_ticks_;
  const NseContractTable nse_;

  mutable std::shared_mutex mutex_;
  struct SymbolHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  using SymbolMap =
      std::unordered_map<std::string, core::InstrumentId, SymbolHash, std::equal_to<>>;
  std::array<SymbolMap, 2> by_symbol_;  // per market; lookups by string_view do not allocate
  // key(market, underlying) -> expiry -> contracts
  std::map<std::string, std::map<core::Date, std::vector<core::InstrumentId>>> chains_;

  std::array<std::atomic<Instrument*>, kMaxChunks> chunks_{};
  std::atomic<std::uint32_t> count_{0};
};

}  // namespace zerodte::model
