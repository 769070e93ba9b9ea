#pragma once
// Classification metrics for three labels: accuracy, per-class precision/recall/F1, macro-F1,
// confusion matrix (rows = truth, columns = prediction, order negative, neutral, positive).
#include <array>
#include <string>
#include <vector>

#include "zerodte/sentiment/types.hpp"

namespace zerodte::sentiment {

struct EvalReport {
  std::array<std::array<long, kNumLabels>, kNumLabels> confusion{};
  long n = 0;
  double accuracy = 0;
  std::array<double, kNumLabels> precision{}, recall{}, f1{};
  double macro_f1 = 0;
};

[[nodiscard]] EvalReport evaluate(const std::vector<Label>& truth, const std::vector<Label>& pred);
[[nodiscard]] std::string format_report(const EvalReport& r);

}  // namespace zerodte::sentiment
