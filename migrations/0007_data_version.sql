-- A counter raised by every change made through the web (issue #4): each app server polls it and empties its
-- response cache when another server has changed something, so that several servers on one PostgreSQL database
-- never serve a stale page for longer than one poll.
CREATE TABLE data_version (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  generation INTEGER NOT NULL
);
INSERT INTO data_version (only, generation) VALUES (1, 0);
