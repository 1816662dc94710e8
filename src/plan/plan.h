// The work plan (werkplan) domain: a yearly plan of chapters (themalijnen A-F and Jongeren), their key points
// and actions, with status, priority, owners and dated progress updates. Pure: values in, values out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace stadshart::plan {

enum class ActionStatus { kPlanned, kOngoing, kDone, kDropped };

// "gepland", "lopend", "gereed", "vervallen": the stored and API form.
std::string_view StatusCode(ActionStatus status);
// "Gepland", "Lopend", "Gereed", "Vervallen": for pages.
std::string_view StatusLabel(ActionStatus status);
std::optional<ActionStatus> ParseStatus(std::string_view code);
inline constexpr ActionStatus kAllStatuses[] = {ActionStatus::kPlanned, ActionStatus::kOngoing, ActionStatus::kDone,
                                                ActionStatus::kDropped};

// Chapter codes in plan order: A-F, then J (Jongeren).
inline constexpr std::string_view kChapterCodes[] = {"A", "B", "C", "D", "E", "F", "J"};

struct SubAction {
  std::int64_t id = 0;
  std::string title;
};

struct Action {
  std::int64_t id = 0;
  int plan_year = 0;
  std::string chapter_code;
  int position = 0;  // 1-based within the chapter
  std::string title;
  std::vector<std::string> owners;  // actiehouders, e.g. "gemeente", "Vaart in Assen"
  ActionStatus status = ActionStatus::kPlanned;
  bool priority = false;
  std::string priority_reason;
  std::string thematafel;
  std::string note;
  std::vector<SubAction> sub_actions;
  std::optional<std::int64_t> carried_from;  // the same action in the previous year's plan
  std::int64_t version = 1;
  std::string updated_at;  // UTC, ISO 8601
};

struct KeyPoint {
  std::int64_t id = 0;
  std::string text;
};

struct Chapter {
  std::string code;  // "A".."F", "J"
  std::string title;
  std::string heading;
  std::string intro;
  std::string thematafel;
  std::vector<KeyPoint> key_points;
  std::vector<Action> actions;
};

struct Plan {
  int year = 0;
  std::string title;
  std::string source;
  std::vector<Chapter> chapters;
};

struct PlanSummary {
  int year = 0;
  std::string title;
  int actions = 0;
  int done = 0;
};

struct ProgressUpdate {
  std::int64_t id = 0;
  std::int64_t action_id = 0;
  int plan_year = 0;
  std::string date;  // YYYY-MM-DD, Europe/Amsterdam calendar day
  std::string text;
  std::optional<ActionStatus> status;  // set together with this update
  std::string recorded_at;             // UTC instant, ISO 8601
};

struct Goal {
  std::string code;
  std::string name;
  std::string unit;
  std::optional<double> baseline;
  double target = 0;
  std::string direction;   // "higher" | "lower"
  std::string comparator;  // "at_least" | "below" | "at_most"
  std::optional<int> target_year;
  std::string text;
  std::string source;
};

// --- Progress -----------------------------------------------------------------------------------------------

struct Progress {
  int total = 0;
  int planned = 0;
  int ongoing = 0;
  int done = 0;
  int dropped = 0;
  // Share of the actions still in play (not dropped) that are done, 0-100, rounded down; 0 when none.
  int PercentDone() const;
};

Progress ProgressOf(const std::vector<Action>& actions);
Progress ProgressOf(const Plan& plan);

// --- Filtering ------------------------------------------------------------------------------------------------

struct ActionFilter {
  std::optional<std::string> chapter;        // code
  std::optional<std::string> owner;          // exact owner name
  std::optional<ActionStatus> status;
  std::optional<bool> priority;
  bool empty() const { return !chapter && !owner && !status && !priority; }
};

bool Matches(const Action& action, const std::string& chapter_code, const ActionFilter& filter);
// The plan with only the matching actions; chapters are kept (a page shows "geen acties" for an empty one).
Plan Filtered(const Plan& plan, const ActionFilter& filter);
// Every owner named in the plan, sorted, without duplicates.
std::vector<std::string> Owners(const Plan& plan);

// --- Editing --------------------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxTitleLength = 2000;
inline constexpr std::size_t kMaxUpdateLength = 4000;
inline constexpr std::size_t kMaxOwnerLength = 100;

// Raw input for an edit, as it arrives from a form or the API: absent fields are left unchanged.
struct ActionEditInput {
  std::optional<std::string> title;
  std::optional<std::string> status;
  std::optional<bool> priority;
  std::optional<std::string> thematafel;
  std::optional<std::vector<std::string>> owners;
};

// A validated edit.
struct ActionEdit {
  std::optional<std::string> title;  // trimmed
  std::optional<ActionStatus> status;
  std::optional<bool> priority;
  std::optional<std::string> thematafel;
  std::optional<std::vector<std::string>> owners;  // trimmed, without empties or duplicates
  bool empty() const { return !title && !status && !priority && !thematafel && !owners; }
};

// Checks every field; on failure the Error carries one FieldError per bad field, in Dutch. Too-long text is
// refused, never cut.
Result<ActionEdit> ValidateEdit(const ActionEditInput& input);

// The action with the edit applied (version and timestamps untouched).
Action Apply(Action action, const ActionEdit& edit);

struct ProgressUpdateInput {
  std::string date;  // YYYY-MM-DD
  std::string text;
  std::optional<std::string> status;  // optional status change with the update ("" = none)
};

struct ValidProgressUpdate {
  std::string date;
  std::string text;
  std::optional<ActionStatus> status;
};

// `today` is the Europe/Amsterdam calendar date YYYY-MM-DD; an update may not be dated after it.
Result<ValidProgressUpdate> ValidateUpdate(const ProgressUpdateInput& input, std::string_view today);

// --- Yearly roll-over ("jaarplan actualiseren") ---------------------------------------------------------------

// True for the actions that carry over into next year's plan: everything not gereed and not vervallen.
bool CarriesOver(const Action& action);

// Whether `text` is a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

}  // namespace stadshart::plan
