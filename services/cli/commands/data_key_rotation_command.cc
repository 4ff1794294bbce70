#include "commands/data_key_rotation_command.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include <unistd.h>

#include "events/admin_actions.h"
#include "personal_data/data_key_rotation.h"
#include "personal_data/key_ring.h"
#include "redis_args.h"
#include "words.h"

namespace ansinh::cli {
namespace {

struct RotationArgs {
  std::string keys_dir = "var/keys/personal-data";
  RedisArgs redis;
  bool retire = false;
};

// The partition count the services recorded (1 before any started).
int RecordedPartitions(redis::Connection& redis) {
  const redis::Reply reply = redis.Command({"GET", "ansinh:config:partitions"});
  return reply.IsNil() ? 1 : std::stoi(reply.str);
}

// Who ran the command, for its audit entries: it authenticates to Redis, not
// with a token, so the entry names the operator's login and machine.
v1::Actor Operator() {
  const char* login = std::getenv("USER");
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  v1::Actor actor;
  actor.set_name("operator " + std::string(login != nullptr && *login != '\0' ? login : "unknown") + "@" +
                 std::string(host[0] != '\0' ? host : "unknown") + " (ansinh admin rotate-data-keys)");
  return actor;
}

// An entry of the audit chain (events/admin_actions.h), written before what
// it records: the rotation's start before any key is wrapped again, its end
// before any key file is removed.
void Record(redis::Connection& redis, const events::AdminAction& action) {
  events::RecordAdminAction(redis, events::AdminActionEnvelope(Operator(), "", action), 1);
}

int Rotate(const RotationArgs& args) {
  namespace fs = std::filesystem;
  personal_data::KeyRing before(args.keys_dir);
  const std::string previous = before.Current().id;
  const std::string made =
      personal_data::CreateKek(args.keys_dir, personal_data::KekIdAt(std::chrono::system_clock::now()));
  std::cout << Tr("cli.keys.created", {{"kek", made}, {"dir", args.keys_dir}}) << "\n";
  // Running services read the directory again within their refresh
  // interval; from then on the keys they make are wrapped by the new KEK.
  std::this_thread::sleep_for(personal_data::KeyRing::kRefreshInterval + std::chrono::seconds(1));

  personal_data::KeyRing ring(args.keys_dir);
  redis::Connection redis(args.redis.Options("ansinh-cli-keys"));
  const int partitions = RecordedPartitions(redis);
  Record(redis, events::AdminAction("data_keys.rotation_started", "key-encryption-key", made)
                    .With("previous_kek", previous)
                    .With("partitions", std::to_string(partitions)));
  personal_data::RotationReport report = personal_data::RewrapAllDataKeys(redis, partitions, ring);
  // A service that had not seen the new KEK yet may have wrapped a key with
  // an older one during the pass: a second pass takes those.
  if (!report.remaining_by_kek.empty()) {
    const personal_data::RotationReport again = personal_data::RewrapAllDataKeys(redis, partitions, ring);
    report.rewrapped += again.rewrapped;
    report.remaining_by_kek = again.remaining_by_kek;
    report.unreadable = again.unreadable;
  }
  std::cout << Tr("cli.keys.rewrapped", {{"count", report.rewrapped},
                                         {"current", report.already_current},
                                         {"kek", report.current_kek},
                                         {"partitions", partitions}})
            << "\n";
  for (const std::string& household : report.unreadable) {
    std::cout << Tr("cli.keys.unreadable", {{"household", household}}) << "\n";
  }
  for (const auto& [kek, count] : report.remaining_by_kek) {
    std::cout << Tr("cli.keys.remaining", {{"kek", kek}, {"count", count}}) << "\n";
  }

  // A key that unwrapped with no KEK keeps every older file: one of them may
  // yet be the one it needs.
  std::vector<std::string> retiring;
  if (args.retire && report.unreadable.empty()) {
    for (const std::string& id : ring.Ids()) {
      if (id != report.current_kek && !report.remaining_by_kek.contains(id)) retiring.push_back(id);
    }
  }
  events::AdminAction rotated("data_keys.rotated", "key-encryption-key", report.current_kek);
  rotated.With("rewrapped", std::to_string(report.rewrapped))
      .With("already_current", std::to_string(report.already_current))
      .With("unreadable", std::to_string(report.unreadable.size()));
  for (const auto& [kek, count] : report.remaining_by_kek) {
    rotated.With("still_wrapped_by", kek + ": " + std::to_string(count));
  }
  for (const std::string& id : retiring) rotated.With("retired_kek", id);
  Record(redis, rotated);
  if (args.retire && report.unreadable.empty()) {
    for (const std::string& id : retiring) {
      fs::remove(fs::path(args.keys_dir) / (id + ".kek"));
      std::cout << Tr("cli.keys.retired", {{"kek", id}}) << "\n";
    }
  } else {
    std::cout << Tr("cli.keys.keep_previous", {{"kek", previous}}) << "\n";
  }
  return report.unreadable.empty() && report.remaining_by_kek.empty() ? 0 : 2;
}

}  // namespace

void AddDataKeyRotationCommand(CLI::App& admin, int& exit_code) {
  auto args = std::make_shared<RotationArgs>();
  auto* rotate = admin.add_subcommand("rotate-data-keys", Tr("help.admin.rotate_data_keys"));
  rotate->add_option("--keys-dir", args->keys_dir, Tr("help.admin.rotate_data_keys.keys_dir"))
      ->envname("ANSINH_PERSONAL_DATA_KEYS_DIR")
      ->capture_default_str();
  rotate->add_flag("--retire", args->retire, Tr("help.admin.rotate_data_keys.retire"));
  AddRedisOptions(*rotate, args->redis);
  rotate->callback([&exit_code, args] {
    try {
      exit_code = Rotate(*args);
    } catch (const std::exception& error) {
      std::cerr << Tr("cli.keys.failed", {{"error", error.what()}}) << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace ansinh::cli
