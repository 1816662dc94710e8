-- The work plan (werkplan): a plan per year, its chapters (themalijnen A-F and Jongeren), key points,
-- actions with sub-actions and owners, and dated progress updates. The binnenstadakkoord's goals.

CREATE TABLE plans (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  title TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL  -- UTC, ISO 8601
);

CREATE TABLE chapters (
  id INTEGER PRIMARY KEY,
  plan_year INTEGER NOT NULL REFERENCES plans(year) ON DELETE CASCADE,
  code TEXT NOT NULL CHECK (code IN ('A', 'B', 'C', 'D', 'E', 'F', 'J')),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  heading TEXT NOT NULL,
  intro TEXT NOT NULL DEFAULT '',
  thematafel TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_year, code)
);

CREATE TABLE key_points (
  id INTEGER PRIMARY KEY,
  chapter_id INTEGER NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL
);

CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  chapter_id INTEGER NOT NULL REFERENCES chapters(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL CHECK (length(title) > 0),
  status TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'lopend', 'gereed', 'vervallen')),
  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
  priority_reason TEXT NOT NULL DEFAULT '',
  thematafel TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  -- The action of the previous year's plan that this one continues ("jaarplan actualiseren").
  carried_from INTEGER UNIQUE REFERENCES actions(id),
  version INTEGER NOT NULL DEFAULT 1,  -- raised on every change; optimistic concurrency
  updated_at TEXT NOT NULL
);
CREATE INDEX actions_by_chapter ON actions(chapter_id, position);

CREATE TABLE action_owners (
  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  owner TEXT NOT NULL,
  PRIMARY KEY (action_id, position)
);

CREATE TABLE sub_actions (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL
);

CREATE TABLE action_updates (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  date TEXT NOT NULL,         -- the day the progress refers to, Europe/Amsterdam calendar date YYYY-MM-DD
  text TEXT NOT NULL,
  status TEXT,                -- the status set together with this update, if any
  recorded_at TEXT NOT NULL   -- UTC instant, ISO 8601
);
CREATE INDEX action_updates_by_action ON action_updates(action_id, date);

-- The goals of the binnenstadakkoord (7 February 2018), kept as structured data for the monitor.
CREATE TABLE goals (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  baseline REAL,
  target REAL NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  comparator TEXT NOT NULL,
  target_year INTEGER,
  text TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
