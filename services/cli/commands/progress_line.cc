#include "commands/progress_line.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands/registry_output.h"
#include "words.h"

namespace ansinh::cli {

ProgressLine::ProgressLine(int64_t rows_total, int64_t threshold)
    : enabled_(rows_total >= threshold), terminal_(isatty(STDERR_FILENO) == 1), rows_total_(rows_total) {}

void ProgressLine::Update(const registry::client::ImportProgress& progress) {
  if (!enabled_ || progress.rows_sent == last_rows_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = progress.rows_sent >= rows_total_;
  if (terminal_) {
    if (!last && drawn_ && now - last_drawn_ < std::chrono::milliseconds(500)) return;
  } else {
    if (!last && progress.rows_sent * 10 < next_tenth_ * rows_total_) return;
    while (next_tenth_ * rows_total_ <= progress.rows_sent * 10) ++next_tenth_;
  }
  last_drawn_ = now;
  last_rows_ = progress.rows_sent;
  drawn_ = true;
  std::cerr << (terminal_ ? "\r" : "")
            << Tr(last ? "cli.progress_line.sent_waiting" : "cli.progress_line.sent",
                  {{"sent", Grouped(progress.rows_sent)},
                   {"total", Grouped(rows_total_)},
                   {"rate", Grouped(static_cast<int64_t>(progress.RowsPerSecond() + 0.5))}})
            << (terminal_ ? "   " : "\n") << std::flush;
}

void ProgressLine::Finish() {
  if (enabled_ && terminal_ && drawn_) std::cerr << "\n";
}

}  // namespace ansinh::cli
