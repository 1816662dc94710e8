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

namespace stadshart::csv {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, std::vector<int>* lines = nullptr) {
  Reader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader.Next(fields)) {
    rows.push_back(fields);
    if (lines) lines->push_back(reader.line());
  }
  return rows;
}

TEST(CsvReader, ReadsWhatTheWriterWrites) {
  Writer w;
  w.Row({"naam", "opmerking"});
  w.Row({"De \"Bakker\"", "regel 1\nregel 2; meer"});
  w.Row({"=SOM(A1)", ""});
  auto rows = ReadAll(w.str());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"De \"Bakker\"", "regel 1\nregel 2; meer"}));
  EXPECT_EQ(Undefused(rows[2][0]), "=SOM(A1)");
  EXPECT_EQ(rows[2][1], "");
}

TEST(CsvReader, DetectsCommaSeparatorWithoutBomAndLfLineEnds) {
  Reader reader("a,b\n1,\"2,5\"\n");
  EXPECT_EQ(reader.separator(), ',');
  auto rows = ReadAll("a,b\n1,\"2,5\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2,5"}));
}

TEST(CsvReader, SemicolonWinsWhenTheHeaderHasBoth) {
  Reader reader("a;b,c\r\n");
  EXPECT_EQ(reader.separator(), ';');
}

TEST(CsvReader, CountsLinesAcrossEmptyLinesAndQuotedLineBreaks) {
  std::vector<int> lines;
  auto rows = ReadAll("h\r\n\"x\r\ny\"\r\n\r\nz\r\n", &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "x\r\ny");
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 5}));
}

TEST(CsvReader, ReportsAnUnterminatedQuote) {
  Reader reader("a\n\"open");
  std::vector<std::string> fields;
  while (reader.Next(fields)) {
  }
  EXPECT_TRUE(reader.unterminated_quote());
}

TEST(CsvReader, UndefusedLeavesOrdinaryApostrophesAlone) {
  EXPECT_EQ(Undefused("'t Forum"), "'t Forum");
  EXPECT_EQ(Undefused("'-5,1"), "-5,1");
}

}  // namespace
}  // namespace stadshart::csv
