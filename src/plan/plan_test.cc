#include "plan/plan.h"

#include <gtest/gtest.h>

namespace stadshart::plan {
namespace {

Action MakeAction(ActionStatus status, std::vector<std::string> owners = {}, bool priority = false) {
  Action a;
  a.title = "Actie";
  a.status = status;
  a.owners = std::move(owners);
  a.priority = priority;
  return a;
}

TEST(Status, CodesRoundTripAndUnknownCodesAreRefused) {
  for (ActionStatus s : kAllStatuses) EXPECT_EQ(ParseStatus(StatusCode(s)), s);
  EXPECT_FALSE(ParseStatus("klaar"));
  EXPECT_FALSE(ParseStatus("Gereed"));  // codes are lower case
}

TEST(Progress, PercentDoneLeavesDroppedActionsOut) {
  std::vector<Action> actions = {MakeAction(ActionStatus::kDone), MakeAction(ActionStatus::kDropped),
                                 MakeAction(ActionStatus::kOngoing), MakeAction(ActionStatus::kPlanned)};
  Progress p = ProgressOf(actions);
  EXPECT_EQ(p.total, 4);
  EXPECT_EQ(p.done, 1);
  EXPECT_EQ(p.dropped, 1);
  EXPECT_EQ(p.PercentDone(), 33);  // 1 of the 3 still in play
}

TEST(Progress, NoActionsIsZeroPercentNotADivisionByZero) { EXPECT_EQ(ProgressOf(std::vector<Action>{}).PercentDone(), 0); }

TEST(Filter, CombinesChapterOwnerStatusAndPriority) {
  Plan plan;
  plan.chapters.push_back({"A", "Compact", "", "", "", {}, {MakeAction(ActionStatus::kOngoing, {"gemeente"}, true),
                                                          MakeAction(ActionStatus::kPlanned, {"Vaart in Assen"})}});
  plan.chapters.push_back({"B", "Prettig", "", "", "", {}, {MakeAction(ActionStatus::kOngoing, {"gemeente"})}});
  ActionFilter by_owner{.owner = "gemeente"};
  Plan shown = Filtered(plan, by_owner);
  EXPECT_EQ(shown.chapters[0].actions.size(), 1u);
  EXPECT_EQ(shown.chapters[1].actions.size(), 1u);

  ActionFilter narrow{.chapter = "A", .owner = "gemeente", .status = ActionStatus::kOngoing, .priority = true};
  shown = Filtered(plan, narrow);
  EXPECT_EQ(shown.chapters[0].actions.size(), 1u);
  EXPECT_TRUE(shown.chapters[1].actions.empty());
  EXPECT_EQ(shown.chapters.size(), 2u) << "chapters stay, so a page can say 'geen acties'";
}

TEST(Filter, OwnersAreListedOnceAndSorted) {
  Plan plan;
  plan.chapters.push_back({"A", "", "", "", "", {}, {MakeAction(ActionStatus::kPlanned, {"gemeente", "Vaart in Assen"}),
                                                    MakeAction(ActionStatus::kPlanned, {"gemeente"})}});
  EXPECT_EQ(Owners(plan), (std::vector<std::string>{"Vaart in Assen", "gemeente"}));
}

TEST(ValidateEdit, AcceptsAGoodEditAndTrimsIt) {
  auto edit = ValidateEdit({.title = "  Koopmansplein herontwikkelen ", .status = "lopend",
                            .owners = std::vector<std::string>{" gemeente", "", "gemeente", "Vaart in Assen"}});
  ASSERT_TRUE(edit.ok());
  EXPECT_EQ(*edit.value().title, "Koopmansplein herontwikkelen");
  EXPECT_EQ(*edit.value().status, ActionStatus::kOngoing);
  EXPECT_EQ(*edit.value().owners, (std::vector<std::string>{"gemeente", "Vaart in Assen"}));
}

TEST(ValidateEdit, NamesEveryBadFieldInDutch) {
  auto edit = ValidateEdit({.title = "   ", .status = "klaar"});
  ASSERT_FALSE(edit.ok());
  ASSERT_EQ(edit.error().kind, ErrorKind::kInvalid);
  ASSERT_EQ(edit.error().field_errors.size(), 2u);
  EXPECT_EQ(edit.error().field_errors[0].field, "title");
  EXPECT_EQ(edit.error().field_errors[1].field, "status");
  EXPECT_NE(edit.error().field_errors[1].message.find("gepland"), std::string::npos);
}

TEST(ValidateEdit, RefusesTooLongTextInsteadOfCuttingIt) {
  auto edit = ValidateEdit({.title = std::string(kMaxTitleLength + 1, 'x')});
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().field_errors[0].field, "title");
  EXPECT_TRUE(ValidateEdit({.title = std::string(kMaxTitleLength, 'x')}).ok());
}

TEST(ValidateEdit, RefusesBrokenUtf8) { EXPECT_FALSE(ValidateEdit({.title = "caf\xC3"}).ok()); }

TEST(Apply, ChangesOnlyTheFieldsInTheEdit) {
  Action before = MakeAction(ActionStatus::kPlanned, {"gemeente"}, true);
  before.thematafel = "ThemaTafel A";
  ActionEdit edit;
  edit.status = ActionStatus::kDone;
  Action after = Apply(before, edit);
  EXPECT_EQ(after.status, ActionStatus::kDone);
  EXPECT_TRUE(after.priority);
  EXPECT_EQ(after.owners, before.owners);
  EXPECT_EQ(after.thematafel, "ThemaTafel A");
}

TEST(ValidateUpdate, RefusesFutureDatesImpossibleDatesAndEmptyText) {
  EXPECT_TRUE(ValidateUpdate({"2019-03-31", "Ruimtelijke visie vastgesteld", ""}, "2019-04-01").ok());
  EXPECT_FALSE(ValidateUpdate({"2019-04-02", "Te vroeg", ""}, "2019-04-01").ok());
  EXPECT_FALSE(ValidateUpdate({"2019-02-29", "Geen schrikkeljaar", ""}, "2019-04-01").ok());
  EXPECT_TRUE(ValidateUpdate({"2020-02-29", "Wel een schrikkeljaar", ""}, "2020-03-01").ok());
  auto empty = ValidateUpdate({"2019-03-01", "  ", ""}, "2019-04-01");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field_errors[0].field, "text");
}

TEST(ValidateUpdate, CarriesAnOptionalStatusChange) {
  auto update = ValidateUpdate({"2019-03-01", "Klaar", "gereed"}, "2019-04-01");
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update.value().status, ActionStatus::kDone);
  EXPECT_FALSE(ValidateUpdate({"2019-03-01", "Klaar", "af"}, "2019-04-01").ok());
}

TEST(RollOver, OnlyUnfinishedActionsCarryOver) {
  EXPECT_TRUE(CarriesOver(MakeAction(ActionStatus::kPlanned)));
  EXPECT_TRUE(CarriesOver(MakeAction(ActionStatus::kOngoing)));
  EXPECT_FALSE(CarriesOver(MakeAction(ActionStatus::kDone)));
  EXPECT_FALSE(CarriesOver(MakeAction(ActionStatus::kDropped)));
}

}  // namespace
}  // namespace stadshart::plan
