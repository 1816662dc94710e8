// Checks the demo data data/werkplan-2019.json against the customer's own text, the seed
// ../shared/seed/werkplan-binnenstad-assen-2018-2019.txt (Werkplan Binnenstad Assen 2018–2019, deel B), so the
// transcription cannot drift: the counts of the 2019 plan, and every action, sub-action, key point, goal and intro
// paragraph word for word as the seed has it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/resources.h"

namespace stadshart::plan {
namespace {

using nlohmann::json;

constexpr std::string_view kSeedRelativePath = "/../shared/seed/werkplan-binnenstad-assen-2018-2019.txt";

// The one footnote of the seed: its marker sits on "acquisitie" in Themalijn A and its text lands, through a page
// break, in the middle of that action.
constexpr std::string_view kFootnoteMarker = "acquisitie1";
constexpr std::string_view kFootnoteLine = "1 In te vullen na gemeentelijke besluitvorming.";
constexpr std::string_view kFootnoteText = "In te vullen na gemeentelijke besluitvorming.";

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// The seed is plain text extracted from a PDF. Before searching it, undo only what the extraction added and
// nothing else, so that a changed word, quote or punctuation mark in the JSON still fails:
//  1. lines holding only whitespace (the blank lines the extraction puts between wrapped lines, the footnote
//     separator) are dropped;
//  2. the footnote line "1 In te vullen na gemeentelijke besluitvorming." is dropped (page-break artefact) and the
//     footnote marker "acquisitie1" becomes "acquisitie";
//  3. lines are trimmed (a leading space marks a new PDF page) and joined with one space, except after a line that
//     ends in a hyphen directly: there the PDF broke a hyphenated word ("publiek-" / "private") and the two lines
//     are joined without a space, keeping the hyphen. A line ending in "- " (hyphen, then a space, as
//     "communicatie- " in Themalijn E) is joined with a space, because the source has that space.
// The JSON side is not normalised at all.
std::string NormaliseSeed(std::string_view raw) {
  std::string out;
  bool previous_ended_in_hyphen = false;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view text = Trim(line);
    if (text.empty() || text == kFootnoteLine) continue;
    if (!out.empty() && !previous_ended_in_hyphen) out += ' ';
    out += text;
    previous_ended_in_hyphen = line.back() == '-';
  }
  for (auto pos = out.find(kFootnoteMarker); pos != std::string::npos; pos = out.find(kFootnoteMarker, pos)) {
    out.erase(pos + kFootnoteMarker.size() - 1, 1);
  }
  return out;
}

struct Seed {
  std::string path;
  bool found = false;
  std::string raw;
  std::string text;  // normalised
};

const Seed& LoadSeed() {
  static const Seed seed = [] {
    Seed s;
    const char* source_dir = std::getenv("STADSHART_SOURCE_DIR");
    s.path = std::string(source_dir ? source_dir : "$STADSHART_SOURCE_DIR (unset)") + std::string(kSeedRelativePath);
    if (source_dir == nullptr || !std::filesystem::is_regular_file(s.path)) return s;
    std::ifstream in(s.path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    s.raw = buffer.str();
    s.text = NormaliseSeed(s.raw);
    s.found = true;
    return s;
  }();
  return seed;
}

#define SKIP_WITHOUT_SEED(seed)                                                     \
  if (!(seed).found) {                                                              \
    GTEST_SKIP() << "seed not found at " << (seed).path << ": ../shared is absent"; \
  }

const json& Plan() {
  static const json plan = [] {
    const std::optional<std::string_view> data = resources::Find("data/werkplan-2019.json");
    if (!data) return json();
    return json::parse(*data, nullptr, /*allow_exceptions=*/false);
  }();
  return plan;
}

#define ASSERT_PLAN_LOADED()                                                                            \
  ASSERT_TRUE(Plan().is_object()) << "data/werkplan-2019.json is not embedded or is not a JSON object"; \
  ASSERT_TRUE(Plan().contains("chapters") && Plan()["chapters"].is_array())

// True when `text`, preceded by `prefix`, occurs in the normalised seed and ends where the seed's item ends: at the
// ";" (or ".;") that closes a list item, at the next bullet, at the next chapter heading or at the end of the text.
// So a title cannot be a truncated piece of the seed's sentence.
bool OccursAsItem(std::string_view seed, std::string_view prefix, std::string_view text) {
  const std::string needle = std::string(prefix) + std::string(text);
  for (auto pos = seed.find(needle); pos != std::string_view::npos; pos = seed.find(needle, pos + 1)) {
    const std::string_view rest = seed.substr(pos + needle.size());
    if (rest.empty() || rest.starts_with(";") || rest.starts_with(".;")) return true;
    for (std::string_view next : {" ➢ ", " ▪ ", " Themalijn ", " Hoofdstuk "}) {
      if (rest.starts_with(next)) return true;
    }
  }
  return false;
}

// True when `text` occurs in the seed followed by the ";" or "." that ends a numbered or bulleted list entry.
bool OccursAsListEntry(std::string_view seed, std::string_view prefix, std::string_view text) {
  const std::string needle = std::string(prefix) + std::string(text);
  for (auto pos = seed.find(needle); pos != std::string_view::npos; pos = seed.find(needle, pos + 1)) {
    const std::string_view rest = seed.substr(pos + needle.size());
    if (rest.starts_with(";") || rest.starts_with(".")) return true;
  }
  return false;
}

// A JSON text is one normalised line: no surrounding or doubled spaces, no line breaks.
bool IsCleanLine(std::string_view s) {
  return !s.empty() && Trim(s) == s && s.find("  ") == std::string_view::npos && s.find('\n') == std::string_view::npos;
}

// The first n code points of UTF-8 text.
std::string_view Utf8Prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) {
    const auto lead = static_cast<unsigned char>(s[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return s.substr(0, std::min(i, s.size()));
}

std::vector<std::string> SplitParagraphs(const std::string& intro) {
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (true) {
    const auto end = intro.find("\n\n", start);
    paragraphs.push_back(intro.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return paragraphs;
}

struct ChapterCounts {
  const char* code;
  std::size_t key_points;
  std::size_t actions;
  std::size_t sub_actions;
};
// Counted in the seed: "1. …" entries under "Kernpunten:", "➢" items under "Acties 2019", "▪" items under them.
constexpr ChapterCounts kExpected[] = {
    {"A", 4, 7, 10}, {"B", 4, 6, 3}, {"C", 3, 3, 2}, {"D", 4, 5, 2}, {"E", 4, 6, 0}, {"F", 0, 3, 3}, {"J", 0, 2, 0},
};

TEST(SeedNormalisation, JoinsHyphenatedLineBreaksWithoutASpaceAndOtherLinesWithOne) {
  EXPECT_EQ(NormaliseSeed("een nauwe (publiek-\n\nprivate) samenwerking \n"),
            "een nauwe (publiek-private) samenwerking");
  EXPECT_EQ(NormaliseSeed("markering en communicatie- \ninstrumentarium. "),
            "markering en communicatie- instrumentarium.");
  EXPECT_EQ(NormaliseSeed("de \n parkeergelegenheden"), "de parkeergelegenheden");
}

TEST(SeedNormalisation, DropsTheFootnoteAndItsMarkerButNothingElse) {
  EXPECT_EQ(NormaliseSeed("Met acquisitie1 wordt gericht vintage \n\n      \n1 In te vullen na gemeentelijke "
                          "besluitvorming. \n meubels, exotische"),
            "Met acquisitie wordt gericht vintage meubels, exotische");
  EXPECT_EQ(NormaliseSeed("Wonen zorgt ook s avonds voor leven"), "Wonen zorgt ook s avonds voor leven");
}

TEST(SeedData, HasSevenChaptersInPlanOrder) {
  ASSERT_PLAN_LOADED();
  const json& plan = Plan();
  EXPECT_EQ(plan.at("year"), 2019);
  const json& chapters = plan["chapters"];
  ASSERT_EQ(chapters.size(), std::size(kExpected));
  for (std::size_t i = 0; i < chapters.size(); ++i) {
    EXPECT_EQ(chapters[i].at("code"), kExpected[i].code) << "chapter " << i;
  }
  EXPECT_EQ(chapters[6].at("heading"), "Hoofdstuk 2. Jongeren");
  EXPECT_EQ(chapters[6].at("thematafel"), "Tafel Jeugd");
}

TEST(SeedData, CountsNineteenKeyPointsThirtyTwoActionsAndTwentySubActions) {
  ASSERT_PLAN_LOADED();
  const json& chapters = Plan()["chapters"];
  ASSERT_EQ(chapters.size(), std::size(kExpected));
  std::size_t key_points = 0, actions = 0, sub_actions = 0;
  for (std::size_t i = 0; i < chapters.size(); ++i) {
    const json& chapter = chapters[i];
    std::size_t subs = 0;
    for (const json& action : chapter.at("actions")) subs += action.at("sub_actions").size();
    EXPECT_EQ(chapter.at("key_points").size(), kExpected[i].key_points) << "chapter " << kExpected[i].code;
    EXPECT_EQ(chapter.at("actions").size(), kExpected[i].actions) << "chapter " << kExpected[i].code;
    EXPECT_EQ(subs, kExpected[i].sub_actions) << "chapter " << kExpected[i].code;
    key_points += chapter.at("key_points").size();
    actions += chapter.at("actions").size();
    sub_actions += subs;
  }
  EXPECT_EQ(key_points, 19u);
  EXPECT_EQ(actions, 32u);
  EXPECT_EQ(sub_actions, 20u);
}

TEST(SeedData, HasTheFiveBinnenstadakkoordGoalsWithTheirNumbers) {
  ASSERT_PLAN_LOADED();
  const json& goals = Plan().at("goals");
  ASSERT_EQ(goals.size(), 5u);
  struct Goal {
    const char* code;
    std::optional<double> baseline;
    double target;
    const char* direction;
    const char* comparator;
    std::optional<int> target_year;
  };
  const Goal expected[] = {
      {"jobs", 3800, 5000, "higher", "at_least", std::nullopt},
      {"businesses", 430, 500, "higher", "at_least", std::nullopt},
      {"vacancy", 21.9, 7.8, "lower", "below", std::nullopt},
      {"rating", std::nullopt, 7.5, "higher", "at_least", std::nullopt},
      {"ranking", std::nullopt, 25, "lower", "at_most", 2021},
  };
  for (std::size_t i = 0; i < goals.size(); ++i) {
    const json& goal = goals[i];
    SCOPED_TRACE(expected[i].code);
    EXPECT_EQ(goal.at("code"), expected[i].code);
    if (expected[i].baseline) {
      EXPECT_DOUBLE_EQ(goal.at("baseline").get<double>(), *expected[i].baseline);
    } else {
      EXPECT_TRUE(goal.at("baseline").is_null());
    }
    EXPECT_DOUBLE_EQ(goal.at("target").get<double>(), expected[i].target);
    EXPECT_EQ(goal.at("direction"), expected[i].direction);
    EXPECT_EQ(goal.at("comparator"), expected[i].comparator);
    if (expected[i].target_year) {
      EXPECT_EQ(goal.at("target_year"), *expected[i].target_year);
    } else {
      EXPECT_TRUE(goal.at("target_year").is_null());
    }
  }
  EXPECT_EQ(goals[2].at("baseline_source"), "Locatus");
  EXPECT_DOUBLE_EQ(goals[2].at("national_reference").get<double>(), 7.8);
}

TEST(SeedData, GoalTextsAreVerbatimFromTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  for (const json& goal : Plan().at("goals")) {
    const std::string text = goal.at("text").get<std::string>();
    EXPECT_TRUE(IsCleanLine(text)) << text;
    EXPECT_TRUE(OccursAsListEntry(seed.text, "", text)) << "goal " << goal.at("code") << " not in seed: " << text;
  }
}

TEST(SeedData, ChapterHeadingsAndTitlesAreVerbatimFromTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  // A heading is a line of its own in the seed.
  std::set<std::string, std::less<>> headings;
  std::istringstream lines(seed.raw);
  for (std::string line; std::getline(lines, line);) headings.emplace(Trim(line));
  for (const json& chapter : Plan()["chapters"]) {
    const std::string heading = chapter.at("heading").get<std::string>();
    const std::string title = chapter.at("title").get<std::string>();
    EXPECT_TRUE(headings.contains(heading)) << "no seed line reads: " << heading;
    EXPECT_TRUE(heading.ends_with(". " + title)) << heading << " / " << title;
  }
}

TEST(SeedData, KeyPointsAreVerbatimFromTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  for (const json& chapter : Plan()["chapters"]) {
    const json& key_points = chapter.at("key_points");
    for (std::size_t i = 0; i < key_points.size(); ++i) {
      const std::string text = key_points[i].get<std::string>();
      EXPECT_TRUE(IsCleanLine(text)) << text;
      EXPECT_TRUE(OccursAsListEntry(seed.text, std::to_string(i + 1) + ". ", text))
          << "chapter " << chapter.at("code") << " key point " << i + 1 << " not in seed: " << text;
    }
  }
}

TEST(SeedData, ActionTitlesAndSubActionsAreVerbatimFromTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  for (const json& chapter : Plan()["chapters"]) {
    for (const json& action : chapter.at("actions")) {
      const std::string title = action.at("title").get<std::string>();
      EXPECT_TRUE(IsCleanLine(title)) << title;
      EXPECT_TRUE(OccursAsItem(seed.text, "➢ ", title))
          << "chapter " << chapter.at("code") << " action not in seed: " << title;
      for (const json& sub : action.at("sub_actions")) {
        const std::string text = sub.get<std::string>();
        EXPECT_TRUE(IsCleanLine(text)) << text;
        EXPECT_TRUE(OccursAsItem(seed.text, "▪ ", text))
            << "chapter " << chapter.at("code") << " sub-action not in seed: " << text;
      }
    }
  }
}

TEST(SeedData, IntrosAreTheChaptersOwnProseFromTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  for (const json& chapter : Plan()["chapters"]) {
    SCOPED_TRACE(chapter.at("code").get<std::string>());
    const std::string intro = chapter.at("intro").get<std::string>();
    ASSERT_FALSE(intro.empty());
    const std::string_view opening = Utf8Prefix(intro, 60);
    EXPECT_NE(seed.text.find(opening), std::string::npos) << opening;
    for (const std::string& paragraph : SplitParagraphs(intro)) {
      EXPECT_TRUE(IsCleanLine(paragraph)) << paragraph;
      EXPECT_NE(seed.text.find(paragraph), std::string::npos) << "paragraph not in seed: " << paragraph;
    }
    // Prose only: the lists have their own fields.
    for (std::string_view list_marker : {"➢", "▪", "Kernpunten:", "Acties 2019"}) {
      EXPECT_EQ(intro.find(list_marker), std::string::npos) << list_marker;
    }
  }
}

TEST(SeedData, ActionsHaveStringOwnersAndABooleanPriority) {
  ASSERT_PLAN_LOADED();
  for (const json& chapter : Plan()["chapters"]) {
    for (const json& action : chapter.at("actions")) {
      SCOPED_TRACE(action.at("title").get<std::string>());
      ASSERT_TRUE(action.at("owners").is_array());
      std::set<std::string> seen;
      for (const json& owner : action["owners"]) {
        ASSERT_TRUE(owner.is_string());
        EXPECT_TRUE(IsCleanLine(owner.get<std::string>()));
        EXPECT_TRUE(seen.insert(owner.get<std::string>()).second) << "duplicate owner " << owner;
        EXPECT_NE(owner, "Gemeente") << "write \"gemeente\"";
        EXPECT_NE(owner, "gemeente Assen") << "write \"gemeente\"";
      }
      ASSERT_TRUE(action.at("priority").is_boolean());
      EXPECT_EQ(action.contains("priority_reason"), action["priority"].get<bool>())
          << "priority_reason belongs to, and only to, priority actions";
      ASSERT_TRUE(action.at("sub_actions").is_array());
    }
  }
}

TEST(SeedData, KoopmanspleinRedevelopmentIsATopPriorityForGemeenteAndVaartInAssen) {
  ASSERT_PLAN_LOADED();
  int priorities = 0;
  const json* koopmansplein = nullptr;
  for (const json& chapter : Plan()["chapters"]) {
    for (const json& action : chapter.at("actions")) {
      if (action.at("priority").get<bool>()) ++priorities;
      if (action.at("title").get<std::string>().starts_with("We gaan het Koopmansplein")) koopmansplein = &action;
    }
  }
  EXPECT_GE(priorities, 1);
  ASSERT_NE(koopmansplein, nullptr);
  EXPECT_TRUE(koopmansplein->at("priority").get<bool>());
  EXPECT_EQ(koopmansplein->at("owners"), json({"gemeente", "Vaart in Assen"}));
}

TEST(SeedData, PriorityReasonsQuoteTheSeed) {
  const Seed& seed = LoadSeed();
  SKIP_WITHOUT_SEED(seed);
  ASSERT_PLAN_LOADED();
  for (const json& chapter : Plan()["chapters"]) {
    for (const json& action : chapter.at("actions")) {
      if (!action.contains("priority_reason")) continue;
      const std::string reason = action["priority_reason"].get<std::string>();
      int quotes = 0;
      // Every “…” quotation in a reason must be the seed's words.
      for (auto open = reason.find("“"); open != std::string::npos; open = reason.find("“", open + 1)) {
        const auto close = reason.find("”", open);
        ASSERT_NE(close, std::string::npos) << reason;
        const std::string quoted =
            reason.substr(open + std::string_view("“").size(), close - open - std::string_view("“").size());
        EXPECT_NE(seed.text.find(quoted), std::string::npos) << "not a quotation from the seed: " << quoted;
        ++quotes;
      }
      EXPECT_GE(quotes, 1) << reason;
    }
  }
}

TEST(SeedData, FootnotedAcquisitieActionCarriesTheFootnoteAsNote) {
  ASSERT_PLAN_LOADED();
  int notes = 0;
  for (const json& chapter : Plan()["chapters"]) {
    for (const json& action : chapter.at("actions")) {
      if (!action.contains("note")) continue;
      ++notes;
      EXPECT_TRUE(action.at("title").get<std::string>().starts_with("Met acquisitie wordt gericht"));
      EXPECT_EQ(action["note"], kFootnoteText);
    }
  }
  EXPECT_EQ(notes, 1);
  const Seed& seed = LoadSeed();
  if (seed.found) {
    EXPECT_NE(seed.raw.find(kFootnoteMarker), std::string::npos);
    EXPECT_NE(seed.raw.find(std::string(kFootnoteLine)), std::string::npos);
  }
}

}  // namespace
}  // namespace stadshart::plan
