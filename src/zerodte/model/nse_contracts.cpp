#include "zerodte/model/nse_contracts.hpp"

#include <algorithm>

namespace zerodte::model {
namespace {

using core::Date;
using core::ErrorCode;
using core::fail;

struct DefaultLot {
  std::string_view root;
  Date from_expiry;
  std::int64_t lot;
};

// NSE index-option market lots, keyed by the first expiry that carries each lot. Sources:
//  * AngelOne notice 2023-04-03 (quantity freeze limits): lots then NIFTY 50, BANKNIFTY 15,
//    FINNIFTY 40, MIDCPNIFTY 75 (used as the earliest known row; earlier expiries are unknown).
//  * NSE circular 2024-04-02 (revision from 2024-04-26): NIFTY 50 -> 25, first weekly expiry
//    2024-05-02; FINNIFTY 40 -> 25 and MIDCPNIFTY 75 -> 50, first monthly expiries 2024-07-30
//    and 2024-07-29. NIFTYNXT50 options listed 2024-04-24 with lot 10.
//  * NSE circular 2024-10-18 (SEBI minimum contract value Rs 15 lakh, effective 2024-11-20):
//    NIFTY 25 -> 75, BANKNIFTY 15 -> 30, FINNIFTY 25 -> 65, MIDCPNIFTY 50 -> 120,
//    NIFTYNXT50 10 -> 25. New contracts listed from 2024-11-20 carry the new lot; existing weekly
//    and monthly contracts kept the old lot to expiry; quarterly contracts moved at end of day
//    2024-12-24 (BANKNIFTY) / 2024-12-26 (NIFTY). The row date 2024-12-27 is the first expiry from
//    which every contract has the new lot; contracts expiring 2024-11-20..2024-12-26 may have
//    either, so take the lot from the contract master for those.
//  * NSE circular 2025-03-28 (effective 2025-04-25): BANKNIFTY 30 -> 35, MIDCPNIFTY 120 -> 140,
//    first monthly expiry 2025-07-31 (quarterlies from 2025-04-25); row date 2025-07-01.
//  * NSE circular 2025-10 (effective 2025-10-28 EOD, based on September 2025 averages):
//    NIFTY 75 -> 65, BANKNIFTY 35 -> 30, FINNIFTY 65 -> 60, MIDCPNIFTY 140 -> 120,
//    NIFTYNXT50 unchanged at 25; weekly and monthly contracts from the January 2026 expiry, the
//    last old-lot expiry being 2025-12-30; row date 2025-12-31.
constexpr DefaultLot kDefaultLots[] = {
    {"NIFTY", {2023, 4, 3}, 50},         {"NIFTY", {2024, 5, 2}, 25},
    {"NIFTY", {2024, 12, 27}, 75},       {"NIFTY", {2025, 12, 31}, 65},
    {"BANKNIFTY", {2023, 4, 3}, 15},     {"BANKNIFTY", {2024, 12, 27}, 30},
    {"BANKNIFTY", {2025, 7, 1}, 35},     {"BANKNIFTY", {2025, 12, 31}, 30},
    {"FINNIFTY", {2023, 4, 3}, 40},      {"FINNIFTY", {2024, 7, 30}, 25},
    {"FINNIFTY", {2024, 12, 27}, 65},    {"FINNIFTY", {2025, 12, 31}, 60},
    {"MIDCPNIFTY", {2023, 4, 3}, 75},    {"MIDCPNIFTY", {2024, 7, 29}, 50},
    {"MIDCPNIFTY", {2024, 12, 27}, 120}, {"MIDCPNIFTY", {2025, 7, 1}, 140},
    {"MIDCPNIFTY", {2025, 12, 31}, 120}, {"NIFTYNXT50", {2024, 4, 24}, 10},
    {"NIFTYNXT50", {2024, 12, 27}, 25},
};

// Quantity freeze limits (max units per order), NSE circular 2025-08-29 effective 2025-09-01:
// BANKNIFTY 900, NIFTY 1800, FINNIFTY 1800, MIDCPNIFTY 2800, NIFTYNXT50 600. NSE revises these
// with lot changes; override from configuration when a newer circular applies.
struct DefaultFreeze {
  std::string_view root;
  std::int64_t units;
};
constexpr DefaultFreeze kDefaultFreeze[] = {
    {"NIFTY", 1800},      {"BANKNIFTY", 900},  {"FINNIFTY", 1800},
    {"MIDCPNIFTY", 2800}, {"NIFTYNXT50", 600},
};

}  // namespace

NseContractTable::NseContractTable() {
  for (const auto& row : kDefaultLots)
    (void)set_lot(row.root, row.from_expiry, row.lot);
  for (const auto& row : kDefaultFreeze)
    (void)set_freeze_quantity(row.root, row.units);
}

NseContractTable NseContractTable::empty() {
  return NseContractTable{NoDefaults{}};
}

core::Status NseContractTable::set_lot(std::string_view root, Date from_expiry, std::int64_t lot) {
  if (root.empty()) return fail(ErrorCode::kInvalid, "NSE lot size: empty root");
  if (!from_expiry.valid()) {
    return fail(ErrorCode::kInvalid, "NSE lot size for {}: invalid date {}", root,
                from_expiry.to_string());
  }
  if (lot <= 0) {
    return fail(ErrorCode::kInvalid, "NSE lot size for {} from {}: lot {} must be positive", root,
                from_expiry.to_string(), lot);
  }
  auto& rows = lots_[std::string(root)];
  auto it = std::lower_bound(rows.begin(), rows.end(), from_expiry,
                             [](const NseLotRevision& r, Date d) { return r.from_expiry < d; });
  if (it != rows.end() && it->from_expiry == from_expiry) {
    it->lot = lot;
  } else {
    rows.insert(it, NseLotRevision{from_expiry, lot});
  }
  return core::ok();
}

core::Status NseContractTable::set_freeze_quantity(std::string_view root, std::int64_t units) {
  if (root.empty()) return fail(ErrorCode::kInvalid, "NSE freeze quantity: empty root");
  if (units < 0) {
    return fail(ErrorCode::kInvalid, "NSE freeze quantity for {}: {} must not be negative", root,
                units);
  }
  freeze_.insert_or_assign(std::string(root), units);
  return core::ok();
}

bool NseContractTable::knows(std::string_view root) const {
  return lots_.contains(root);
}

core::Result<std::int64_t> NseContractTable::lot_size(std::string_view root, Date expiry) const {
  const auto it = lots_.find(root);
  if (it == lots_.end() || it->second.empty()) {
    return fail(ErrorCode::kNotFound,
                "NSE lot size: unknown index option root '{}' (known: NIFTY, BANKNIFTY, FINNIFTY, "
                "MIDCPNIFTY, NIFTYNXT50; add it in configuration or pass the lot explicitly)",
                root);
  }
  const auto& rows = it->second;
  if (expiry < rows.front().from_expiry) {
    return fail(ErrorCode::kNotFound,
                "NSE lot size: no lot known for {} contracts expiring {} (table starts {}); pass "
                "the lot explicitly",
                root, expiry.to_string(), rows.front().from_expiry.to_string());
  }
  auto after = std::upper_bound(rows.begin(), rows.end(), expiry,
                                [](Date d, const NseLotRevision& r) { return d < r.from_expiry; });
  return std::prev(after)->lot;
}

std::int64_t NseContractTable::freeze_quantity(std::string_view root) const {
  const auto it = freeze_.find(root);
  return it == freeze_.end() ? 0 : it->second;
}

std::vector<NseLotRevision> NseContractTable::revisions(std::string_view root) const {
  const auto it = lots_.find(root);
  return it == lots_.end() ? std::vector<NseLotRevision>{} : it->second;
}

}  // namespace zerodte::model
