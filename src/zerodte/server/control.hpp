#pragma once
// POST /api/control bodies -> engine::ControlCommand. The server validates the request and the
// caller's role, then hands the command to a ControlSink (normally the kernel Inbox with
// OverflowPolicy::kBlock); it never touches kernel state itself.
//
// Body: {"action": "...", "args": {...}, "confirm": ...}
//   pause | resume                           trader+
//   kill_switch       confirm: true          trader+
//   strategy.start | strategy.stop  args.strategy: "name"          trader+
//   mode.set  args.mode: "paper"|"live"; live needs admin and confirm: "LIVE"
//   params.set args: {trade_size:int>0, profit_target_pct, stop_loss_pct: (0,100],
//                     min_confidence: [0,1], strategy?: "name"}      trader+
#include <functional>
#include <memory>
#include <string_view>

#include "zerodte/core/time.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/server/auth.hpp"

namespace zerodte::engine {
class Inbox;
}

namespace zerodte::server {

// Returns false when the command could not be delivered (the server answers 503).
using ControlSink = std::function<bool(std::shared_ptr<const engine::ControlCommand>)>;
// Pushes into the kernel inbox with OverflowPolicy::kBlock (control must never be lost).
ControlSink inbox_control_sink(engine::Inbox& inbox);

// 400 (malformed / unknown action / bad args), 403 (role) or the command.
AuthResult<std::shared_ptr<const engine::ControlCommand>> parse_control(std::string_view body,
                                                                        const Principal& who,
                                                                        core::Timestamp now);

}  // namespace zerodte::server
