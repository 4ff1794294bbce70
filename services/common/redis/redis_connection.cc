#include "redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <string_view>

#include "redis/cluster_router.h"
#include "redis/redis_error.h"
#include "redis/single_slot.h"

namespace ansinh::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

struct ArgvView {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  explicit ArgvView(const Args& args) {
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
  }
};

struct ReplyDeleter {
  void operator()(void* reply) const { freeReplyObject(reply); }
};
using HiredisReplyPtr = std::unique_ptr<void, ReplyDeleter>;

bool IsNamed(const Args& args, std::string_view name) {
  return !args.empty() && args[0].size() == name.size() &&
         std::equal(name.begin(), name.end(), args[0].begin(),
                    [](char a, char b) { return std::toupper(static_cast<unsigned char>(b)) == a; });
}

}  // namespace

void Connection::CheckWatchedSlot(const std::vector<Args>& commands) {
  int multi_slot = -1;
  if (std::any_of(commands.begin(), commands.end(),
                  [](const Args& args) { return IsNamed(args, "MULTI"); })) {
    multi_slot = SingleSlotOf(commands);  // throws CrossSlotError
  }
  for (const Args& args : commands) {
    if (IsNamed(args, "WATCH")) {
      const int slot = SlotOfCommand(args);
      if (watched_slot_ >= 0 && slot >= 0 && slot != watched_slot_) {
        throw CrossSlotError("redis WATCH on slot " + std::to_string(slot) + " after a WATCH on slot " +
                             std::to_string(watched_slot_) + ": a transaction watches keys of one slot");
      }
      if (slot >= 0) watched_slot_ = slot;
    } else if (IsNamed(args, "MULTI")) {
      // Refused before anything is sent, so the server still watches:
      // the slot stays until the caller's UNWATCH, EXEC or DISCARD.
      if (watched_slot_ >= 0 && multi_slot >= 0 && multi_slot != watched_slot_) {
        throw CrossSlotError("redis transaction on slot " + std::to_string(multi_slot) +
                             " after a WATCH on slot " + std::to_string(watched_slot_) +
                             ": a transaction and its WATCH must share one slot");
      }
    } else if (IsNamed(args, "EXEC") || IsNamed(args, "UNWATCH") || IsNamed(args, "DISCARD")) {
      watched_slot_ = -1;
    }
  }
}

void Connection::ContextDeleter::operator()(redisContext* context) const { redisFree(context); }

Connection::Connection(RedisOptions options) : options_(std::move(options)) {
  if (options_.cluster) cluster_ = std::make_unique<ClusterRouter>(options_);
}

Connection::~Connection() = default;

void Connection::Disconnect() {
  context_.reset();
  if (cluster_) cluster_->Disconnect();
}

bool Connection::connected() const { return cluster_ ? cluster_->connected() : context_ != nullptr; }

void Connection::FailConnection(const std::string& during) {
  std::string detail = context_ ? context_->errstr : "no context";
  const bool timed_out =
      context_ && context_->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
  context_.reset();
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  if (timed_out) throw TimeoutError("redis " + where + " timed out during " + during);
  throw ConnectionError("redis " + where + " unreachable during " + during + ": " + detail);
}

void Connection::SetSocketTimeout(std::chrono::milliseconds timeout) {
  if (redisSetTimeout(context_.get(), ToTimeval(timeout)) != REDIS_OK) FailConnection("set timeout");
}

redisContext& Connection::EnsureConnected() {
  if (context_) return *context_;
  watched_slot_ = -1;  // a new connection watches nothing
  context_.reset(
      redisConnectWithTimeout(options_.host.c_str(), options_.port, ToTimeval(options_.connect_timeout)));
  if (!context_ || context_->err) FailConnection("connect");
  SetSocketTimeout(options_.command_timeout);
  redisEnableKeepAlive(context_.get());

  std::vector<Args> setup;
  if (!options_.password.empty()) {
    setup.push_back(options_.user.empty() ? Args{"AUTH", options_.password}
                                          : Args{"AUTH", options_.user, options_.password});
  }
  if (!options_.client_name.empty()) setup.push_back({"CLIENT", "SETNAME", options_.client_name});
  for (const auto& command : setup) {
    ArgvView view(command);
    HiredisReplyPtr raw(redisCommandArgv(context_.get(), static_cast<int>(view.argv.size()), view.argv.data(),
                                         view.lengths.data()));
    if (!raw) FailConnection(command[0]);
    Reply reply = Reply::FromHiredis(static_cast<redisReply*>(raw.get()));
    if (reply.IsError()) {
      context_.reset();
      // Never include the password itself in the message.
      const std::string who =
          command[0] == "AUTH" ? " as user " + (options_.user.empty() ? "default" : options_.user) : "";
      throw ReplyError("redis refused " + command[0] + who + ": " + reply.str);
    }
  }
  return *context_;
}

Reply Connection::Command(const Args& args) {
  if (cluster_) return cluster_->Command(args);
  redisContext& context = EnsureConnected();
  if (options_.check_single_slot) CheckWatchedSlot({args});
  ArgvView view(args);
  HiredisReplyPtr raw(
      redisCommandArgv(&context, static_cast<int>(view.argv.size()), view.argv.data(), view.lengths.data()));
  if (!raw) FailConnection(args.empty() ? "command" : args[0]);
  Reply reply = Reply::FromHiredis(static_cast<redisReply*>(raw.get()));
  if (reply.IsError()) ThrowErrorReply(reply.str);
  return reply;
}

std::vector<Reply> Connection::Pipeline(const std::vector<Args>& commands) {
  if (cluster_) return cluster_->Pipeline(commands);
  std::vector<Reply> replies;
  if (commands.empty()) return replies;
  redisContext& context = EnsureConnected();
  if (options_.check_single_slot) CheckWatchedSlot(commands);
  for (const auto& args : commands) {
    ArgvView view(args);
    if (redisAppendCommandArgv(&context, static_cast<int>(view.argv.size()), view.argv.data(),
                               view.lengths.data()) != REDIS_OK) {
      FailConnection("pipeline append");
    }
  }
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(&context, &raw) != REDIS_OK) FailConnection("pipeline " + commands[i][0]);
    HiredisReplyPtr owned(raw);
    replies.push_back(Reply::FromHiredis(static_cast<redisReply*>(raw)));
  }
  return replies;
}

Reply Connection::BlockingCommand(const Args& args, std::chrono::milliseconds block) {
  if (cluster_) return cluster_->BlockingCommand(args, block);
  EnsureConnected();
  SetSocketTimeout(block + options_.command_timeout);
  Reply reply = Command(args);
  // Command() may have dropped the context on error; only reset a live one.
  if (context_) SetSocketTimeout(options_.command_timeout);
  return reply;
}

bool Connection::Ping() noexcept {
  try {
    return Command({"PING"}).str == "PONG";
  } catch (const RedisError&) {
    return false;
  }
}

}  // namespace ansinh::redis
