-- The binnenstadmonitor: KPIs (the akkoord's goals and any added later), their measurements and national
-- reference series, and which work-plan actions are meant to move which KPI.

CREATE TABLE kpis (
  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 40),
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) > 0),
  unit TEXT NOT NULL,              -- "%", "arbeidsplaatsen", "bedrijven", "waarderingscijfer", "positie", ...
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  baseline_value REAL,
  baseline_date TEXT,              -- YYYY-MM-DD
  baseline_source TEXT NOT NULL DEFAULT '',
  target_value REAL NOT NULL,
  target_year INTEGER NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
  comparator TEXT NOT NULL CHECK (comparator IN ('at_least', 'at_most', 'below', 'above')),
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',     -- where measurements come from
  frequency TEXT NOT NULL DEFAULT '',  -- e.g. "jaarlijks, peildatum 1 januari"
  derived TEXT NOT NULL DEFAULT '' CHECK (derived IN ('', 'vacancy_count', 'vacancy_floor_area', 'businesses', 'jobs')),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE kpi_measurements (
  id INTEGER PRIMARY KEY,
  kpi_code TEXT NOT NULL REFERENCES kpis(code),
  series TEXT NOT NULL DEFAULT 'measured' CHECK (series IN ('measured', 'national')),
  date TEXT NOT NULL,      -- the reference date of the figure, YYYY-MM-DD
  value REAL NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',  -- internal: never on the public pages
  version INTEGER NOT NULL DEFAULT 1,
  recorded_at TEXT NOT NULL,
  UNIQUE (kpi_code, series, date)
);

CREATE TABLE action_kpis (
  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  kpi_code TEXT NOT NULL REFERENCES kpis(code),
  PRIMARY KEY (action_id, kpi_code)
);
CREATE INDEX action_kpis_by_kpi ON action_kpis(kpi_code);
