#include "events/multipart.h"

#include <gtest/gtest.h>

namespace stadshart::events {
namespace {

TEST(ParseMultipart, NamedFieldsAndAFile) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"regio.ics\"\r\n"
      "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].content, "abc");
  EXPECT_EQ((*parts)[1].filename, "regio.ics");
  EXPECT_EQ((*parts)[1].content, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
}

TEST(ParseMultipart, RefusesOtherTypesAndBrokenBodies) {
  EXPECT_FALSE(ParseMultipart("application/x-www-form-urlencoded", "a=b"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--\r\n"));
}

}  // namespace
}  // namespace stadshart::events
