#include "zerodte/overseer/overseer_types.hpp"

namespace zerodte::overseer {

std::string_view to_string(Level l) {
  switch (l) {
    case Level::kInfo:
      return "info";
    case Level::kReview:
      return "review";
    case Level::kWarn:
      return "warn";
    case Level::kHalt:
      return "halt";
  }
  return "unknown";
}

std::string_view to_string(MonitorKind m) {
  switch (m) {
    case MonitorKind::kData:
      return "data";
    case MonitorKind::kAnalytics:
      return "analytics";
    case MonitorKind::kExecution:
      return "execution";
    case MonitorKind::kFeed:
      return "feed";
    case MonitorKind::kStrategy:
      return "strategy";
    case MonitorKind::kRegime:
      return "regime";
  }
  return "unknown";
}

std::string_view to_string(ActionKind a) {
  switch (a) {
    case ActionKind::kHaltTrading:
      return "halt_trading";
    case ActionKind::kTaperSizes:
      return "taper_sizes";
    case ActionKind::kFlipToPaper:
      return "flip_to_paper";
    case ActionKind::kDisableStrategy:
      return "disable_strategy";
  }
  return "unknown";
}

}  // namespace zerodte::overseer
