#include "zerodte/sentiment/evaluation.hpp"

#include <fmt/format.h>

namespace zerodte::sentiment {

EvalReport evaluate(const std::vector<Label>& truth, const std::vector<Label>& pred) {
  EvalReport r;
  const std::size_t n = std::min(truth.size(), pred.size());
  for (std::size_t i = 0; i < n; ++i) {
    ++r.confusion[static_cast<std::size_t>(truth[i])][static_cast<std::size_t>(pred[i])];
  }
  r.n = static_cast<long>(n);
  long correct = 0;
  for (std::size_t c = 0; c < kNumLabels; ++c)
    correct += r.confusion[c][c];
  r.accuracy = n == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(n);
  double sum_f1 = 0;
  for (std::size_t c = 0; c < kNumLabels; ++c) {
    long col = 0, row = 0;
    for (std::size_t k = 0; k < kNumLabels; ++k) {
      col += r.confusion[k][c];
      row += r.confusion[c][k];
    }
    const auto tp = static_cast<double>(r.confusion[c][c]);
    r.precision[c] = col == 0 ? 0.0 : tp / static_cast<double>(col);
    r.recall[c] = row == 0 ? 0.0 : tp / static_cast<double>(row);
    const double pr = r.precision[c] + r.recall[c];
    r.f1[c] = pr == 0 ? 0.0 : 2 * r.precision[c] * r.recall[c] / pr;
    sum_f1 += r.f1[c];
  }
  r.macro_f1 = sum_f1 / kNumLabels;
  return r;
}

std::string format_report(const EvalReport& r) {
  std::string s =
      fmt::format("n,{}\naccuracy,{:.4f}\nmacro_f1,{:.4f}\n", r.n, r.accuracy, r.macro_f1);
  s += "class,precision,recall,f1\n";
  for (std::size_t c = 0; c < kNumLabels; ++c) {
    s += fmt::format("{},{:.4f},{:.4f},{:.4f}\n", to_string(static_cast<Label>(c)), r.precision[c],
                     r.recall[c], r.f1[c]);
  }
  s += "confusion (rows=truth cols=pred),negative,neutral,positive\n";
  for (std::size_t c = 0; c < kNumLabels; ++c) {
    s += fmt::format("{},{},{},{}\n", to_string(static_cast<Label>(c)), r.confusion[c][0],
                     r.confusion[c][1], r.confusion[c][2]);
  }
  return s;
}

}  // namespace zerodte::sentiment
