#pragma once

// The PDF as a reader's tools see it: poppler-utils' pdftotext, pdfinfo,
// pdffonts and pdfimages (deploy/local/packages.txt; make test installs
// them), run on a file the test wrote. A tool that is not installed fails
// the test with a message naming the package: nothing is skipped.

#include <string>
#include <vector>

namespace ansinh::report_document::fixtures {

// The program's standard output; fails the current test (and returns "")
// when it is not on PATH or exits with an error.
std::string RunTool(const std::vector<std::string>& arguments);

// The text of the whole document, or of one page (from 1), in NFC.
std::string PdfText(const std::string& path);
std::string PdfPageText(const std::string& path, int page);
// pdfinfo's "Pages:".
int PdfPageCount(const std::string& path);
// pdfinfo's "Title:", in NFC.
std::string PdfTitle(const std::string& path);
// The names of the embedded fonts (pdffonts), e.g. "ABCDEF+DejaVuSans".
std::vector<std::string> PdfFontNames(const std::string& path);
// How many images pdfimages lists (0 for a document all in vectors).
int PdfImageCount(const std::string& path);

// `text` in Unicode normalisation form C (precomposed letters).
std::string Nfc(const std::string& text);

// `text` with every run of white space (pdftotext's line and column breaks
// included) made one space, so that a heading the page wrapped still reads
// as one string.
std::string CollapseWhitespace(const std::string& text);

// A directory of its own under the system's temporary directory, removed
// with everything in it when this goes.
class ScratchDirectory {
 public:
  ScratchDirectory();
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ansinh::report_document::fixtures
