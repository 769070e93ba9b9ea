#include "zerodte/model/instrument_registry.hpp"

#include <algorithm>
#include <mutex>
#include <tuple>

#include "zerodte/core/assert.hpp"

namespace zerodte::model {

using core::ErrorCode;
using core::fail;
using core::InstrumentId;
using core::Market;

namespace {
// Local name (avoids a link dependency on the calendar implementation).
std::string_view market_name(Market m) {
  return m == Market::kNse ? "NSE" : "US";
}
}  // namespace

InstrumentRegistry::InstrumentRegistry(OptionTickTable option_ticks, NseContractTable nse)
    : option_ticks_(std::move(option_ticks)), nse_(std::move(nse)) {}

InstrumentRegistry::~InstrumentRegistry() {
  for (auto& c : chunks_)
    delete[] c.load(std::memory_order_relaxed);
}

std::string InstrumentRegistry::key(Market market, std::string_view symbol) {
  std::string k;
  k.reserve(symbol.size() + 2);
  k += market == Market::kNse ? 'N' : 'U';
  k += ':';
  k += symbol;
  return k;
}

const Instrument& InstrumentRegistry::at(std::uint32_t index) const {
  const Instrument* chunk = chunks_[index >> kChunkBits].load(std::memory_order_acquire);
  return chunk[index & (kChunkSize - 1)];
}

const Instrument* InstrumentRegistry::try_get(InstrumentId id) const {
  if (!id.valid() || id.value > count_.load(std::memory_order_acquire)) return nullptr;
  return &at(id.value - 1);
}

const Instrument& InstrumentRegistry::get(InstrumentId id) const {
  const Instrument* inst = try_get(id);
  ZDTE_ASSERT(inst != nullptr, "InstrumentRegistry::get: id not issued by this registry");
  return *inst;
}

std::optional<InstrumentId> InstrumentRegistry::find_locked(Market market,
                                                            std::string_view symbol) const {
  const SymbolMap& map = by_symbol_[market == Market::kNse ? 1 : 0];
  const auto it = map.find(symbol);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

std::optional<InstrumentId> InstrumentRegistry::find(std::string_view symbol, Market market) const {
  {
    std::shared_lock lock(mutex_);
    if (auto id = find_locked(market, symbol)) return id;
  }
  if (market != Market::kNyse) return std::nullopt;
  // Not a canonical symbol: try it as an OCC symbol in another form.
  auto occ = OccSymbol::parse(symbol);
  if (!occ) return std::nullopt;
  const std::string padded = occ->padded();
  std::shared_lock lock(mutex_);
  return find_locked(market, padded);
}

core::Result<InstrumentId> InstrumentRegistry::intern_underlying_locked(const Instrument& option) {
  const OptionSpec& spec = *option.option;
  if (auto id = find_locked(option.market, spec.underlying.view())) return *id;
  core::Result<Instrument> u = std::unexpected(core::Error{});
  if (option.market == Market::kNse) {
    u = make_index(spec.underlying.view(), Market::kNse);
  } else {
    const UsOptionClass cls = classify_us_option_root(spec.root.view());
    switch (cls.underlying_class) {
      case AssetClass::kIndex:
        u = make_index(spec.underlying.view(), option.market);
        break;
      case AssetClass::kEtf:
        u = make_etf(spec.underlying.view(), option.market);
        break;
      default:
        u = make_equity(spec.underlying.view(), option.market);
        break;
    }
  }
  if (!u) return std::unexpected(u.error().with_context(option.symbol.view()));
  return add_locked(*u);
}

core::Result<InstrumentId> InstrumentRegistry::add_locked(Instrument inst) {
  if (auto existing = find_locked(inst.market, inst.symbol.view())) {
    const Instrument& have = get(*existing);
    if (have.same_terms(inst)) return *existing;
    return fail(ErrorCode::kInvalid,
                "instrument {} ({}) is already registered as id {} with different terms "
                "(class {} vs {}, lot {} vs {}, multiplier {} vs {}, tick {} vs {})",
                inst.symbol.view(), market_name(inst.market), existing->value,
                to_string(have.asset_class), to_string(inst.asset_class), have.lot_size,
                inst.lot_size, have.multiplier, inst.multiplier,
                to_string(have.tick_rule.tick_class), to_string(inst.tick_rule.tick_class));
  }
  if (inst.is_option() != (inst.asset_class == AssetClass::kOption)) {
    return fail(ErrorCode::kInvalid, "instrument {}: option spec present iff asset class is option",
                inst.symbol.view());
  }
  if (inst.lot_size <= 0 || inst.multiplier <= 0 || inst.freeze_quantity < 0) {
    return fail(ErrorCode::kInvalid,
                "instrument {}: lot size {} and multiplier {} must be positive, freeze {} >= 0",
                inst.symbol.view(), inst.lot_size, inst.multiplier, inst.freeze_quantity);
  }
  if (inst.underlying_id.valid() && inst.underlying_id.value > count_.load()) {
    return fail(ErrorCode::kInvalid, "instrument {}: underlying id {} is not registered",
                inst.symbol.view(), inst.underlying_id.value);
  }
  if (inst.is_option() && !inst.underlying_id.valid()) {
    auto u = intern_underlying_locked(inst);
    if (!u) return std::unexpected(u.error());
    inst.underlying_id = *u;
  }
  const std::uint32_t index = count_.load(std::memory_order_relaxed);
  if (index >= kCapacity) {
    return fail(ErrorCode::kOutOfRange, "instrument registry is full ({} instruments)", kCapacity);
  }
  auto& slot = chunks_[index >> kChunkBits];
  Instrument* chunk = slot.load(std::memory_order_relaxed);
  if (chunk == nullptr) {
    chunk = new Instrument[kChunkSize];
    slot.store(chunk, std::memory_order_release);
  }
  const InstrumentId id{index + 1};
  inst.id = id;
  chunk[index & (kChunkSize - 1)] = inst;
  count_.store(index + 1, std::memory_order_release);  // publishes the element
  by_symbol_[inst.market == Market::kNse ? 1 : 0].emplace(inst.symbol.str(), id);
  if (inst.is_option()) {
    chains_[key(inst.market, inst.option->underlying.view())][inst.option->expiry].push_back(id);
  }
  return id;
}

core::Result<InstrumentId> InstrumentRegistry::add(const Instrument& inst) {
  std::unique_lock lock(mutex_);
  return add_locked(inst);
}

core::Result<InstrumentId> InstrumentRegistry::intern_equity(std::string_view ticker, Market m) {
  if (auto id = find(ticker, m)) return *id;
  auto inst = make_equity(ticker, m);
  if (!inst) return std::unexpected(inst.error());
  return add(*inst);
}

core::Result<InstrumentId> InstrumentRegistry::intern_etf(std::string_view ticker, Market m) {
  if (auto id = find(ticker, m)) return *id;
  auto inst = make_etf(ticker, m);
  if (!inst) return std::unexpected(inst.error());
  return add(*inst);
}

core::Result<InstrumentId> InstrumentRegistry::intern_index(std::string_view symbol, Market m) {
  if (auto id = find(symbol, m)) return *id;
  auto inst = make_index(symbol, m);
  if (!inst) return std::unexpected(inst.error());
  return add(*inst);
}

core::Result<InstrumentId> InstrumentRegistry::intern_option(const OccSymbol& occ) {
  {
    const std::string padded = occ.padded();
    std::shared_lock lock(mutex_);
    if (auto id = find_locked(Market::kNyse, padded)) return *id;
  }
  auto inst = make_us_option(occ, option_ticks_);
  if (!inst) return std::unexpected(inst.error());
  return add(*inst);
}

core::Result<InstrumentId> InstrumentRegistry::intern_option(std::string_view occ_any_form) {
  auto occ = OccSymbol::parse(occ_any_form);
  if (!occ) return std::unexpected(occ.error());
  return intern_option(*occ);
}

core::Result<InstrumentId> InstrumentRegistry::intern_us_symbol(std::string_view symbol) {
  constexpr std::size_t kMaxTickerLength = 10;
  if (symbol.starts_with("I:")) return intern_index(symbol.substr(2));
  if (symbol.starts_with("O:") || symbol.size() > kMaxTickerLength) return intern_option(symbol);
  const UsOptionClass cls = classify_us_option_root(symbol);
  if (cls.underlying_class == AssetClass::kIndex && cls.underlying == symbol) {
    return intern_index(symbol);
  }
  return intern_equity(symbol);
}

core::Result<InstrumentId> InstrumentRegistry::intern_nse_index_option(
    std::string_view root, core::Date expiry, OptionRight right, core::Price strike,
    std::optional<std::int64_t> lot_override) {
  auto inst = make_nse_index_option(root, expiry, right, strike, nse_, lot_override);
  if (!inst) return std::unexpected(inst.error());
  return add(*inst);
}

std::vector<InstrumentId> InstrumentRegistry::options(std::string_view underlying,
                                                      core::Date expiry, Market m) const {
  std::vector<InstrumentId> out;
  {
    std::shared_lock lock(mutex_);
    const auto chain = chains_.find(key(m, underlying));
    if (chain == chains_.end()) return out;
    const auto day = chain->second.find(expiry);
    if (day == chain->second.end()) return out;
    out = day->second;
  }
  std::sort(out.begin(), out.end(), [this](InstrumentId a, InstrumentId b) {
    const OptionSpec& x = *get(a).option;
    const OptionSpec& y = *get(b).option;
    return std::tuple(x.strike, x.root.view(), x.right) <
           std::tuple(y.strike, y.root.view(), y.right);
  });
  return out;
}

std::vector<core::Date> InstrumentRegistry::expiries(std::string_view underlying, Market m) const {
  std::vector<core::Date> out;
  std::shared_lock lock(mutex_);
  const auto chain = chains_.find(key(m, underlying));
  if (chain == chains_.end()) return out;
  out.reserve(chain->second.size());
  for (const auto& [date, ids] : chain->second)
    out.push_back(date);
  return out;
}

}  // namespace zerodte::model
