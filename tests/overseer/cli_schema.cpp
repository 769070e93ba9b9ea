// The [session] keys for the report/overseer/publish-only binary (the full app registers them in
// run_session.cpp, which also pulls in every data adapter).
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/session/session_spec.hpp"

namespace {
const zerodte::core::config::SchemaRegistrar kSessionSchema{
    "session", 91, &zerodte::session::register_session_keys};
}  // namespace
