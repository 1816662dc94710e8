-- Events (issue #7): the public places of the centre where events happen, the events with their recurrence, and
-- the changed or cancelled single occurrences of a series. Times are UTC instants ('2026-03-21T07:00:00Z');
-- recurrence is expanded in Europe/Amsterdam wall-clock (src/events/recurrence.h).

CREATE TABLE venues (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  address TEXT NOT NULL DEFAULT '',
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),  -- NULL: not public, for the partnership to fill
  zone TEXT NOT NULL DEFAULT '',
  residents INTEGER NOT NULL DEFAULT 0 CHECK (residents IN (0, 1)),  -- people live around it
  sound_from_minutes INTEGER,   -- amplified sound allowed from (minutes after local midnight); NULL: not set
  sound_until_minutes INTEGER,  -- until (may pass 1440)
  version INTEGER NOT NULL DEFAULT 1
);

-- The public places of Assen's centre. Coordinates are the middle of the square (approximate, WGS84);
-- capacities and sound hours are not public and are left for the partnership to fill.
INSERT INTO venues (name, address, lat, lon, zone, residents) VALUES
  ('Koopmansplein', 'Koopmansplein, 9401 Assen', 52.99435, 6.56225, 'kernwinkelgebied', 1),
  ('Brink', 'Brink, 9401 Assen', 52.99268, 6.56455, 'kernwinkelgebied', 1),
  ('Markt', 'Markt, 9401 Assen', 52.99375, 6.56440, 'kernwinkelgebied', 1),
  ('Kerkplein', 'Kerkplein, 9401 Assen', 52.99330, 6.56520, 'kernwinkelgebied', 1),
  ('Kop van de Vaart', 'Havenkade, 9401 Assen', 52.99640, 6.56610, 'vaart', 1),
  ('Drents Museum', 'Brink 1, 9401 HS Assen', 52.99215, 6.56420, 'museumkwartier', 0);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 1 AND 255),
  title TEXT NOT NULL CHECK (length(title) > 0),
  description TEXT NOT NULL DEFAULT '',
  organiser TEXT NOT NULL DEFAULT '',
  owner_user_id INTEGER REFERENCES users(id),
  venue_id INTEGER REFERENCES venues(id),
  location TEXT NOT NULL DEFAULT '',
  start_utc TEXT NOT NULL,
  end_utc TEXT NOT NULL CHECK (end_utc >= start_utc),
  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  rrule TEXT NOT NULL DEFAULT '',
  exdates TEXT NOT NULL DEFAULT '',  -- UTC instants separated by ' '
  rdates TEXT NOT NULL DEFAULT '',   -- UTC instants separated by ' '
  category TEXT NOT NULL DEFAULT 'overig',
  audience TEXT NOT NULL DEFAULT 'iedereen',
  expected_visitors INTEGER NOT NULL DEFAULT 0 CHECK (expected_visitors >= 0),
  amplified_sound INTEGER NOT NULL DEFAULT 0 CHECK (amplified_sound IN (0, 1)),
  event_class TEXT NOT NULL CHECK (event_class IN ('melding', 'A', 'B', 'C')),
  public INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('concept', 'ingediend', 'goedgekeurd', 'afgewezen', 'geannuleerd')),
  regional INTEGER NOT NULL DEFAULT 0 CHECK (regional IN (0, 1)),
  source TEXT NOT NULL DEFAULT '',  -- the regional calendar it was imported from
  city_dressing INTEGER NOT NULL DEFAULT 0 CHECK (city_dressing IN (0, 1)),
  city_dressing_budget_eur INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX events_by_start ON events(start_utc);
CREATE INDEX events_by_source ON events(source) WHERE source <> '';

-- A changed or cancelled occurrence of a series (RECURRENCE-ID = its original start).
CREATE TABLE event_changes (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  recurrence_id TEXT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  start_utc TEXT,
  end_utc TEXT,
  PRIMARY KEY (event_id, recurrence_id)
);
