-- Accounts, sessions, API tokens, login throttling and the append-only audit trail.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('beheerder', 'gemeente', 'ondernemer', 'eigenaar', 'organisator')),
  password_hash TEXT NOT NULL,  -- libsodium crypto_pwhash_str (Argon2id)
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- What a user acts for: a business, a unit or an organisation (modules that arrive later fill this).
CREATE TABLE user_links (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('business', 'unit', 'organisation')),
  ref_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind, ref_id)
);

-- Sessions live in the database so that several app servers can share them. Only a hash of the cookie value
-- is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL  -- absolute expiry
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Failed logins, per account and per address, for throttling (kept a day).
CREATE TABLE login_failures (
  key TEXT NOT NULL,  -- "account:<email>" or "address:<ip>"
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(key, at);

-- Every create, update and delete: who, when, what, before and after, and from where. Append-only.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,            -- UTC instant
  actor_user_id INTEGER REFERENCES users(id),
  actor TEXT NOT NULL,         -- e-mail of the user, "token <id> van <e-mail>", or "systeem"
  via TEXT NOT NULL CHECK (via IN ('page', 'api', 'cli')),
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_by_entity ON audit_log(entity_type, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
