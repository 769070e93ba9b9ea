// `zerodte archive ...`: the compliance archive (store/archive.hpp).
//   zerodte archive verify --archive DIR [--day YYYY-MM-DD]    every sha256 in every manifest
//   zerodte archive add --archive DIR --day D --class C FILE...  compress and record files
//   zerodte archive rotate --journal DIR --archive DIR --day D   move rolled journal segments of
//                                                                days up to D into the archive
//   zerodte archive retain --archive DIR --today D [--keep ticks=2,bars_1m=92,...]
//   zerodte archive index --archive DIR --day D                 what the day holds (no scan)
// Exit codes: 0 ok, 1 verification problems, 2 usage or I/O error.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/store/archive.hpp"

namespace {

namespace st = zerodte::store;
using zerodte::core::Date;

struct ArchiveOptions {
  std::string archive;
  std::string journal;
  std::string day;
  std::string today;
  std::string cls;
  std::string keep;
  std::vector<std::string> files;
};

std::optional<Date> parse_day(const std::string& s, const char* what) {
  auto d = Date::parse(s);
  if (!d) {
    fmt::print(stderr, "zerodte archive: {} '{}': {}\n", what, s, d.error().to_string());
    return std::nullopt;
  }
  return *d;
}

int verify(const ArchiveOptions& o) {
  std::optional<Date> day;
  if (!o.day.empty()) {
    day = parse_day(o.day, "--day");
    if (!day) return 2;
  }
  auto rep = st::Archive(o.archive).verify(day);
  if (!rep) {
    fmt::print(stderr, "zerodte archive verify: {}\n", rep.error().to_string());
    return 2;
  }
  for (const auto& p : rep->problems)
    fmt::print("FAILED {}\n", p);
  fmt::print("{}: {} days, {} files checked, {} problems\n", rep->ok() ? "ok" : "FAILED", rep->days,
             rep->files, rep->problems.size());
  return rep->ok() ? 0 : 1;
}

int add(const ArchiveOptions& o) {
  auto day = parse_day(o.day, "--day");
  if (!day) return 2;
  st::Archive ar(o.archive);
  for (const auto& f : o.files) {
    auto e = ar.add_file(*day, o.cls, f);
    if (!e) {
      fmt::print(stderr, "zerodte archive add: {}\n", e.error().to_string());
      return 2;
    }
    fmt::print("{}/{}/{}: {} -> {} bytes\n", day->to_string(), e->cls, e->name, e->raw_bytes,
               e->stored_bytes);
  }
  return 0;
}

int rotate(const ArchiveOptions& o) {
  auto day = parse_day(o.day, "--day");
  if (!day) return 2;
  auto rep = st::Archive(o.archive).rotate_journal(o.journal, *day);
  if (!rep) {
    fmt::print(stderr, "zerodte archive rotate: {}\n", rep.error().to_string());
    return 2;
  }
  for (const auto& e : rep->archived)
    fmt::print("archived {} (sequences {}..{})\n", e.name, e.first_seq, e.last_seq);
  fmt::print("{} segments archived\n", rep->archived.size());
  return 0;
}

int retain(const ArchiveOptions& o) {
  auto today = parse_day(o.today, "--today");
  if (!today) return 2;
  auto policy = o.keep.empty()
                    ? zerodte::core::Result<st::RetentionPolicy>(st::RetentionPolicy::defaults())
                    : st::RetentionPolicy::parse(o.keep);
  if (!policy) {
    fmt::print(stderr, "zerodte archive retain: {}\n", policy.error().to_string());
    return 2;
  }
  auto rep = st::Archive(o.archive).apply_retention(*today, *policy);
  if (!rep) {
    fmt::print(stderr, "zerodte archive retain: {}\n", rep.error().to_string());
    return 2;
  }
  for (const auto& r : rep->removed)
    fmt::print("removed {}\n", r);
  return 0;
}

int index(const ArchiveOptions& o) {
  auto day = parse_day(o.day, "--day");
  if (!day) return 2;
  auto idx = st::Archive(o.archive).index(*day);
  if (!idx) {
    fmt::print(stderr, "zerodte archive index: {}\n", idx.error().to_string());
    return 2;
  }
  for (const auto& e : *idx)
    fmt::print("{}/{} raw {} stored {} seq {}..{} sha256 {}\n", e.cls, e.name, e.raw_bytes,
               e.stored_bytes, e.first_seq, e.last_seq, e.raw_sha256);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ArchiveOptions>();
  auto* cmd =
      app.add_subcommand("archive", "Compliance archive: verify, add, rotate, retain, index");
  cmd->require_subcommand(1);
  auto* v = cmd->add_subcommand("verify", "Check every checksum of every day (or one day)");
  v->add_option("--archive", o->archive, "archive root")->required();
  v->add_option("--day", o->day, "YYYY-MM-DD");
  v->callback([o, &exit_code] { exit_code = verify(*o); });
  auto* a = cmd->add_subcommand("add", "Compress and record files for a day and class");
  a->add_option("--archive", o->archive, "archive root")->required();
  a->add_option("--day", o->day, "YYYY-MM-DD")->required();
  a->add_option("--class", o->cls, "retention class (ticks, bars_1m, orders, ...)")->required();
  a->add_option("files", o->files, "files")->required();
  a->callback([o, &exit_code] { exit_code = add(*o); });
  auto* r = cmd->add_subcommand(
      "rotate", "Move rolled journal segments of days up to --day into the archive");
  r->add_option("--journal", o->journal, "journal directory")->required();
  r->add_option("--archive", o->archive, "archive root")->required();
  r->add_option("--day", o->day, "YYYY-MM-DD")->required();
  r->callback([o, &exit_code] { exit_code = rotate(*o); });
  auto* t = cmd->add_subcommand("retain", "Delete classes older than their retention");
  t->add_option("--archive", o->archive, "archive root")->required();
  t->add_option("--today", o->today, "YYYY-MM-DD")->required();
  t->add_option("--keep", o->keep,
                "class=days,... (default: "
                "ticks=2,quotes=2,bars_1m=92,journal/orders/fills/explanations=2557)");
  t->callback([o, &exit_code] { exit_code = retain(*o); });
  auto* i = cmd->add_subcommand("index", "List what a day holds");
  i->add_option("--archive", o->archive, "archive root")->required();
  i->add_option("--day", o->day, "YYYY-MM-DD")->required();
  i->callback([o, &exit_code] { exit_code = index(*o); });
}

const zerodte::app::CommandRegistrar kRegistrar{"archive", 61, &setup};

}  // namespace
