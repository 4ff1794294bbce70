#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "registry/client/household_import_client.h"

namespace ansinh::cli {

// The progress of a long import on stderr: "sent 12,500 of 100,000 rows
// (2,341 rows/s)". On a terminal one line is rewritten in place every half
// second; otherwise (a log file, CI) a line is written at every tenth of the
// rows, so logs stay short.
class ProgressLine {
 public:
  // Quiet when there are fewer than `threshold` rows.
  ProgressLine(int64_t rows_total, int64_t threshold);

  void Update(const registry::client::ImportProgress& progress);
  // Ends the line on a terminal, after the last update.
  void Finish();

 private:
  bool enabled_;
  bool terminal_;
  int64_t rows_total_;
  int64_t next_tenth_ = 1;
  std::chrono::steady_clock::time_point last_drawn_{};
  bool drawn_ = false;
  int64_t last_rows_ = -1;
};

}  // namespace ansinh::cli
