#pragma once
// SmartAPI REST calls (https://apiconnect.angelone.in, JSON in and out) with the headers the
// API requires (X-PrivateKey = API key, X-UserType, X-SourceID, X-ClientLocalIP,
// X-ClientPublicIP, X-MACAddress, Authorization: Bearer <jwt>), local pacing at the documented
// per-endpoint limits (placeOrder/modifyOrder/cancelOrder 20/s and 500/min, getOrderBook,
// getTradeBook and getPosition 1/s, getRMS 2/s, getLtpData 10/s, loginByPassword and
// generateTokens 1/s) and error mapping:
//   transport/5xx -> kTransport, timeout -> kTimeout, 429 or "exceeding access rate" ->
//   kRateLimited, token errors (AG8001 invalid, AG8002 expired, AG8003 missing, AB8050/AB8051
//   refresh token, AB1010/AB1011 session) -> kAuth with token_rejected() true, login errors
//   (AB1007 credentials, AB1050/AB1051 TOTP) -> kAuth, other "status":false -> kRejected.
// A call over the local pacing limit is not sent: it fails at once with kRateLimited (the order
// manager retries on its timers). Secrets never appear in errors.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "zerodte/adapters/angelone/smartapi_types.hpp"
#include "zerodte/adapters/angelone/token_manager.hpp"
#include "zerodte/core/clock.hpp"

namespace zerodte::adapters::angelone {

struct AngelOneCredentials {
  std::string api_key, client_code, pin, totp_secret;
  // ANGELONE_API_KEY, ANGELONE_CLIENT_CODE, ANGELONE_PIN, ANGELONE_TOTP_SECRET; kConfig naming
  // the missing variable (never its value). Registers the values with the log redactor.
  static core::Result<AngelOneCredentials> from_env();
};

struct SmartApiConfig {
  std::string base_url = "https://apiconnect.angelone.in";
  core::Duration timeout = std::chrono::seconds(2);
  bool verify_tls = true;
  std::string local_ip = "127.0.0.1";
  std::string public_ip = "127.0.0.1";
  std::string mac_address = "00:00:00:00:00:00";
  bool pacing = true;
};

struct SmartApiStats {
  std::map<std::string, int> calls;  // by endpoint name, sent
  int paced = 0;                     // refused locally by pacing
  int rate_limited = 0;              // 429 / access-rate answers
};

class SmartApiRest final : public AuthApi {
 public:
  SmartApiRest(SmartApiConfig cfg, AngelOneCredentials creds, const core::Clock& clock);
  ~SmartApiRest() override;

  // AuthApi
  core::Result<TokenPair> login(const std::string& totp_code) override;
  core::Result<TokenPair> refresh(const TokenPair& current) override;

  core::Result<std::string> place_order(const std::string& jwt, const AngelOrderRequest& r);
  core::Result<std::string> modify_order(const std::string& jwt, const AngelOrderRequest& r);
  core::Status cancel_order(const std::string& jwt, const std::string& variety,
                            const std::string& orderid);
  core::Result<std::vector<AngelOrder>> order_book(const std::string& jwt);
  core::Result<std::vector<AngelTrade>> trade_book(const std::string& jwt);
  core::Result<std::vector<AngelPosition>> positions(const std::string& jwt);
  core::Result<AngelFunds> funds(const std::string& jwt);
  core::Result<core::Price> ltp(const std::string& jwt, const std::string& exchange,
                                const std::string& tradingsymbol, const std::string& symboltoken);

  [[nodiscard]] SmartApiStats stats() const;
  // True when the error came from a token the venue refused (refresh or log in again).
  [[nodiscard]] static bool token_rejected(const core::Error& e);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace zerodte::adapters::angelone
