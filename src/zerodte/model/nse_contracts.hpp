#pragma once
// NSE index-derivative contract facts that change by circular: market lot sizes (dated by the
// first expiry that carries them) and quantity freeze limits. The defaults are in
// nse_contracts.cpp with their sources; configuration can add revisions or replace values.
// The authoritative per-contract lot is the exchange/broker contract master (NSE_FO_contract
// file, AngelOne scrip master): adapters pass it as an override when they have it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::model {

struct NseLotRevision {
  core::Date from_expiry;  // contracts expiring on or after this date carry `lot`
  std::int64_t lot = 0;    // units of the index per lot
};

class NseContractTable {
 public:
  NseContractTable();  // the defaults
  static NseContractTable empty();

  // Adds (or replaces, for the same from_expiry) a lot revision for `root`.
  core::Status set_lot(std::string_view root, core::Date from_expiry, std::int64_t lot);
  core::Status set_freeze_quantity(std::string_view root, std::int64_t units);

  [[nodiscard]] bool knows(std::string_view root) const;
  // Lot of a `root` contract expiring on `expiry`; kNotFound for unknown roots or expiries
  // before the first known revision.
  [[nodiscard]] core::Result<std::int64_t> lot_size(std::string_view root, core::Date expiry) const;
  // Maximum units per order (orders above it are rejected by the exchange); 0 = no limit known.
  [[nodiscard]] std::int64_t freeze_quantity(std::string_view root) const;
  [[nodiscard]] std::vector<NseLotRevision> revisions(std::string_view root) const;

 private:
  struct NoDefaults {};
  explicit NseContractTable(NoDefaults) {}
  std::map<std::string, std::vector<NseLotRevision>, std::less<>> lots_;  // sorted by date
  std::map<std::string, std::int64_t, std::less<>> freeze_;
};

}  // namespace zerodte::model
