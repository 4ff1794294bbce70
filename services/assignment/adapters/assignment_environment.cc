#include "assignment/adapters/assignment_environment.h"

namespace ansinh::assignment {

v1::Actor ServiceActor() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name("assignment");
  return actor;
}

}  // namespace ansinh::assignment
