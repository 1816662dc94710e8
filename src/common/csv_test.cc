#include "common/csv.h"

#include <gtest/gtest.h>

namespace stadshart::csv {
namespace {

TEST(Csv, StartsWithByteOrderMarkAndUsesSemicolonsAndCrLf) {
  Writer w;
  w.Row({"jaar", "actie"});
  w.Row({"2019", "Koopmansplein"});
  EXPECT_EQ(w.str(), "\xEF\xBB\xBFjaar;actie\r\n2019;Koopmansplein\r\n");
}

TEST(Csv, QuotesFieldsWithSeparatorsQuotesAndNewlines) {
  EXPECT_EQ(Field("gemeente; Vaart in Assen"), "\"gemeente; Vaart in Assen\"");
  EXPECT_EQ(Field("het \"receptenboek\""), "\"het \"\"receptenboek\"\"\"");
  EXPECT_EQ(Field("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
  EXPECT_EQ(Field("gewoon"), "gewoon");
}

TEST(Csv, DefusesFormulas) {
  EXPECT_EQ(Field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(Field("+31"), "'+31");
  EXPECT_EQ(Field("@SUM(A1)"), "'@SUM(A1)");
}

}  // namespace
}  // namespace stadshart::csv
