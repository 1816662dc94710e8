-- Opening hours (issue #8, docs/shophours.md): per business its OSM opening_hours expression and dated exceptions,
-- the centre's calendar (which contested days count as public holidays, whose school holidays SH means, where the
-- centre lies for sunrise and sunset), the school holidays per region as data the partnership edits, and imported
-- spending or footfall per hour of the week. Days are 'YYYY-MM-DD'; instants UTC.

CREATE TABLE business_hours (
  business_id INTEGER PRIMARY KEY REFERENCES businesses(id) ON DELETE CASCADE,
  opening_hours TEXT NOT NULL CHECK (length(opening_hours) > 0),  -- normalised, e.g. 'Mo-Sa 09:30-18:00; PH off'
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- A day with other hours than usual: closed, or open at `hours` ('10:00-16:00'); part of the business's hours
-- record (its version covers them).
CREATE TABLE business_hours_exceptions (
  business_id INTEGER NOT NULL REFERENCES business_hours(business_id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
  hours TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '' CHECK (instr(reason, '"') = 0),
  PRIMARY KEY (business_id, day),
  CHECK (closed = 1 OR length(hours) > 0)
);

CREATE TABLE hours_settings (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  good_friday INTEGER NOT NULL DEFAULT 0 CHECK (good_friday IN (0, 1)),
  liberation_day TEXT NOT NULL DEFAULT 'lustrum' CHECK (liberation_day IN ('never', 'lustrum', 'yearly')),
  school_region TEXT NOT NULL DEFAULT 'noord' CHECK (school_region IN ('noord', 'midden', 'zuid')),
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
-- Assen (Koopmansplein); school region noord; Goede Vrijdag not a holiday for shops, Bevrijdingsdag in lustrum
-- years (the engine's Dutch default, docs/opening_hours.md).
INSERT INTO hours_settings (only, good_friday, liberation_day, school_region, latitude, longitude, version, updated_at)
  VALUES (1, 0, 'lustrum', 'noord', 52.9929, 6.5626, 1, '2025-01-01T00:00:00Z');

CREATE TABLE school_holidays (
  id INTEGER PRIMARY KEY,
  region TEXT NOT NULL CHECK (region IN ('noord', 'midden', 'zuid')),
  name TEXT NOT NULL CHECK (length(name) > 0),
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL CHECK (last_day >= first_day)
);
CREATE INDEX school_holidays_by_region ON school_holidays(region, first_day);

-- Region noord (Drenthe, so Assen), school years 2025/2026 and 2026/2027, Saturday to Sunday as the Rijksoverheid
-- publishes them (the meivakantie as advised). Check against rijksoverheid.nl when a year is added.
INSERT INTO school_holidays (region, name, first_day, last_day) VALUES
  ('noord', 'Herfstvakantie', '2025-10-18', '2025-10-26'),
  ('noord', 'Kerstvakantie', '2025-12-20', '2026-01-04'),
  ('noord', 'Voorjaarsvakantie', '2026-02-21', '2026-03-01'),
  ('noord', 'Meivakantie', '2026-04-25', '2026-05-03'),
  ('noord', 'Zomervakantie', '2026-07-04', '2026-08-16'),
  ('noord', 'Herfstvakantie', '2026-10-17', '2026-10-25'),
  ('noord', 'Kerstvakantie', '2026-12-19', '2027-01-03'),
  ('noord', 'Voorjaarsvakantie', '2027-02-20', '2027-02-28'),
  ('noord', 'Meivakantie', '2027-04-24', '2027-05-02'),
  ('noord', 'Zomervakantie', '2027-07-17', '2027-08-29');

-- Spending or footfall per hour of the week (imported CSV weekday;hour;value), replaced as a whole.
CREATE TABLE hours_footfall (
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  value REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (weekday, hour)
);
CREATE TABLE hours_footfall_source (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  label TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
