-- The register of the centre: zones and their intended functions, units (verkooppunten), businesses, the
-- occupancy history of each unit, and saved "wat als" scenarios. Days are 'YYYY-MM-DD' calendar dates; an
-- interval is [from_day, to_day), to_day NULL meaning "until further notice".

CREATE TABLE zones (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  intended TEXT NOT NULL DEFAULT '',  -- function codes separated by ',' (property/records.h)
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  bag_id TEXT NOT NULL UNIQUE CHECK (length(bag_id) = 16),
  street TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  letter TEXT NOT NULL DEFAULT '',
  addition TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  zone TEXT NOT NULL REFERENCES zones(code),
  floor TEXT NOT NULL CHECK (floor IN ('ground', 'upper')),
  floor_area_m2 INTEGER NOT NULL CHECK (floor_area_m2 >= 0),
  outlet INTEGER NOT NULL DEFAULT 1 CHECK (outlet IN (0, 1)),
  lat REAL,
  lon REAL,
  owner TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_by_street ON units(street, number);

CREATE TABLE businesses (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  kvk TEXT NOT NULL CHECK (length(kvk) = 8),
  vestiging TEXT NOT NULL UNIQUE CHECK (length(vestiging) = 12),
  sbi TEXT NOT NULL DEFAULT '',
  function TEXT NOT NULL,
  jobs INTEGER NOT NULL DEFAULT 0 CHECK (jobs >= 0),
  memberships TEXT NOT NULL DEFAULT '',  -- association codes separated by ','
  website TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE occupancy (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  from_day TEXT NOT NULL,
  to_day TEXT CHECK (to_day IS NULL OR to_day > from_day),
  kind TEXT NOT NULL CHECK (kind IN ('in_use', 'vacant', 'vacant_let', 'temporary', 'housing', 'transformation')),
  business_id INTEGER REFERENCES businesses(id),
  temporary_user TEXT NOT NULL DEFAULT '',
  temporary_manager TEXT NOT NULL DEFAULT '',
  temporary_end TEXT,
  CHECK ((kind = 'in_use') = (business_id IS NOT NULL))
);
CREATE INDEX occupancy_by_unit ON occupancy(unit_id, from_day);
CREATE INDEX occupancy_by_business ON occupancy(business_id);

-- Raised by every write to the tables above, in the same transaction: readers keep an in-memory snapshot of the
-- register and reload it when this number moved.
CREATE TABLE register_generation (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  generation INTEGER NOT NULL
);
INSERT INTO register_generation (only, generation) VALUES (1, 1);

CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  date TEXT NOT NULL,
  target TEXT NOT NULL,
  unit_ids TEXT NOT NULL DEFAULT '',  -- ids separated by ','
  vacant_retail_outside_core INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

INSERT INTO zones (code, position, name, intended) VALUES
  ('kernwinkelgebied', 1, 'Kernwinkelgebied', 'dagelijks,mode_luxe,vrije_tijd,in_om_huis,detailhandel_overig,horeca'),
  ('aanloopstraten', 2, 'Aanloopstraten', 'diensten,cultuur,horeca,wonen,dagelijks'),
  ('horecagebied', 3, 'Horecaconcentratiegebied', 'horeca,cultuur'),
  ('overig', 4, 'Overig centrum', 'diensten,cultuur,wonen');
