#include "storage/connection.h"

namespace stadshart::storage {

Statement& Statement::Bind(int index, std::int64_t value) {
  std::visit([&](auto& s) { s.Bind(index, value); }, impl_);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  std::visit([&](auto& s) { s.Bind(index, value); }, impl_);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  std::visit([&](auto& s) { s.Bind(index, value); }, impl_);
  return *this;
}

Statement& Statement::BindNull(int index) {
  std::visit([&](auto& s) { s.BindNull(index); }, impl_);
  return *this;
}

bool Statement::Step() {
  return std::visit([](auto& s) { return s.Step(); }, impl_);
}

void Statement::Run() {
  std::visit([](auto& s) { s.Run(); }, impl_);
}

Statement& Statement::Reset() {
  std::visit([](auto& s) { s.Reset(); }, impl_);
  return *this;
}

std::int64_t Statement::Int(int column) const {
  return std::visit([&](const auto& s) { return s.Int(column); }, impl_);
}

double Statement::Real(int column) const {
  return std::visit([&](const auto& s) { return s.Real(column); }, impl_);
}

std::string Statement::Text(int column) const {
  return std::visit([&](const auto& s) { return s.Text(column); }, impl_);
}

bool Statement::IsNull(int column) const {
  return std::visit([&](const auto& s) { return s.IsNull(column); }, impl_);
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  return std::visit([&](const auto& s) { return s.OptionalInt(column); }, impl_);
}

void Connection::Exec(std::string_view sql) {
  std::visit([&](auto* c) { c->Exec(sql); }, impl_);
}

Statement Connection::Prepare(std::string_view sql) {
  return std::visit([&](auto* c) { return Statement(c->Prepare(sql)); }, impl_);
}

std::int64_t Connection::LastInsertId() {
  return std::visit([](auto* c) { return c->LastInsertId(); }, impl_);
}

int Connection::Changes() const {
  return std::visit([](auto* c) { return c->Changes(); }, impl_);
}

Transaction::Transaction(Connection& connection) {
  if (auto* c = connection.sqlite()) {
    sqlite_.emplace(*c);
  } else {
    postgres_.emplace(*connection.postgres());
  }
}

void Transaction::Commit() {
  if (sqlite_) sqlite_->Commit();
  if (postgres_) postgres_->Commit();
}

}  // namespace stadshart::storage
