// `zerodte sentiment score|eval|train`: score texts with a sentiment model, measure a model on a
// labelled set, and train the linear model.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/sentiment/consensus_scorer.hpp"
#include "zerodte/sentiment/dataset.hpp"
#include "zerodte/sentiment/evaluation.hpp"
#include "zerodte/sentiment/linear_model.hpp"
#include "zerodte/sentiment/llm_scorer.hpp"
#include "zerodte/sentiment/scorer_factory.hpp"

namespace {

namespace zs = zerodte::sentiment;

struct Options {
  std::string model = "linear";
  std::string model_path;
  std::string input;
  std::string format = "csv";
  std::string column = "text";
  std::string label_column = "label";
  std::string label_map;
  std::string split = "all";
  std::string out;
  int epochs = 12;
  std::uint64_t seed = 42;
  std::uint32_t bits = 18;
  double lr = 0.5;
  double l2 = 1e-6;
  bool no_lexicon_features = false;
  bool no_char_ngrams = false;
  std::string llm_api = "openai";  // openai | anthropic
  std::string llm_url;             // default: the provider's public endpoint
  std::string llm_model;
  std::string llm_key_env;
  double llm_timeout_s = 5.0;
  bool no_average = false;
};

zerodte::core::Result<zs::LlmConfig> llm_config(const Options& o) {
  zs::LlmConfig c;
  if (o.llm_api == "anthropic")
    c = zs::LlmConfig::claude();
  else if (o.llm_api == "openai")
    c = zs::LlmConfig::groq_llama();
  else
    return zerodte::core::fail(zerodte::core::ErrorCode::kConfig,
                               "--llm-api '{}': expected openai or anthropic", o.llm_api);
  if (!o.llm_url.empty()) c.base_url = o.llm_url;
  if (!o.llm_model.empty()) c.model = o.llm_model;
  if (!o.llm_key_env.empty()) c.api_key_env = o.llm_key_env == "none" ? "" : o.llm_key_env;
  c.timeout = std::chrono::duration_cast<zerodte::core::Duration>(
      std::chrono::duration<double>(o.llm_timeout_s));
  return c;
}

zerodte::core::Result<std::unique_ptr<zs::Scorer>> make_scorer(const Options& o) {
  if (o.model == "llm") {
    auto c = llm_config(o);
    if (!c) return std::unexpected(c.error());
    return std::unique_ptr<zs::Scorer>(std::make_unique<zs::LlmScorer>(*c));
  }
  if (o.model == "consensus") {
    if (o.llm_url.empty() && o.llm_key_env.empty())
      return zs::make_local_consensus_scorer(o.model_path);
    // Local models plus the LLM, combined synchronously (the CLI waits for the LLM).
    std::vector<std::unique_ptr<zs::Scorer>> v;
    for (const char* name : {"linear", "lexicon"}) {
      auto s = zs::make_local_scorer(name, std::string_view(name) == "linear" ? o.model_path : "");
      if (!s) return std::unexpected(s.error());
      v.push_back(std::move(*s));
    }
    auto c = llm_config(o);
    if (!c) return std::unexpected(c.error());
    v.push_back(std::make_unique<zs::LlmScorer>(*c));
    return std::unique_ptr<zs::Scorer>(std::make_unique<zs::ConsensusScorer>(std::move(v)));
  }
  return zs::make_local_scorer(o.model, o.model_path);
}

void add_llm_options(CLI::App* c, Options& o) {
  c->add_option("--llm-api", o.llm_api,
                "LLM API: openai (chat completions: Groq, llama.cpp, vLLM) | anthropic");
  c->add_option("--llm-url", o.llm_url, "LLM base URL, e.g. http://127.0.0.1:8080/v1");
  c->add_option("--llm-model", o.llm_model, "LLM model name");
  c->add_option("--llm-key-env", o.llm_key_env,
                "Environment variable holding the API key ('none' for no key)");
  c->add_option("--llm-timeout", o.llm_timeout_s, "LLM request timeout in seconds");
}

int run_score(const Options& o) {
  auto scorer = make_scorer(o);
  if (!scorer) {
    fmt::print(stderr, "error: {}\n", scorer.error().to_string());
    return 2;
  }
  std::vector<std::string> texts;
  if (o.input.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      texts.push_back(std::move(line));
    }
  } else {
    zs::DatasetSpec spec;
    auto table =
        o.format == "phrasebank" ? zs::read_phrasebank_file(o.input) : zs::read_csv_file(o.input);
    if (!table) {
      fmt::print(stderr, "error: {}\n", table.error().to_string());
      return 2;
    }
    std::size_t col = table->header.size();
    for (std::size_t i = 0; i < table->header.size(); ++i) {
      if (table->header[i] == o.column) col = i;
    }
    if (col == table->header.size()) {
      fmt::print(stderr, "error: {}: no column '{}'\n", o.input, o.column);
      return 2;
    }
    for (auto& row : table->rows)
      texts.push_back(std::move(row[col]));
  }
  std::string out = "score,label,confidence\n";
  for (const auto& t : texts) {
    auto r = (*scorer)->score(t);
    if (!r) {
      fmt::print(stderr, "error: {}\n", r.error().to_string());
      return 1;
    }
    out += fmt::format("{:.4f},{},{:.4f}\n", r->score, zs::to_string(r->label), r->confidence);
  }
  fmt::print("{}", out);
  return 0;
}

