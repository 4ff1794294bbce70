#pragma once

namespace ansinh::server {

// SIGINT and SIGTERM are blocked in every thread (call BlockShutdownSignals
// first thing in main, before any thread starts) and taken synchronously by
// WaitForShutdownSignal, so shutdown runs as ordinary code, not in a handler.
void BlockShutdownSignals();
// Returns the signal number received.
int WaitForShutdownSignal();

}  // namespace ansinh::server
