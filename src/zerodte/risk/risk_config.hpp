#pragma once
// The risk engine's configuration: register_risk_sections() declares the [risk],
// [risk.breakers], [entry] and [exit] keys it reads (on top of the foundation's), and
// limits_from_config() reads a validated config into RiskLimits.
#include "zerodte/core/config/config.hpp"
#include "zerodte/risk/risk_limits.hpp"

namespace zerodte::risk {

void register_risk_sections(core::config::ConfigSchema& schema);

struct RiskSettings {
  RiskLimits limits;
  std::string kill_switch_file;  // empty: none
  int flatten_slippage_ticks = 2;
};

RiskSettings settings_from_config(const core::config::Config& cfg);

}  // namespace zerodte::risk
