#pragma once
// A kernel on a SimClock (2025-11-21 16:00 UTC = 11:00 New York) with a delivery store in a
// temporary SQLite file and a distributor; fake Discord and Telegram servers on loopback that
// record each request with the simulated time it arrived at.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sentiment/fake_http_server.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/publish/distributor.hpp"
#include "zerodte/publish/http_channels.hpp"

namespace zerodte::publish::testing {

using zerodte::testing::FakeHttpServer;
using zerodte::testing::FakeRequest;
using zerodte::testing::FakeResponse;

inline const core::Timestamp kT0 = core::Timestamp::from_seconds(1'763'740'800);

inline std::filesystem::path temp_file(std::string_view name) {
  static std::atomic<int> seq{0};
  return std::filesystem::temp_directory_path() /
         fmt::format("zerodte_publish_{}_{}_{}.sqlite", name, ::getpid(), ++seq);
}

struct Received {
  std::string path;
  std::string body;
  core::Timestamp at;  // simulated time
  FakeRequest req;
};

// A fake chat service: records requests with the sim time; a hook may script answers.
struct FakeService {
  core::SimClock& clock;
  std::mutex mu;
  std::vector<Received> got;
  std::function<FakeResponse(const FakeRequest&, std::size_t n)> script;
  int next_id = 1000;
  std::unique_ptr<FakeHttpServer> server;
  bool telegram = false;

  FakeService(core::SimClock& c, bool is_telegram) : clock(c), telegram(is_telegram) {
    server = std::make_unique<FakeHttpServer>([this](const FakeRequest& r) {
      std::lock_guard l(mu);
      got.push_back({r.target, r.body, clock.now(), r});
      if (script) {
        auto resp = script(r, got.size());
        if (resp.status != 0) return resp;
      }
      FakeResponse ok;
      const int id = ++next_id;
      ok.body = telegram ? fmt::format(R"({{"ok":true,"result":{{"message_id":{}}}}})", id)
                         : fmt::format(R"({{"id":"{}","type":0}})", id);
      return ok;
    });
  }
  std::vector<Received> requests() {
    std::lock_guard l(mu);
    return got;
  }
  std::string url(std::string_view p) const { return server->url(p); }
};

struct Harness {
  core::SimClock clock;
  engine::Kernel kernel;
  std::filesystem::path db;
  std::unique_ptr<DeliveryStore> store;
  std::unique_ptr<Distributor> dist;

  explicit Harness(std::filesystem::path file, core::Timestamp start = kT0,
                   DistributorConfig cfg = {})
      : clock(start), kernel(clock, engine::KernelConfig{1u << 10}), db(std::move(file)) {
    kernel.start();
    auto s = DeliveryStore::open(db);
    if (!s) throw std::runtime_error(s.error().message);
    store = std::move(*s);
    dist = std::make_unique<Distributor>(kernel, *store, cfg);
  }
  void run_until(core::Timestamp end) {
    engine::VectorEventSource src({});
    kernel.run_simulation(src, clock, end);
  }
};

inline SignalAlert spy_call(std::uint64_t id = 42, core::Timestamp ts = kT0) {
  SignalAlert s;
  s.signal_id = id;
  s.strategy = "gamma_scalp";
  s.underlying = "SPY";
  s.side = model::Side::kBuy;
  s.kind = OptionKind::kCall;
  s.strike = *core::Price::parse("440");
  s.entry = *core::Price::parse("2.50");
  s.stop = *core::Price::parse("2.10");
  s.target = *core::Price::parse("5.00");
  s.ts = ts;
  return s;
}

inline std::shared_ptr<Channel> discord(const FakeService& f, std::string_view path) {
  DiscordConfig c;
  c.webhook_url = f.url(path);
  c.http.timeout = std::chrono::seconds(2);
  return std::shared_ptr<Channel>(make_discord_channel(c));
}

inline std::shared_ptr<Channel> telegram(const FakeService& f, std::string_view chat) {
  TelegramConfig c;
  c.api_base = f.url("");
  c.bot_token = "123456:SECRET";
  c.chat_id = std::string(chat);
  c.http.timeout = std::chrono::seconds(2);
  return std::shared_ptr<Channel>(make_telegram_channel(c));
}

}  // namespace zerodte::publish::testing
