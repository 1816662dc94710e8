#include "plan/plan_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace stadshart::plan {
namespace {

using nlohmann::json;

json MinimalPlan() {
  return json::parse(R"({"year": 2019, "title": "Werkplan", "chapters": [
    {"code": "A", "title": "Compact en Compleet", "key_points": ["Masterplan"],
     "actions": [{"title": "Strategienota", "owners": ["gemeente"], "sub_actions": ["Stap 1"]}]}]})");
}

TEST(PlanFromJson, ReadsTheDemoDataForm) {
  auto result = PlanFromJson(MinimalPlan());
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Plan& plan = result.value().plan;
  EXPECT_EQ(plan.year, 2019);
  ASSERT_EQ(plan.chapters.size(), 1u);
  EXPECT_EQ(plan.chapters[0].key_points[0].text, "Masterplan");
  EXPECT_EQ(plan.chapters[0].actions[0].sub_actions[0].title, "Stap 1");
  EXPECT_EQ(plan.chapters[0].actions[0].status, ActionStatus::kPlanned);
}

TEST(PlanFromJson, ReadsWhatTheApiWrites) {
  Plan plan = PlanFromJson(MinimalPlan()).value().plan;
  plan.chapters[0].actions[0].status = ActionStatus::kOngoing;
  auto again = PlanFromJson(ToJson(plan));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value().plan.chapters[0].actions[0].status, ActionStatus::kOngoing);
  EXPECT_EQ(again.value().plan.chapters[0].actions[0].title, "Strategienota");
  EXPECT_EQ(again.value().plan.chapters[0].key_points[0].text, "Masterplan");
}

TEST(PlanFromJson, ReportsEveryProblemWithItsPlace) {
  json doc = MinimalPlan();
  doc["year"] = "2019";
  doc["chapters"][0]["code"] = "X";
  doc["chapters"][0]["actions"][0]["status"] = "klaar";
  doc["chapters"][0]["actions"][0]["title"] = "";
  auto result = PlanFromJson(doc);
  ASSERT_FALSE(result.ok());
  std::vector<std::string> fields;
  for (const auto& e : result.error().field_errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"year", "chapters[0].code", "chapters[0].actions[0].title",
                                              "chapters[0].actions[0].status"}));
}

TEST(PlanFromJson, RefusesAPlanWithoutChapters) {
  auto result = PlanFromJson(json{{"year", 2020}, {"title", "Leeg"}});
  ASSERT_FALSE(result.ok());
}

TEST(ToJson, ActionCarriesTheApiContractFields) {
  Action a;
  a.id = 7;
  a.chapter_code = "A";
  a.position = 2;
  a.title = "Koopmansplein";
  a.owners = {"gemeente", "Vaart in Assen"};
  a.status = ActionStatus::kOngoing;
  a.priority = true;
  a.sub_actions = {{11, "Ruimtelijke visie"}};
  json j = ToJson(a);
  EXPECT_EQ(j["id"], 7);
  EXPECT_EQ(j["title"], "Koopmansplein");
  EXPECT_EQ(j["owners"], json::array({"gemeente", "Vaart in Assen"}));
  EXPECT_EQ(j["status"], "lopend");
  EXPECT_EQ(j["priority"], true);
  EXPECT_EQ(j["sub_actions"][0]["id"], 11);
  EXPECT_EQ(j["sub_actions"][0]["title"], "Ruimtelijke visie");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["number"], "A.2");
}

}  // namespace
}  // namespace stadshart::plan
