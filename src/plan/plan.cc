#include "plan/plan.h"

#include <algorithm>
#include <set>

#include "common/text.h"

namespace stadshart::plan {

std::string_view StatusCode(ActionStatus status) {
  switch (status) {
    case ActionStatus::kPlanned: return "gepland";
    case ActionStatus::kOngoing: return "lopend";
    case ActionStatus::kDone: return "gereed";
    case ActionStatus::kDropped: return "vervallen";
  }
  return "gepland";
}

std::string_view StatusLabel(ActionStatus status) {
  switch (status) {
    case ActionStatus::kPlanned: return "Gepland";
    case ActionStatus::kOngoing: return "Lopend";
    case ActionStatus::kDone: return "Gereed";
    case ActionStatus::kDropped: return "Vervallen";
  }
  return "Gepland";
}

std::optional<ActionStatus> ParseStatus(std::string_view code) {
  for (ActionStatus status : kAllStatuses) {
    if (StatusCode(status) == code) return status;
  }
  return std::nullopt;
}

int Progress::PercentDone() const {
  int in_play = total - dropped;
  return in_play > 0 ? done * 100 / in_play : 0;
}

namespace {

void Count(Progress& progress, const Action& action) {
  ++progress.total;
  switch (action.status) {
    case ActionStatus::kPlanned: ++progress.planned; break;
    case ActionStatus::kOngoing: ++progress.ongoing; break;
    case ActionStatus::kDone: ++progress.done; break;
    case ActionStatus::kDropped: ++progress.dropped; break;
  }
}

}  // namespace

Progress ProgressOf(const std::vector<Action>& actions) {
  Progress progress;
  for (const Action& action : actions) Count(progress, action);
  return progress;
}

Progress ProgressOf(const Plan& plan) {
  Progress progress;
  for (const Chapter& chapter : plan.chapters) {
    for (const Action& action : chapter.actions) Count(progress, action);
  }
  return progress;
}

bool Matches(const Action& action, const std::string& chapter_code, const ActionFilter& filter) {
  if (filter.chapter && *filter.chapter != chapter_code) return false;
  if (filter.status && *filter.status != action.status) return false;
  if (filter.priority && *filter.priority != action.priority) return false;
  if (filter.owner && std::find(action.owners.begin(), action.owners.end(), *filter.owner) == action.owners.end()) {
    return false;
  }
  return true;
}

Plan Filtered(const Plan& plan, const ActionFilter& filter) {
  Plan result = plan;
  for (Chapter& chapter : result.chapters) {
    std::erase_if(chapter.actions, [&](const Action& a) { return !Matches(a, chapter.code, filter); });
  }
  return result;
}

std::vector<std::string> Owners(const Plan& plan) {
  std::set<std::string> owners;
  for (const Chapter& chapter : plan.chapters) {
    for (const Action& action : chapter.actions) owners.insert(action.owners.begin(), action.owners.end());
  }
  return {owners.begin(), owners.end()};
}

Result<ActionEdit> ValidateEdit(const ActionEditInput& input) {
  ActionEdit edit;
  std::vector<FieldError> errors;
  if (input.title) {
    std::string title = text::Trim(*input.title);
    if (title.empty()) {
      errors.push_back({"title", "Vul een omschrijving van de actie in."});
    } else if (!text::IsValidUtf8(title)) {
      errors.push_back({"title", "De omschrijving bevat ongeldige tekens."});
    } else if (title.size() > kMaxTitleLength) {
      errors.push_back({"title", "De omschrijving is te lang (maximaal " + std::to_string(kMaxTitleLength) +
                                     " tekens); er is niets ingekort of opgeslagen."});
    } else {
      edit.title = std::move(title);
    }
  }
  if (input.status) {
    if (auto status = ParseStatus(*input.status)) {
      edit.status = status;
    } else {
      errors.push_back({"status", "Kies een geldige status: gepland, lopend, gereed of vervallen."});
    }
  }
  edit.priority = input.priority;
  if (input.thematafel) {
    std::string tafel = text::Trim(*input.thematafel);
    if (tafel.size() > kMaxOwnerLength || !text::IsValidUtf8(tafel)) {
      errors.push_back({"thematafel", "De naam van de ThemaTafel is te lang of bevat ongeldige tekens."});
    } else {
      edit.thematafel = std::move(tafel);
    }
  }
  if (input.owners) {
    std::vector<std::string> owners;
    bool bad = false;
    for (const std::string& raw : *input.owners) {
      std::string owner = text::Trim(raw);
      if (owner.empty()) continue;
      if (owner.size() > kMaxOwnerLength || !text::IsValidUtf8(owner)) bad = true;
      if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(std::move(owner));
    }
    if (bad) {
      errors.push_back({"owners", "Een actiehouder is te lang (maximaal " + std::to_string(kMaxOwnerLength) +
                                      " tekens) of bevat ongeldige tekens."});
    } else {
      edit.owners = std::move(owners);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return edit;
}

Action Apply(Action action, const ActionEdit& edit) {
  if (edit.title) action.title = *edit.title;
  if (edit.status) action.status = *edit.status;
  if (edit.priority) action.priority = *edit.priority;
  if (edit.thematafel) action.thematafel = *edit.thematafel;
  if (edit.owners) action.owners = *edit.owners;
  return action;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

Result<ValidProgressUpdate> ValidateUpdate(const ProgressUpdateInput& input, std::string_view today) {
  ValidProgressUpdate update;
  std::vector<FieldError> errors;
  std::string date = text::Trim(input.date);
  if (!IsIsoDate(date)) {
    errors.push_back({"date", "Vul een geldige datum in (jjjj-mm-dd)."});
  } else if (date > today) {
    errors.push_back({"date", "De datum van een voortgangsbericht kan niet in de toekomst liggen."});
  } else {
    update.date = date;
  }
  std::string text = text::Trim(input.text);
  if (text.empty()) {
    errors.push_back({"text", "Beschrijf de voortgang."});
  } else if (!text::IsValidUtf8(text)) {
    errors.push_back({"text", "De tekst bevat ongeldige tekens."});
  } else if (text.size() > kMaxUpdateLength) {
    errors.push_back({"text", "De tekst is te lang (maximaal " + std::to_string(kMaxUpdateLength) +
                                  " tekens); er is niets ingekort of opgeslagen."});
  } else {
    update.text = std::move(text);
  }
  if (input.status && !input.status->empty()) {
    if (auto status = ParseStatus(*input.status)) {
      update.status = status;
    } else {
      errors.push_back({"status", "Kies een geldige status: gepland, lopend, gereed of vervallen."});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return update;
}

bool CarriesOver(const Action& action) {
  return action.status != ActionStatus::kDone && action.status != ActionStatus::kDropped;
}

}  // namespace stadshart::plan
