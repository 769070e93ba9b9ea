#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/core/log/redactor.hpp"

namespace zerodte::core::config {
namespace {

LoadOptions fake_env(std::map<std::string, std::string> vars) {
  LoadOptions o;
  o.env = [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

ConfigSchema foundation() {
  ConfigSchema s;
  register_foundation_sections(s);
  return s;
}

LoadResult load(std::string_view toml, const LoadOptions& options = fake_env({})) {
  static const ConfigSchema schema = foundation();
  return load_config_string(toml, "test.toml", schema, options);
}

// The single issue of a failed load, as "FILE:KEY: message".
std::string only_issue(const LoadResult& r) {
  EXPECT_FALSE(r.has_value());
  if (r.has_value()) return "";
  EXPECT_EQ(r.error().size(), 1u) << format_issues(r.error());
  return r.error().empty() ? "" : r.error().front().to_string();
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST(ConfigLoader, EmptyFileGivesAllDefaults) {
  auto cfg = load("");
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->get<std::string>("system.trading_mode"), "paper");
  EXPECT_DOUBLE_EQ(cfg->get<double>("risk.daily_loss_limit_pct"), 3.0);
  EXPECT_EQ(cfg->get<int>("risk.max_positions"), 3);
  EXPECT_DOUBLE_EQ(cfg->get<double>("risk.vix_adjustments.vix_high_multiplier"), 0.5);
  EXPECT_EQ(cfg->get<TimeOfDay>("entry.no_entry_before"), (TimeOfDay{10, 0, 0}));
  EXPECT_EQ(cfg->get<Duration>("journal.group_commit_interval"), std::chrono::milliseconds(5));
  EXPECT_EQ(cfg->get<std::vector<std::string>>("data.symbols"), std::vector<std::string>{"SPY"});
  EXPECT_EQ(cfg->get<std::uint16_t>("server.port"), 8080);
  EXPECT_TRUE(cfg->array_of_tables("strategies").empty());
}

TEST(ConfigLoader, SeedSectionsParseAndReadBackTyped) {
  auto cfg = load(R"(
[system]
app_name = "rustro-option-bot"
version = "1.0.0"
environment = "production"
trading_mode = "paper"

[broker]
name = "angelone"
api_base_url = "https://apiconnect.example.com"
ws_url = "wss://smartapisocket.angelbroking.com"
client_code = "${SMARTAPI_CLIENT_CODE}"

[strategy]
name = "adx_trend_following"
min_adx_threshold = 25.0
rsi_oversold = 40.0

[risk]
base_position_size_pct = 2.0
max_positions = 3
daily_loss_limit_pct = 3.0
consecutive_loss_limit = 3
margin_utilization_max_pct = 70.0

[risk.vix_adjustments]
vix_low_threshold = 15.0
vix_low_multiplier = 1.25
vix_high_threshold = 25.0
vix_high_multiplier = 0.50
vix_extreme_threshold = 30.0
vix_extreme_multiplier = 0.25

[entry]
no_entry_before = "10:00:00"
no_entry_after = 14:30:00
min_oi_threshold = 1000

[exit]
stop_loss_pct = 1.0
target_pct = 3.0
enable_trailing_stop = true
exit_before_close_minutes = 30

[calendar]
market = "nse"
[calendar.nse]
extra_holidays = [2026-01-26, "2026-03-03"]
)",
                  fake_env({{"SMARTAPI_CLIENT_CODE", "A123456"}}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->get<std::string>("system.environment"), "production");
  EXPECT_EQ(cfg->get<std::string>("broker.client_code"), "A123456");
  EXPECT_EQ(cfg->get<std::string>("strategy.name"), "adx_trend_following");
  EXPECT_DOUBLE_EQ(cfg->get<double>("strategy.min_adx_threshold"), 25.0);  // open section
  const ConfigTable& vix = cfg->table("risk.vix_adjustments");
  EXPECT_EQ(vix.path(), "risk.vix_adjustments");
  EXPECT_DOUBLE_EQ(vix.get<double>("vix_extreme_multiplier"), 0.25);
  EXPECT_DOUBLE_EQ(cfg->table("risk").get<double>("vix_adjustments.vix_low_threshold"), 15.0);
  EXPECT_EQ(cfg->get<TimeOfDay>("entry.no_entry_after"), (TimeOfDay{14, 30, 0}));
  EXPECT_EQ(cfg->get<std::int64_t>("exit.exit_before_close_minutes"), 30);
  EXPECT_EQ(cfg->get<std::vector<Date>>("calendar.nse.extra_holidays"),
            (std::vector<Date>{{2026, 1, 26}, {2026, 3, 3}}));
}

TEST(ConfigLoader, UnknownKeySuggestsTheClosestKey) {
  auto r = load("[risk]\ndaily_loss_limt_pct = 2.0\n");
  const std::string issue = only_issue(r);
  EXPECT_TRUE(contains(issue, "test.toml:risk.daily_loss_limt_pct: unknown key")) << issue;
  EXPECT_TRUE(contains(issue, "did you mean `daily_loss_limit_pct`?")) << issue;
  EXPECT_TRUE(contains(issue, "(line 2)")) << issue;
}

TEST(ConfigLoader, UnknownSectionSuggestsTheClosestSection) {
  const std::string issue = only_issue(load("[riks]\nmax_positions = 2\n"));
  EXPECT_TRUE(contains(issue, "test.toml:riks: unknown section (did you mean `risk`?)")) << issue;
  const std::string nested = only_issue(load("[risk.vix_adjustment]\nvix_low_threshold = 1\n"));
  EXPECT_TRUE(
      contains(nested, "risk.vix_adjustment: unknown key (did you mean `vix_adjustments`?)"))
      << nested;
}

TEST(ConfigLoader, MistypedValueSaysExpectedAndGot) {
  const std::string issue = only_issue(load("[risk]\nmax_positions = \"three\"\n"));
  EXPECT_TRUE(contains(issue, "risk.max_positions: expected an integer, got string \"three\""))
      << issue;
  const std::string num = only_issue(load("[risk]\ndaily_loss_limit_pct = \"3.0\"\n"));
  EXPECT_TRUE(contains(num, "expected a number, got string \"3.0\"")) << num;
  const std::string flt = only_issue(load("[risk]\nmax_positions = 2.5\n"));
  EXPECT_TRUE(contains(flt, "expected an integer, got float 2.5")) << flt;
  const std::string tbl = only_issue(load("risk = 5\n"));
  EXPECT_TRUE(contains(tbl, "risk: expected a table [risk], got integer 5")) << tbl;
  const std::string list = only_issue(load("[data]\nsymbols = [\"SPY\", 5]\n"));
  EXPECT_TRUE(contains(list, "data.symbols[1]: expected a string, got integer 5")) << list;
  const std::string time = only_issue(load("[entry]\nno_entry_before = \"25:00\"\n"));
  EXPECT_TRUE(contains(time, "entry.no_entry_before: expected a time of day")) << time;
}

TEST(ConfigLoader, OutOfRangeNamesTheRule) {
  const std::string issue = only_issue(load("[risk]\ndaily_loss_limit_pct = 150\n"));
  EXPECT_TRUE(contains(issue,
                       "risk.daily_loss_limit_pct: value 150 is out of range: must be "
                       "between 0 and 100"))
      << issue;
  const std::string port = only_issue(load("[server]\nport = 70000\n"));
  EXPECT_TRUE(contains(port, "server.port: value 70000 is out of range")) << port;
  const std::string dur = only_issue(load("[journal]\ngroup_commit_interval = \"5m\"\n"));
  EXPECT_TRUE(contains(dur, "must be between 0.0001 and 10 seconds")) << dur;
}

TEST(ConfigLoader, BadEnumListsAllowedValuesAndSuggests) {
  const std::string issue = only_issue(load("[system]\ntrading_mode = \"livee\"\n"));
  EXPECT_TRUE(contains(issue,
                       "system.trading_mode: value \"livee\" is not allowed: expected one "
                       "of \"paper\", \"live\" (did you mean `live`?)"))
      << issue;
}

TEST(ConfigLoader, MissingEnvVariableNamesVariableAndKey) {
  const std::string issue =
      only_issue(load("[broker]\naccount_id = \"${ZDTE_NOT_SET_ANYWHERE}\"\n"));
  EXPECT_TRUE(contains(issue,
                       "test.toml:broker.account_id: environment variable "
                       "`ZDTE_NOT_SET_ANYWHERE` is not set"))
      << issue;
}

TEST(ConfigLoader, EnvExpansionIncludingTypedValuesAndDefaults) {
  auto cfg = load(R"(
[server]
port = "${ZDTE_PORT}"
bind = "${ZDTE_BIND:-127.0.0.1}"
[system]
data_dir = "${HOME_DIR}/var"
app_name = "costs $$5"
)",
                  fake_env({{"ZDTE_PORT", "9090"}, {"HOME_DIR", "/srv/z"}}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->get<int>("server.port"), 9090);
  EXPECT_EQ(cfg->get<std::string>("server.bind"), "127.0.0.1");
  EXPECT_EQ(cfg->get<std::string>("system.data_dir"), "/srv/z/var");
  EXPECT_EQ(cfg->get<std::string>("system.app_name"), "costs $5");

  const std::string bad =
      only_issue(load("[server]\nport = \"${ZDTE_PORT}\"\n", fake_env({{"ZDTE_PORT", "http"}})));
  EXPECT_TRUE(contains(bad, "server.port: expected an integer, got \"http\" (from ${ZDTE_PORT})"))
      << bad;
  // A literal string is not converted to a number: only values that came from the environment.
  EXPECT_TRUE(contains(only_issue(load("[server]\nport = \"9090\"\n")), "expected an integer"));
}

TEST(ConfigLoader, SecretsComeFromEnvAreRegisteredAndNeverShown) {
  log::clear_secrets_for_testing();
  auto cfg = load("[broker]\nname = \"alpaca\"\napi_key = \"${K}\"\napi_secret = \"${S}\"\n",
                  fake_env({{"K", "PKCANARY1234"}, {"S", "sEcReT-canary-5678"}}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->get<std::string>("broker.api_secret"), "sEcReT-canary-5678");
  EXPECT_EQ(log::redact("key PKCANARY1234 secret sEcReT-canary-5678"), "key *** secret ***");

  auto literal = load("[broker]\napi_secret = \"literal-secret-9999\"\n");
  const std::string issue = only_issue(literal);
  EXPECT_TRUE(contains(issue, "broker.api_secret: a secret must come from the environment"))
      << issue;
  EXPECT_FALSE(contains(issue, "literal-secret-9999")) << issue;

  const std::string typed = only_issue(load("[broker]\napi_key = 12345678\n"));
  EXPECT_FALSE(contains(typed, "12345678")) << typed;
  log::clear_secrets_for_testing();
}

TEST(ConfigLoader, ReportsEveryErrorInTheFile) {
  auto r = load(R"(
[system]
trading_mode = "livee"
log_levle = "info"
[risk]
max_positions = "three"
daily_loss_limit_pct = -1
[exit]
stop_los_pct = 1.0
[bogus]
x = 1
[broker]
account_id = "${ZDTE_UNSET_VAR}"
)");
  ASSERT_FALSE(r);
  const std::string all = format_issues(r.error());
  EXPECT_EQ(r.error().size(), 7u) << all;
  for (const char* key :
       {"system.trading_mode", "system.log_levle", "risk.max_positions",
        "risk.daily_loss_limit_pct", "exit.stop_los_pct", ":bogus:", "broker.account_id"}) {
    EXPECT_TRUE(contains(all, key)) << key << "\n" << all;
  }
  for (const auto& issue : r.error())
    EXPECT_EQ(issue.file, "test.toml");
}

TEST(ConfigLoader, CrossKeyChecks) {
  const std::string vix = only_issue(load("[risk.vix_adjustments]\nvix_high_threshold = 10\n"));
  EXPECT_TRUE(contains(vix,
                       "risk.vix_adjustments.vix_high_threshold: must be above "
                       "vix_low_threshold"))
      << vix;
  const std::string entry = only_issue(load("[entry]\nno_entry_before = \"15:00\"\n"));
  EXPECT_TRUE(contains(entry, "entry.no_entry_after: must be later than no_entry_before")) << entry;
  const std::string replay = only_issue(load("[data]\nsource = \"replay\"\n"));
  EXPECT_TRUE(contains(replay, "data.paths: source = \"replay\" needs at least one path"))
      << replay;
  auto live = load("[system]\ntrading_mode = \"live\"\n");
  ASSERT_FALSE(live);
  EXPECT_EQ(live.error().size(), 3u) << format_issues(live.error());  // sim broker, paper, sim data
}

TEST(ConfigLoader, SyntaxErrorHasLineAndColumn) {
  const std::string issue = only_issue(load("[risk]\nmax_positions = = 3\n"));
  EXPECT_TRUE(contains(issue, "test.toml: TOML syntax error at line 2")) << issue;
}

TEST(ConfigLoader, MissingFileIsAnIssue) {
  static const ConfigSchema schema = foundation();
  auto r = load_config_file("/nonexistent/zerodte.toml", schema);
  const std::string issue = only_issue(r);
  EXPECT_TRUE(contains(issue, "/nonexistent/zerodte.toml: cannot read the file")) << issue;
}

// A schema like a later area would register: nested tables and typed arrays of tables.
ConfigSchema strategies_schema() {
  ConfigSchema s;
  register_foundation_sections(s);
  auto& st = s.array_of_tables("strategies", "type");
  auto& ic = st.variant("iron_condor", "Short iron condor");
  ic.add_int("wing_width", 5, "Strikes between short and long legs").range(1, 50);
  ic.add_price("credit_min", "0.50", "Minimum credit");
  auto& orb = st.variant("orb", "Opening range breakout");
  orb.add_duration("range", "15m", "Opening range length").range(60, 3600);
  auto& ex = s.table("execution", "Execution");
  ex.add_duration("ack_timeout", "3s", "Ack timeout");
  s.table("execution.retry", "Retry policy").add_int("max_attempts", 3, "Attempts").range(1, 10);
  return s;
}

TEST(ConfigLoader, ArrayOfTablesWithTypedVariants) {
  const ConfigSchema schema = strategies_schema();
  auto cfg = load_config_string(R"(
[[strategies]]
type = "iron_condor"
name = "ic-spy"
wing_width = 10
credit_min = "0.65"

[[strategies]]
type = "orb"
name = "orb-qqq"
enabled = false
range = "30m"

[execution.retry]
max_attempts = 5
)",
                                "s.toml", schema, fake_env({}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  auto items = cfg->array_of_tables("strategies");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].path(), "strategies[0]");
  EXPECT_EQ(items[0].get<std::string>("type"), "iron_condor");
  EXPECT_EQ(items[0].get<int>("wing_width"), 10);
  EXPECT_EQ(items[0].get<Price>("credit_min"), *Price::parse("0.65"));
  EXPECT_TRUE(items[0].get<bool>("enabled"));
  EXPECT_FALSE(items[1].has("wing_width"));  // keys of another variant are not there
  EXPECT_EQ(items[1].get<Duration>("range"), std::chrono::minutes(30));
  EXPECT_FALSE(items[1].get<bool>("enabled"));
  EXPECT_EQ(cfg->get<int>("execution.retry.max_attempts"), 5);
  EXPECT_EQ(cfg->get<Duration>("execution.ack_timeout"), std::chrono::seconds(3));

  auto bad = load_config_string(R"(
[[strategies]]
type = "iron_condr"
[[strategies]]
type = "orb"
wing_width = 3
[[strategies]]
name = "no type"
)",
                                "s.toml", schema, fake_env({}));
  ASSERT_FALSE(bad);
  const std::string all = format_issues(bad.error());
  EXPECT_EQ(bad.error().size(), 3u) << all;
  EXPECT_TRUE(contains(all,
                       "s.toml:strategies[0].type: unknown type \"iron_condr\"; known: "
                       "\"iron_condor\", \"orb\" (did you mean `iron_condor`?)"))
      << all;
  EXPECT_TRUE(contains(all, "s.toml:strategies[1].wing_width: unknown key")) << all;
  EXPECT_TRUE(contains(all, "s.toml:strategies[2].type: required key is missing")) << all;

  // An invalid selector is reported once (not also as missing).
  auto typed = load_config_string("[[strategies]]\ntype = 5\n", "s.toml", schema, fake_env({}));
  ASSERT_FALSE(typed);
  ASSERT_EQ(typed.error().size(), 1u) << format_issues(typed.error());
  EXPECT_TRUE(contains(typed.error()[0].to_string(),
                       "strategies[0].type: expected a string, got integer 5"));
}

TEST(ConfigLoader, PriceFromStringIsExactFromNumberIsRounded) {
  const ConfigSchema schema = strategies_schema();
  auto cfg = load_config_string(
      "[[strategies]]\ntype = \"iron_condor\"\ncredit_min = 1.1\n"
      "[[strategies]]\ntype = \"iron_condor\"\ncredit_min = 2\n",
      "p.toml", schema, fake_env({}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->array_of_tables("strategies")[0].get<Price>("credit_min").raw(), 1'100'000'000);
  EXPECT_EQ(cfg->array_of_tables("strategies")[1].get<Price>("credit_min"), Price::from_units(2));
  auto bad = load_config_string("[[strategies]]\ntype = \"iron_condor\"\ncredit_min = \"1.2.3\"\n",
                                "p.toml", schema, fake_env({}));
  EXPECT_TRUE(contains(only_issue(bad), "strategies[0].credit_min: expected a price"))
      << only_issue(bad);
}

TEST(ConfigAccess, WrongTypeOrUndeclaredPathThrows) {
  auto cfg = load("");
  ASSERT_TRUE(cfg);
  EXPECT_THROW((void)cfg->get<double>("risk.max_positions"), ConfigAccessError);
  EXPECT_THROW((void)cfg->get<int>("risk.no_such_key"), ConfigAccessError);
  EXPECT_THROW((void)cfg->get<std::int8_t>("server.port"), ConfigAccessError);  // 8080 > 127
  EXPECT_THROW((void)cfg->table("nope"), ConfigAccessError);
  EXPECT_EQ(cfg->find<int>("risk.no_such_key"), std::nullopt);
  EXPECT_EQ(cfg->find<int>("risk.max_positions"), 3);
}

TEST(ConfigLoader, LoadsFromFile) {
  const auto path = std::filesystem::temp_directory_path() / "zerodte_config_loader_test.toml";
  {
    std::ofstream out(path);
    out << "[risk]\nmax_positions = 1\n";
  }
  static const ConfigSchema schema = foundation();
  auto cfg = load_config_file(path, schema, fake_env({}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->source(), path.string());
  EXPECT_EQ(cfg->get<int>("risk.max_positions"), 1);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace zerodte::core::config

namespace zerodte::core::config {
namespace {

TEST(ConfigLoader, IssuesComeInFileOrder) {
  auto r = load("[system]\nzzz = 1\n[risk]\naaa = 2\n[entry]\nno_entry_before = \"15:00\"\n");
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().size(), 3u) << format_issues(r.error());
  EXPECT_EQ(r.error()[0].key, "system.zzz");
  EXPECT_EQ(r.error()[0].line, 2);
  EXPECT_EQ(r.error()[1].key, "risk.aaa");
  EXPECT_EQ(r.error()[2].key, "entry.no_entry_after");  // cross-key rule: no line, last
}

TEST(ConfigLoader, PartialSchemaSkipsUnknownButValidatesKnown) {
  LoadOptions o = fake_env({});
  o.partial_schema = true;
  EXPECT_TRUE(load("[later_area]\nx = 1\n[risk]\nlater_key = 2\n", o));
  const std::string issue =
      only_issue(load("[later_area]\nx = 1\n[risk]\nmax_positions = -1\n", o));
  EXPECT_TRUE(contains(issue, "risk.max_positions: value -1 is out of range")) << issue;
}

// The foundation sections of every shipped config validate with the foundation schema (the full
// check with every area's schema is the `config_check_shipped` test, which runs `zerodte config
// check`). Secrets come from a fake environment.
TEST(ShippedConfigs, FoundationSectionsValidate) {
  LoadOptions o = fake_env({{"APCA_API_KEY_ID", "fake-key-id"}, {"APCA_API_SECRET_KEY", "fake"}});
  o.partial_schema = true;  // later areas' sections and keys are checked by config_check_shipped
  o.register_secrets = false;
  const ConfigSchema schema = foundation();
  int n = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(ZERODTE_SOURCE_DIR) / "config")) {
    if (entry.path().extension() != ".toml") continue;
    auto cfg = load_config_file(entry.path(), schema, o);
    EXPECT_TRUE(cfg) << format_issues(cfg.error());
    ++n;
  }
  EXPECT_GE(n, 3);
  auto paper =
      load_config_file(std::filesystem::path(ZERODTE_SOURCE_DIR) / "config/paper.toml", schema, o);
  ASSERT_TRUE(paper);
  EXPECT_EQ(paper->get<std::string>("system.trading_mode"), "paper");
  EXPECT_EQ(paper->get<std::string>("broker.name"), "sim");
  EXPECT_EQ(paper->get<std::string>("data.source"), "sim");
  EXPECT_EQ(paper->get<std::string>("server.bind"), "127.0.0.1");
  EXPECT_EQ(paper->get<int>("server.port"), 8080);
  EXPECT_EQ(paper->get<std::string>("store.sqlite_path").rfind("var/", 0), 0u);
}

}  // namespace
}  // namespace zerodte::core::config

namespace zerodte::core::config {
namespace {

TEST(ConfigLoader, CredentialNamedKeysInOpenSectionsFollowTheSecretRule) {
  log::clear_secrets_for_testing();
  const std::string issue =
      only_issue(load("[strategy]\nname = \"x\"\nwebhook_token = \"literal-token-123\"\n"));
  EXPECT_TRUE(contains(issue, "strategy.webhook_token: the name marks this as a secret")) << issue;
  EXPECT_FALSE(contains(issue, "literal-token-123")) << issue;
  auto cfg = load("[strategy]\nname = \"x\"\nwebhook_token = \"${TOK}\"\nlookback = 20\n",
                  fake_env({{"TOK", "tok-from-env-42"}}));
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(log::redact("t=tok-from-env-42"), "t=***");
  EXPECT_EQ(cfg->get<std::int64_t>("strategy.lookback"), 20);
  log::clear_secrets_for_testing();
}

}  // namespace
}  // namespace zerodte::core::config

namespace zerodte::core::config {
namespace {

TEST(ConfigLoader, TimeZoneMustBeKnown) {
  auto ok = load("[system]\ntimezone = \"Asia/Kolkata\"\n");
  ASSERT_TRUE(ok) << format_issues(ok.error());
  const std::string issue = only_issue(load("[system]\ntimezone = \"America/NewYork\"\n"));
  EXPECT_TRUE(contains(issue,
                       "system.timezone: value \"America/NewYork\" is invalid: not a known "
                       "IANA time zone"))
      << issue;
}

// Robustness: thousands of random single-byte mutations of a real config never crash the loader,
// and every rejection is a list of issues naming the file with a non-empty message.
TEST(ConfigLoader, RandomMutationsLoadOrReportIssues) {
  std::ifstream in(std::filesystem::path(ZERODTE_SOURCE_DIR) / "config/paper.toml");
  std::ostringstream text;
  text << in.rdbuf();
  // The foundation schema only: the strategies and risk areas register the rest of the file.
  std::string original = text.str();
  original = original.substr(0, original.find("\n# The paper job trades"));
  for (const char* key : {"max_quote_age", "\nspeed = "}) {  // keys of the risk/session schemas
    if (auto p = original.find(key); p != std::string::npos) {
      if (original[p] == '\n') ++p;
      original.erase(p, original.find('\n', p) - p + 1);
    }
  }
  ASSERT_FALSE(original.empty());
  ASSERT_TRUE(load(original)) << format_issues(load(original).error());
  std::mt19937_64 rng(20261125);
  const std::string alphabet = "[]{}=\"'.,#$\\\n 0123456789-:abcxyz_\t";
  int accepted = 0;
  int rejected = 0;
  for (int i = 0; i < 600; ++i) {
    std::string mutated = original;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % mutated.size();
      switch (rng() % 3) {
        case 0:
          mutated[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          mutated.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          mutated.erase(pos, 1);
          break;
      }
    }
    auto r = load(mutated);
    if (r) {
      ++accepted;
      continue;
    }
    ++rejected;
    ASSERT_FALSE(r.error().empty());
    for (const auto& issue : r.error()) {
      ASSERT_EQ(issue.file, "test.toml");
      ASSERT_FALSE(issue.message.empty()) << issue.to_string();
    }
  }
  EXPECT_GT(rejected, 50);  // the mutations do hit the validator
  EXPECT_GT(accepted, 5);   // and some are harmless (comments, equal values)
}

}  // namespace
}  // namespace zerodte::core::config

namespace zerodte::core::config {
namespace {

TEST(ConfigLoader, SecretFromFileIsAcceptedAndRegistered) {
  log::clear_secrets_for_testing();
  const auto path = std::filesystem::temp_directory_path() / "zerodte_loader_secret.txt";
  {
    std::ofstream out(path);
    out << "secret-from-file-0042\n";
  }
  auto cfg = load("[broker]\napi_secret = \"${file:" + path.string() + "}\"\n");
  ASSERT_TRUE(cfg) << format_issues(cfg.error());
  EXPECT_EQ(cfg->get<std::string>("broker.api_secret"), "secret-from-file-0042");
  EXPECT_EQ(log::redact("s=secret-from-file-0042!"), "s=***!");
  std::filesystem::remove(path);
  const std::string issue =
      only_issue(load("[broker]\napi_secret = \"${file:" + path.string() + "}\"\n"));
  EXPECT_TRUE(contains(issue, "broker.api_secret: cannot read secret file")) << issue;
  log::clear_secrets_for_testing();
}

}  // namespace
}  // namespace zerodte::core::config