int run_eval(const Options& o) {
  auto scorer = make_scorer(o);
  if (!scorer) {
    fmt::print(stderr, "error: {}\n", scorer.error().to_string());
    return 2;
  }
  zs::DatasetSpec spec{o.input, o.format, o.column, o.label_column, o.label_map, o.split};
  auto data = zs::load_dataset(spec);
  if (!data) {
    fmt::print(stderr, "error: {}\n", data.error().to_string());
    return 2;
  }
  std::vector<zs::Label> truth, pred;
  for (const auto& ex : *data) {
    auto r = (*scorer)->score(ex.text);
    if (!r) {
      fmt::print(stderr, "error: {}\n", r.error().to_string());
      return 1;
    }
    truth.push_back(ex.label);
    pred.push_back(r->label);
  }
  fmt::print("model,{}\n{}", o.model, zs::format_report(zs::evaluate(truth, pred)));
  return 0;
}

int run_train(const Options& o) {
  zs::DatasetSpec spec{o.input, o.format, o.column, o.label_column, o.label_map, o.split};
  auto data = zs::load_dataset(spec);
  if (!data) {
    fmt::print(stderr, "error: {}\n", data.error().to_string());
    return 2;
  }
  zs::LinearConfig cfg;
  cfg.bits = o.bits;
  cfg.lexicon_features = !o.no_lexicon_features;
  cfg.char_ngrams = !o.no_char_ngrams;
  zs::TrainConfig tc;
  tc.epochs = o.epochs;
  tc.seed = o.seed;
  tc.learning_rate = o.lr;
  tc.l2 = o.l2;
  tc.average = !o.no_average;
  auto model = zs::LinearModel::train(*data, cfg, tc);
  if (!model) {
    fmt::print(stderr, "error: {}\n", model.error().to_string());
    return 2;
  }
  if (auto st = model->save(o.out); !st) {
    fmt::print(stderr, "error: {}\n", st.error().to_string());
    return 1;
  }
  fmt::print("trained on {} examples -> {}\n", data->size(), o.out);
  return 0;
}

void add_data_options(CLI::App* c, Options& o) {
  c->add_option("--format", o.format, "Input format: csv | phrasebank (sentence@label, Latin-1)");
  c->add_option("--label-column", o.label_column, "Label column (csv)");
  c->add_option("--label-map", o.label_map, "Label map, e.g. 0=negative,1=positive,2=neutral");
  c->add_option("--split", o.split, "Rows to use: all | holdout:P | train:P (stable text hash)");
}

void setup(CLI::App& app, int& exit_code) {
  static Options o;
  auto* cmd = app.add_subcommand("sentiment", "Sentiment models: score, eval, train");
  cmd->require_subcommand(1);

  auto* score = cmd->add_subcommand(
      "score", "Score texts (stdin lines or --input CSV); prints CSV score,label,confidence");
  score->add_option("--model", o.model, "lexicon | vader | linear | llm | consensus");
  add_llm_options(score, o);
  score->add_option("--model-file", o.model_path, "Linear model file (default: shipped model)");
  score->add_option("--input", o.input, "CSV file (default: one text per line on stdin)");
  score->add_option("--column", o.column, "Text column of --input");
  score->add_option("--format", o.format, "Input format: csv | phrasebank");
  score->callback([&exit_code] { exit_code = run_score(o); });

  auto* eval =
      cmd->add_subcommand("eval", "Accuracy, macro-F1 and confusion matrix on a labelled set");
  eval->add_option("--model", o.model, "lexicon | vader | linear | llm | consensus");
  add_llm_options(eval, o);
  eval->add_option("--model-file", o.model_path, "Linear model file (default: shipped model)");
  eval->add_option("--input", o.input, "Labelled file")->required();
  eval->add_option("--text-column", o.column, "Text column (csv)");
  add_data_options(eval, o);
  eval->callback([&exit_code] { exit_code = run_eval(o); });

  auto* train = cmd->add_subcommand("train", "Train the linear model (deterministic for a seed)");
  train->add_option("--data", o.input, "Labelled CSV")->required();
  train->add_option("--out", o.out, "Model file to write")->required();
  train->add_option("--text-column", o.column, "Text column");
  add_data_options(train, o);
  train->add_option("--epochs", o.epochs, "Passes over the data");
  train->add_option("--seed", o.seed, "Shuffle seed");
  train->add_option("--bits", o.bits, "Hashed feature space 2^bits (10..24)");
  train->add_option("--lr", o.lr, "AdaGrad learning rate");
  train->add_option("--l2", o.l2, "L2 penalty");
  train->add_flag("--no-lexicon-features", o.no_lexicon_features,
                  "Do not use the lexicon score as features");
  train->add_flag("--no-char-ngrams", o.no_char_ngrams, "Word features only");
  train->add_flag("--no-average", o.no_average, "Keep the last weights instead of the average");
  train->callback([&exit_code] { exit_code = run_train(o); });
}

const zerodte::app::CommandRegistrar kRegistrar{"sentiment", 40, &setup};

}  // namespace
