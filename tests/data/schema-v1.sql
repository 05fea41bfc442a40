-- A worthit database at schema version 1, as an SQL script (kept as text
-- so that diffs stay readable). test_db.c builds a file from it and
-- checks that opening it migrates to the current version with the data
-- intact. Never edit: it stands for files users already have.
PRAGMA application_id = 2003399729;
PRAGMA user_version = 1;
CREATE TABLE invitation (
  id INTEGER PRIMARY KEY, uid TEXT NOT NULL, recurrence_id TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL, organizer TEXT, series TEXT,
  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('breakfast','meetup','conference','coffee','lunch','speaking','webinar','other')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined','maybe','attended','skipped','cancelled')),
  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),
  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0,1)), tzid TEXT, location TEXT,
  reach TEXT NOT NULL DEFAULT 'local' CHECK (reach IN ('local','regional','virtual')),
  travel_min INTEGER NOT NULL DEFAULT 0 CHECK (travel_min >= 0),
  prep_min INTEGER NOT NULL DEFAULT 0 CHECK (prep_min >= 0),
  ticket_minor INTEGER NOT NULL DEFAULT 0 CHECK (ticket_minor >= 0),
  currency TEXT NOT NULL DEFAULT '',
  expected_attendance INTEGER NOT NULL DEFAULT 0 CHECK (expected_attendance >= 0),
  is_speaking INTEGER NOT NULL DEFAULT 0 CHECK (is_speaking IN (0,1)),
  speaking_fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (speaking_fee_minor >= 0),
  sequence INTEGER NOT NULL DEFAULT 0, source_file TEXT, description TEXT, url TEXT,
  categories TEXT, attendees TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  UNIQUE (uid, recurrence_id));
CREATE INDEX invitation_by_status_start ON invitation (status, starts_at);
CREATE INDEX invitation_by_start ON invitation (starts_at);
CREATE TABLE audience_share (
  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL CHECK (dimension IN ('industry','role','company_size','region')),
  segment TEXT NOT NULL,
  second_degree INTEGER NOT NULL DEFAULT 0 CHECK (second_degree IN (0,1)),
  share REAL NOT NULL CHECK (share >= 0 AND share <= 1),
  PRIMARY KEY (invitation_id, dimension, segment, second_degree)) WITHOUT ROWID;
CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,
  decided_at INTEGER NOT NULL, old_status TEXT NOT NULL, new_status TEXT NOT NULL,
  score REAL, verdict TEXT, weights_json TEXT,
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0,1)));
CREATE INDEX decision_by_invitation ON decision (invitation_id, decided_at);
CREATE TABLE outcome (
  invitation_id INTEGER PRIMARY KEY REFERENCES invitation(id) ON DELETE CASCADE,
  actual_minutes INTEGER NOT NULL DEFAULT 0 CHECK (actual_minutes >= 0),
  contacts_met INTEGER NOT NULL DEFAULT 0 CHECK (contacts_met >= 0),
  leads INTEGER NOT NULL DEFAULT 0 CHECK (leads >= 0),
  meetings INTEGER NOT NULL DEFAULT 0 CHECK (meetings >= 0),
  deals INTEGER NOT NULL DEFAULT 0 CHECK (deals >= 0),
  revenue_minor INTEGER NOT NULL DEFAULT 0 CHECK (revenue_minor >= 0),
  currency TEXT NOT NULL DEFAULT '',
  rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  notes TEXT, logged_at INTEGER NOT NULL);
CREATE TABLE contact (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, company TEXT, email TEXT,
  met_at INTEGER REFERENCES invitation(id) ON DELETE SET NULL,
  referred_by INTEGER REFERENCES contact(id) ON DELETE SET NULL,
  is_client INTEGER NOT NULL DEFAULT 0 CHECK (is_client IN (0,1)),
  notes TEXT, created_at INTEGER NOT NULL);
CREATE INDEX contact_by_email ON contact (email COLLATE NOCASE);
CREATE INDEX contact_by_referrer ON contact (referred_by);
CREATE TABLE deal (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL DEFAULT '', closed_at INTEGER NOT NULL, note TEXT);
CREATE INDEX deal_by_contact ON deal (contact_id);
INSERT INTO invitation (id, uid, title, organizer, kind, status, starts_at, ends_at, reach,
  travel_min, prep_min, ticket_minor, currency, expected_attendance, created_at, updated_at)
  VALUES (1, 'v1-breakfast@example.org', 'Chamber breakfast', 'Chamber of Commerce',
  'breakfast', 'accepted', 1772352000, 1772357400, 'local', 20, 10, 2500, 'USD', 60,
  1772000000, 1772000000);
INSERT INTO audience_share VALUES (1, 'industry', 'legal', 0, 0.25);
INSERT INTO decision (invitation_id, decided_at, old_status, new_status, score, verdict)
  VALUES (1, 1772100000, 'pending', 'accepted', 64.5, 'go');
