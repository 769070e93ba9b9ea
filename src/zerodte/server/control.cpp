#include "zerodte/server/control.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "zerodte/engine/inbox.hpp"

namespace zerodte::server {
namespace json = boost::json;
namespace {

AuthError bad(std::string reason) {
  return AuthError{400, std::move(reason)};
}
AuthError forbidden(std::string reason) {
  return AuthError{403, std::move(reason)};
}

bool is_name(const json::value* v) {
  if (!v || !v->is_string()) return false;
  const auto& s = v->as_string();
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

std::optional<double> number(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return std::nullopt;
}

}  // namespace

ControlSink inbox_control_sink(engine::Inbox& inbox) {
  return [&inbox](std::shared_ptr<const engine::ControlCommand> c) {
    return inbox.push(engine::Event{std::move(c)}, engine::OverflowPolicy::kBlock);
  };
}

AuthResult<std::shared_ptr<const engine::ControlCommand>> parse_control(std::string_view body,
                                                                        const Principal& who,
                                                                        core::Timestamp now) {
  if (who.role < Role::kTrader)
    return std::unexpected(forbidden(fmt::format("role {} may not control", role_name(who.role))));
  boost::system::error_code ec;
  const auto doc = json::parse(body, ec);
  if (ec) return std::unexpected(bad("body is not valid JSON: " + ec.message()));
  if (!doc.is_object()) return std::unexpected(bad("body must be a JSON object"));
  const auto& o = doc.as_object();
  const auto* action_v = o.if_contains("action");
  if (!action_v || !action_v->is_string())
    return std::unexpected(bad("missing string field \"action\""));
  const std::string action(action_v->as_string());
  json::object args;
  if (const auto* a = o.if_contains("args")) {
    if (!a->is_object()) return std::unexpected(bad("\"args\" must be an object"));
    args = a->as_object();
  }
  const auto* confirm = o.if_contains("confirm");

  if (action == "pause" || action == "resume") {
    if (!args.empty()) return std::unexpected(bad(action + " takes no args"));
  } else if (action == "kill_switch") {
    if (!confirm || !confirm->is_bool() || !confirm->as_bool())
      return std::unexpected(bad("kill_switch requires \"confirm\": true"));
  } else if (action == "strategy.start" || action == "strategy.stop") {
    if (!is_name(args.if_contains("strategy")) || args.size() != 1)
      return std::unexpected(bad(action + " requires args.strategy (a name) and nothing else"));
  } else if (action == "mode.set") {
    const auto* m = args.if_contains("mode");
    if (!m || !m->is_string() || (m->as_string() != "paper" && m->as_string() != "live"))
      return std::unexpected(bad("mode.set requires args.mode \"paper\" or \"live\""));
    if (m->as_string() == "live") {
      if (who.role != Role::kAdmin)
        return std::unexpected(forbidden("switching to live trading requires the admin role"));
      if (!confirm || !confirm->is_string() || confirm->as_string() != "LIVE")
        return std::unexpected(bad("switching to live requires \"confirm\": \"LIVE\""));
    }
  } else if (action == "params.set") {
    if (args.empty()) return std::unexpected(bad("params.set requires at least one parameter"));
    for (const auto& [k, v] : args) {
      if (k == "strategy") {
        if (!is_name(&v)) return std::unexpected(bad("args.strategy must be a name"));
        continue;
      }
      const auto n = number(v);
      if (!n)
        return std::unexpected(bad(fmt::format("args.{} must be a number", std::string_view(k))));
      if (k == "trade_size") {
        if (!v.is_int64() || *n < 1 || *n > 10000)
          return std::unexpected(bad("args.trade_size must be an integer in [1, 10000]"));
      } else if (k == "profit_target_pct" || k == "stop_loss_pct") {
        if (!(*n > 0 && *n <= 100))
          return std::unexpected(
              bad(fmt::format("args.{} must be in (0, 100]", std::string_view(k))));
      } else if (k == "min_confidence") {
        if (!(*n >= 0 && *n <= 1))
          return std::unexpected(bad("args.min_confidence must be in [0, 1]"));
      } else {
        return std::unexpected(bad(fmt::format("unknown parameter args.{}", std::string_view(k))));
      }
    }
  } else {
    return std::unexpected(bad("unknown action \"" + action.substr(0, 40) + "\""));
  }
  auto cmd = std::make_shared<engine::ControlCommand>();
  cmd->user = "api:" + who.user;
  cmd->action = action;
  cmd->args = json::serialize(args);
  cmd->ts_recv = now;
  return std::shared_ptr<const engine::ControlCommand>(std::move(cmd));
}

}  // namespace zerodte::server
