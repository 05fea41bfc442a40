/*
 * db_schema.c: the ordered list of schema migrations. Migration N takes
 * a database from user_version N-1 to N; db.c runs each one in its own
 * transaction and never edits an applied migration: a schema change is
 * always a new entry at the end (tests keep a version-1 fixture and
 * check it migrates).
 *
 * Conventions: times are INTEGER UTC seconds, money INTEGER minor units
 * with a currency column, enum columns TEXT with CHECK constraints
 * listing the names of model.h.
 */
#include "worthit/db_schema.h"

#include <stddef.h>

static const char migration_1[] =
	"CREATE TABLE invitation (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  uid TEXT NOT NULL,\n"
	"  recurrence_id TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL,\n"
	"  organizer TEXT,\n"
	"  series TEXT,\n"
	"  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('breakfast','meetup',"
	"'conference','coffee','lunch','speaking','webinar','other')),\n"
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted',"
	"'declined','maybe','attended','skipped','cancelled')),\n"
	"  starts_at INTEGER NOT NULL,\n"
	"  ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),\n"
	"  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0,1)),\n"
	"  tzid TEXT,\n"
	"  location TEXT,\n"
	"  reach TEXT NOT NULL DEFAULT 'local' CHECK (reach IN ('local','regional','virtual')),\n"
	"  travel_min INTEGER NOT NULL DEFAULT 0 CHECK (travel_min >= 0),\n"
	"  prep_min INTEGER NOT NULL DEFAULT 0 CHECK (prep_min >= 0),\n"
	"  ticket_minor INTEGER NOT NULL DEFAULT 0 CHECK (ticket_minor >= 0),\n"
	"  currency TEXT NOT NULL DEFAULT '',\n"
	"  expected_attendance INTEGER NOT NULL DEFAULT 0 CHECK (expected_attendance >= 0),\n"
	"  is_speaking INTEGER NOT NULL DEFAULT 0 CHECK (is_speaking IN (0,1)),\n"
	"  speaking_fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (speaking_fee_minor >= 0),\n"
	"  sequence INTEGER NOT NULL DEFAULT 0,\n"
	"  source_file TEXT,\n"
	"  description TEXT,\n"
	"  url TEXT,\n"
	"  categories TEXT,\n"
	"  attendees TEXT,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  UNIQUE (uid, recurrence_id)\n"
	");\n"
	"CREATE INDEX invitation_by_status_start ON invitation (status, starts_at);\n"
	"CREATE INDEX invitation_by_start ON invitation (starts_at);\n"
	"CREATE TABLE audience_share (\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  dimension TEXT NOT NULL CHECK (dimension IN ('industry','role','company_size','region')),\n"
	"  segment TEXT NOT NULL,\n"
	"  share REAL NOT NULL CHECK (share >= 0 AND share <= 1),\n"
	"  second_degree INTEGER NOT NULL DEFAULT 0 CHECK (second_degree IN (0,1)),\n"
	"  PRIMARY KEY (invitation_id, dimension, segment, second_degree)\n"
	") WITHOUT ROWID;\n"
	/* every accept/decline/maybe/attended/skipped, with the score and
	 * weights at that moment; undone rows stay for redo and history */
	"CREATE TABLE decision (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  decided_at INTEGER NOT NULL,\n"
	"  old_status TEXT NOT NULL,\n"
	"  new_status TEXT NOT NULL,\n"
	"  score REAL,\n"
	"  verdict TEXT,\n"
	"  weights_json TEXT,\n"
	"  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0,1))\n"
	");\n"
	"CREATE INDEX decision_by_invitation ON decision (invitation_id, decided_at);\n"
	"CREATE TABLE outcome (\n"
	"  invitation_id INTEGER PRIMARY KEY REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  actual_minutes INTEGER NOT NULL DEFAULT 0 CHECK (actual_minutes >= 0),\n"
	"  contacts_met INTEGER NOT NULL DEFAULT 0 CHECK (contacts_met >= 0),\n"
	"  leads INTEGER NOT NULL DEFAULT 0 CHECK (leads >= 0),\n"
	"  meetings INTEGER NOT NULL DEFAULT 0 CHECK (meetings >= 0),\n"
	"  deals INTEGER NOT NULL DEFAULT 0 CHECK (deals >= 0),\n"
	"  revenue_minor INTEGER NOT NULL DEFAULT 0 CHECK (revenue_minor >= 0),\n"
	"  currency TEXT NOT NULL DEFAULT '',\n"
	"  rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),\n"
	"  notes TEXT,\n"
	"  logged_at INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE contact (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  company TEXT,\n"
	"  email TEXT,\n"
	"  met_at INTEGER REFERENCES invitation(id) ON DELETE SET NULL,\n"
	"  referred_by INTEGER REFERENCES contact(id) ON DELETE SET NULL,\n"
	"  is_client INTEGER NOT NULL DEFAULT 0 CHECK (is_client IN (0,1)),\n"
	"  notes TEXT,\n"
	"  created_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX contact_by_email ON contact (email COLLATE NOCASE);\n"
	"CREATE INDEX contact_by_referrer ON contact (referred_by);\n"
	"CREATE TABLE deal (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,\n"
	"  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),\n"
	"  currency TEXT NOT NULL DEFAULT '',\n"
	"  closed_at INTEGER NOT NULL,\n"
	"  note TEXT\n"
	");\n"
	"CREATE INDEX deal_by_contact ON deal (contact_id);\n";

static const char *const migrations[] = {
	migration_1,
};

int db_schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *db_schema_migration(int version)
{
	if (version < 1 || version > db_schema_count())
		return NULL;
	return migrations[version - 1];
}
