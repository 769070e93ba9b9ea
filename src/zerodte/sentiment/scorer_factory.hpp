#pragma once
// Builds a scorer by name: "lexicon" (finance rules), "vader" (plain VADER), "linear" (the shipped
// or a given model file). Model backends that need a network or libtorch ("llm", "finbert") are
// built by their own factories.
#include <memory>
#include <string>

#include "zerodte/sentiment/scorer.hpp"

namespace zerodte::sentiment {

core::Result<std::unique_ptr<Scorer>> make_local_scorer(const std::string& name,
                                                        const std::string& model_path = {});

}  // namespace zerodte::sentiment
