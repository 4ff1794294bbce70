#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct redisReply;

namespace ansinh::redis {

// An owned copy of a hiredis reply, so no hiredis type leaks past the
// connection and replies outlive the context that produced them.
struct Reply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };

  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<Reply> elements;

  static Reply FromHiredis(const redisReply* reply);

  bool IsNil() const { return type == Type::kNil; }
  bool IsError() const { return type == Type::kError; }
  bool IsArray() const { return type == Type::kArray; }
  // The reply as text; throws ReplyError when it is not a string or status.
  const std::string& AsString() const;
  long long AsInteger() const;
};

}  // namespace ansinh::redis
