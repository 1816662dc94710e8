#include "accounts/permissions.h"

#include <iterator>

namespace stadshart::accounts {
namespace {

//                                                                         anon   writes  beh    gem    ond    eig    org
constexpr PermissionRule kMatrix[] = {
    {"public", "Openbare pagina's en de openbare API lezen", true, false, {true, true, true, true, true}},
    {"plan.write", "Het werkplan wijzigen: acties, voortgang, jaarplan actualiseren", false, true,
     {true, true, false, false, false}},
    {"account.self", "Eigen account: wachtwoord wijzigen, eigen API-tokens", false, true,
     {true, true, true, true, true}},
    {"session.manage", "Inloggen en uitloggen", true, true, {true, true, true, true, true}},
    {"audit.read", "De geschiedenis (audit trail) van alle wijzigingen lezen", false, false,
     {true, true, false, false, false}},
    {"register.write", "Het register wijzigen: panden, bedrijven, zones, bezetting, import", false, true,
     {true, false, false, false, false}},
    {"register.own", "Eigen bedrijf (ondernemer) of eigen panden (eigenaar) bijwerken; beheerder: alle", false, true,
     {true, false, true, true, false}},
    {"register.private", "Niet-openbare registergegevens lezen: eigenaren van panden, scenario's", false, false,
     {true, true, false, false, false}},
    {"scenario.write", "Scenario's (wat als) opslaan", false, true, {true, true, false, false, false}},
    {"monitor.write", "De monitor bijhouden: KPI's, metingen, koppelingen met acties", false, true,
     {true, true, false, false, false}},
    {"hours.analysis", "Analyse van de openingstijden: heatmap, kernwindow, koopavond, koopzondag, Super Sunday", false,
     false, {true, true, false, false, false}},
    {"hours.manage", "Instellingen van de openingstijden: feestdagen, schoolvakanties, import bestedingen per uur", false,
     true, {true, true, false, false, false}},
    {"events.submit", "Evenementen indienen en eigen evenementen wijzigen; botsingen bekijken", false, true,
     {true, true, true, false, true}},
    {"events.moderate", "Evenementen beoordelen (goedkeuren, afwijzen) en elk evenement wijzigen; regionale agenda's importeren",
     false, true, {true, true, false, false, false}},
    {"users.manage", "Gebruikers beheren", false, true, {true, false, false, false, false}},
};

}  // namespace

std::span<const PermissionRule> PermissionMatrix() { return kMatrix; }

const PermissionRule* FindPermission(std::string_view name) {
  for (const PermissionRule& rule : kMatrix) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

Decision Decide(const Principal& principal, std::string_view permission) {
  const PermissionRule* rule = FindPermission(permission);
  if (rule == nullptr) return Decision::kForbidden;
  if (principal.anonymous()) return rule->anonymous ? Decision::kAllow : Decision::kSignInRequired;
  if (principal.token_id && principal.scope == TokenScope::kRead && rule->writes) return Decision::kForbidden;
  auto index = static_cast<size_t>(principal.user->role);
  if (!principal.user->active) return Decision::kForbidden;
  return rule->roles[index] ? Decision::kAllow : Decision::kForbidden;
}

}  // namespace stadshart::accounts
