#include "redis/redis_reply.h"

#include <hiredis/hiredis.h>

#include <string_view>

#include "redis/redis_error.h"

namespace ansinh::redis {

Reply Reply::FromHiredis(const redisReply* reply) {
  Reply out;
  if (reply == nullptr) return out;
  switch (reply->type) {
    case REDIS_REPLY_STRING:
      out.type = Type::kString;
      out.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Type::kStatus;
      out.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Type::kError;
      out.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Type::kInteger;
      out.integer = reply->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Type::kArray;
      out.elements.reserve(reply->elements);
      for (size_t i = 0; i < reply->elements; ++i) {
        out.elements.push_back(FromHiredis(reply->element[i]));
      }
      break;
    default:
      out.type = Type::kNil;
  }
  return out;
}

void ThrowErrorReply(const std::string& reply, const std::string& context) {
  const std::string_view text(reply);
  if (text.starts_with("LOADING") || text.starts_with("MASTERDOWN") || text.starts_with("BUSY ")) {
    throw ServerNotReadyError(context + reply);
  }
  throw ReplyError(context + reply);
}

const std::string& Reply::AsString() const {
  if (type == Type::kString || type == Type::kStatus) return str;
  if (type == Type::kError) ThrowErrorReply(str);
  throw ReplyError("expected a string reply");
}

long long Reply::AsInteger() const {
  if (type == Type::kInteger) return integer;
  if (type == Type::kError) ThrowErrorReply(str);
  throw ReplyError("expected an integer reply");
}

}  // namespace ansinh::redis
