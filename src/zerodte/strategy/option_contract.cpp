#include "zerodte/strategy/option_contract.hpp"

#include <algorithm>

namespace zerodte::strategy {

const OptionContract* OptionChainView::find(double strike, OptionRight right) const {
  for (const auto& c : contracts) {
    if (c.right == right && std::abs(c.strike - strike) < 1e-6) return &c;
  }
  return nullptr;
}

std::vector<double> OptionChainView::strikes() const {
  std::vector<double> out;
  out.reserve(contracts.size());
  for (const auto& c : contracts)
    out.push_back(c.strike);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(),
                        [](double a, double b) { return std::abs(a - b) < 1e-6; }),
            out.end());
  return out;
}

}  // namespace zerodte::strategy
