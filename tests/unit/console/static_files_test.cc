#include "console/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

namespace ansinh::console {
namespace {

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("console-static-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root_ / "web" / "js");
    std::ofstream(root_ / "web" / "index.html") << "<!doctype html>";
    std::ofstream(root_ / "web" / "js" / "api.js") << "export {}";
    std::ofstream(root_ / "secret.txt") << "not for the web";
    std::filesystem::create_symlink(root_ / "secret.txt", root_ / "web" / "link.txt");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path web() const { return root_ / "web"; }

  std::filesystem::path root_;
};

TEST_F(StaticFiles, FilesUnderTheRootAreServed) {
  const auto file = ResolveStaticFile(web(), "js/api.js");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->filename(), "api.js");
  EXPECT_TRUE(ResolveStaticFile(web(), "index.html").has_value());
}

TEST_F(StaticFiles, NothingOutsideTheRootIsReached) {
  for (const char* path : {"../secret.txt", "js/../../secret.txt", "/etc/passwd", "js/./api.js", "js//api.js",
                           "js\\api.js", "link.txt", "js", "js/", "", "missing.js"}) {
    EXPECT_FALSE(ResolveStaticFile(web(), path).has_value()) << path;
  }
  EXPECT_FALSE(ResolveStaticFile(web(), std::string_view("index.html\0.js", 14)).has_value());
}

TEST(ContentTypes, ModulesAndPagesGetTheTypesBrowsersRequire) {
  EXPECT_EQ(ContentTypeOf("a/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("vi.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("chart.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeOf("archive.tar"), "application/octet-stream");
}

TEST(EntityTags, SameBytesSameTagOtherBytesAnother) {
  const std::string tag = EntityTagOf("export function t() {}\n");
  EXPECT_EQ(tag, EntityTagOf("export function t() {}\n"));
  EXPECT_NE(tag, EntityTagOf("export function t() { }\n"));
  ASSERT_EQ(tag.size(), 34u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
}

TEST(EntityTags, IfNoneMatchNamesTheTagInAnyFormItMayTake) {
  const std::string tag = EntityTagOf("body");
  EXPECT_TRUE(IfNoneMatchNames(tag, tag));
  EXPECT_TRUE(IfNoneMatchNames("W/" + tag, tag)) << "If-None-Match compares weakly";
  EXPECT_TRUE(IfNoneMatchNames("\"old\", " + tag + " , \"older\"", tag));
  EXPECT_TRUE(IfNoneMatchNames("*", tag));
  EXPECT_FALSE(IfNoneMatchNames("", tag));
  EXPECT_FALSE(IfNoneMatchNames("\"old\", W/\"older\"", tag));
  EXPECT_FALSE(IfNoneMatchNames(tag.substr(1), tag)) << "an unquoted tag is another tag";
  EXPECT_FALSE(IfNoneMatchNames(",,", tag));
}

}  // namespace
}  // namespace ansinh::console
