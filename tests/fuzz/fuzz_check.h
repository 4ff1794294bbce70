// The fuzzers' assertion: a broken property of the code under test aborts
// with a message, which libFuzzer records as a crash with its input (and the
// replay test reports as a failure). Active in every build type.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ANSINH_FUZZ_CHECK(condition, what)                                                               \
  do {                                                                                                   \
    if (!(condition)) {                                                                                  \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s (%s)\n", __FILE__, __LINE__, #condition, what); \
      std::abort();                                                                                      \
    }                                                                                                    \
  } while (false)
