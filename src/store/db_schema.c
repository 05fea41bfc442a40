/*
 * db_schema.c: the ordered list of schema migrations. Migration N takes
 * a database from user_version N-1 to N; db.c runs each one in its own
 * transaction and never edits an applied migration: a schema change is
 * always a new entry at the end (tests keep a version-1 fixture and
 * check it migrates).
 *
 * WITHOUT ROWID tables declare their key columns before the others:
 * SQLite 3.40's integrity_check wrongly reports NULLs in NOT NULL
 * columns that stand before a later key column.
 *
 * Conventions: times are INTEGER UTC seconds, money INTEGER minor units
 * with a currency column, enum columns TEXT with CHECK constraints
 * listing the names of model.h.
 */
#include "worthit/db_schema.h"

#include "worthit/xmalloc.h"

#include <stddef.h>
#include <string.h>

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
	"  second_degree INTEGER NOT NULL DEFAULT 0 CHECK (second_degree IN (0,1)),\n"
	"  share REAL NOT NULL CHECK (share >= 0 AND share <= 1),\n"
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

/*
 * Migration 2: history and outcomes (the History tab and reports).
 *   - history_by_kind / history_by_organizer: outcome sums per local
 *     calendar month (the zone of the process that wrote the outcome:
 *     SQLite's 'localtime'), kept by triggers in the same transaction as
 *     every outcome write and every change of an invitation's kind,
 *     organizer or start, so the history view never scans all outcomes.
 *     A row whose events fall to 0 is deleted.
 *   - outcome_edit: the undo journal of outcome writes (old and new row
 *     as JSON objects; decision_id the decision written with the edit;
 *     decision_seq the newest live decision id at the time, which orders
 *     this journal against the decision journal).
 *   - outcome_review: 30- and 90-day follow-ups the user dismissed.
 *   - referral: further referrers of a contact beyond contact.referred_by
 *     (a contact introduced by two people).
 */
#define HIST_MONTH "strftime('%Y-%m', i.starts_at, 'unixepoch', 'localtime')"
#define HIST_VALUES(sign, row) \
	sign " * 1, " sign " * " row ".actual_minutes, " sign " * " row ".contacts_met, " \
	sign " * " row ".leads, " sign " * " row ".meetings, " sign " * " row ".deals, " \
	sign " * " row ".revenue_minor, " sign " * (" row ".rating > 0), " sign " * " row ".rating"
#define HIST_SET \
	"events = events + excluded.events, minutes = minutes + excluded.minutes, " \
	"contacts = contacts + excluded.contacts, leads = leads + excluded.leads, " \
	"meetings = meetings + excluded.meetings, deals = deals + excluded.deals, " \
	"revenue_minor = revenue_minor + excluded.revenue_minor, rated = rated + excluded.rated, " \
	"rating_sum = rating_sum + excluded.rating_sum"
/* Add (sign "1") or take away (sign "-1") outcome row `row` of
 * invitation `inv` (an expression) in both summaries. */
#define HIST_APPLY(sign, row, inv) \
	"INSERT INTO history_by_kind SELECT " HIST_MONTH ", i.kind, " HIST_VALUES(sign, row) \
	" FROM invitation i WHERE i.id = " inv " ON CONFLICT (month, kind) DO UPDATE SET " \
	HIST_SET ";\n" \
	"INSERT INTO history_by_organizer SELECT " HIST_MONTH ", coalesce(i.organizer, ''), " \
	HIST_VALUES(sign, row) " FROM invitation i WHERE i.id = " inv \
	" ON CONFLICT (month, organizer) DO UPDATE SET " HIST_SET ";\n" \
	"DELETE FROM history_by_kind WHERE (month, kind) = (SELECT " HIST_MONTH ", i.kind " \
	"FROM invitation i WHERE i.id = " inv ") AND events <= 0;\n" \
	"DELETE FROM history_by_organizer WHERE (month, organizer) = (SELECT " HIST_MONTH ", " \
	"coalesce(i.organizer, '') FROM invitation i WHERE i.id = " inv ") AND events <= 0;\n"
#define HIST_TABLE(name, key) \
	"CREATE TABLE " name " (\n" \
	"  month TEXT NOT NULL,\n" \
	"  " key " TEXT NOT NULL,\n" \
	"  events INTEGER NOT NULL,\n" \
	"  minutes INTEGER NOT NULL,\n" \
	"  contacts INTEGER NOT NULL,\n" \
	"  leads INTEGER NOT NULL,\n" \
	"  meetings INTEGER NOT NULL,\n" \
	"  deals INTEGER NOT NULL,\n" \
	"  revenue_minor INTEGER NOT NULL,\n" \
	"  rated INTEGER NOT NULL,\n" \
	"  rating_sum INTEGER NOT NULL,\n" \
	"  PRIMARY KEY (month, " key ")\n" \
	") WITHOUT ROWID;\n"
#define HIST_BACKFILL(name, keyexpr) \
	"INSERT INTO " name " SELECT " HIST_MONTH ", " keyexpr ", count(*), sum(o.actual_minutes), " \
	"sum(o.contacts_met), sum(o.leads), sum(o.meetings), sum(o.deals), sum(o.revenue_minor), " \
	"sum(o.rating > 0), sum(o.rating) FROM outcome o JOIN invitation i ON i.id = o.invitation_id " \
	"GROUP BY 1, 2;\n"

static const char migration_2_tables[] =
	HIST_TABLE("history_by_kind", "kind")
	HIST_TABLE("history_by_organizer", "organizer")
	HIST_BACKFILL("history_by_kind", "i.kind")
	HIST_BACKFILL("history_by_organizer", "coalesce(i.organizer, '')");
static const char migration_2_outcome_triggers[] =
	"CREATE TRIGGER outcome_history_insert AFTER INSERT ON outcome BEGIN\n"
	HIST_APPLY("1", "NEW", "NEW.invitation_id")
	"END;\n"
	"CREATE TRIGGER outcome_history_delete AFTER DELETE ON outcome BEGIN\n"
	HIST_APPLY("-1", "OLD", "OLD.invitation_id")
	"END;\n";
static const char migration_2_outcome_update[] =
	"CREATE TRIGGER outcome_history_update AFTER UPDATE ON outcome BEGIN\n"
	HIST_APPLY("-1", "OLD", "OLD.invitation_id")
	HIST_APPLY("1", "NEW", "NEW.invitation_id")
	"END;\n"
	;
static const char migration_2_invitation_triggers[] =
	/* the outcome goes first, while the invitation still gives the keys */
	"CREATE TRIGGER invitation_outcome_drop BEFORE DELETE ON invitation BEGIN\n"
	"  DELETE FROM outcome WHERE invitation_id = OLD.id;\n"
	"END;\n"
	/* moved or re-classified: take the sums out under the old keys (the
	 * row as it was, rebuilt from OLD), put them back under the new */
	"CREATE TRIGGER invitation_history_move AFTER UPDATE OF kind, organizer, starts_at "
	"ON invitation WHEN (OLD.kind IS NOT NEW.kind OR OLD.organizer IS NOT NEW.organizer "
	"OR OLD.starts_at IS NOT NEW.starts_at) "
	"AND EXISTS (SELECT 1 FROM outcome WHERE invitation_id = NEW.id) BEGIN\n"
	"  INSERT INTO history_by_kind SELECT strftime('%Y-%m', OLD.starts_at, 'unixepoch', "
	"'localtime'), OLD.kind, " HIST_VALUES("-1", "o") " FROM outcome o "
	"WHERE o.invitation_id = OLD.id ON CONFLICT (month, kind) DO UPDATE SET " HIST_SET ";\n"
	"  INSERT INTO history_by_organizer SELECT strftime('%Y-%m', OLD.starts_at, 'unixepoch', "
	"'localtime'), coalesce(OLD.organizer, ''), " HIST_VALUES("-1", "o") " FROM outcome o "
	"WHERE o.invitation_id = OLD.id ON CONFLICT (month, organizer) DO UPDATE SET " HIST_SET
	";\n"
	"  DELETE FROM history_by_kind WHERE month = strftime('%Y-%m', OLD.starts_at, "
	"'unixepoch', 'localtime') AND kind = OLD.kind AND events <= 0;\n"
	"  DELETE FROM history_by_organizer WHERE month = strftime('%Y-%m', OLD.starts_at, "
	"'unixepoch', 'localtime') AND organizer = coalesce(OLD.organizer, '') AND events <= 0;\n"
	"  INSERT INTO history_by_kind SELECT " HIST_MONTH ", i.kind, " HIST_VALUES("1", "o")
	" FROM outcome o JOIN invitation i ON i.id = o.invitation_id WHERE o.invitation_id = NEW.id"
	" ON CONFLICT (month, kind) DO UPDATE SET " HIST_SET ";\n"
	"  INSERT INTO history_by_organizer SELECT " HIST_MONTH ", coalesce(i.organizer, ''), "
	HIST_VALUES("1", "o") " FROM outcome o JOIN invitation i ON i.id = o.invitation_id "
	"WHERE o.invitation_id = NEW.id ON CONFLICT (month, organizer) DO UPDATE SET " HIST_SET
	";\n"
	"END;\n";
static const char migration_2_journal[] =
	"CREATE TABLE outcome_edit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  edited_at INTEGER NOT NULL,\n"
	"  old_row TEXT,\n"
	"  new_row TEXT,\n"
	"  decision_id INTEGER,\n"
	"  decision_seq INTEGER NOT NULL DEFAULT 0,\n"
	"  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0,1))\n"
	");\n"
	"CREATE TABLE outcome_review (\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  after_days INTEGER NOT NULL CHECK (after_days IN (30, 90)),\n"
	"  reviewed_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (invitation_id, after_days)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE referral (\n"
	"  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,\n"
	"  referrer_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,\n"
	"  created_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (contact_id, referrer_id),\n"
	"  CHECK (contact_id <> referrer_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX referral_by_referrer ON referral (referrer_id);\n"
	"CREATE INDEX deal_by_closed ON deal (closed_at);\n"
	/* calibration reads the newest scored live decision per invitation
	 * from the index alone */
	"CREATE INDEX decision_score_by_invitation ON decision (invitation_id, undone, decided_at, "
	"id, score);\n";

/*
 * Migration 3: track_summary, the sums db_track_load() reads instead of
 * aggregating every outcome at each start (seconds with 100,000s of
 * outcomes): per (kind, organizer, series), '' for no organizer or
 * series, the outcomes of attended and accepted invitations: count,
 * minutes (the logged ones, else the planned duration + 2 x travel
 * unless virtual + preparation), leads, deals, revenue. Triggers keep
 * it in the transaction of every outcome write and of every change of
 * the invitation fields it depends on; a row whose events fall to 0 is
 * deleted. Outcomes of invitations starting after a given time are
 * few and subtracted at read time (db_track.c).
 */
#define TRACK_MINUTES(o, i) \
	"CASE WHEN " o ".actual_minutes > 0 THEN " o ".actual_minutes ELSE (" i ".ends_at - " i \
	".starts_at) / 60 + CASE WHEN " i ".reach = 'virtual' THEN 0 ELSE 2 * " i ".travel_min " \
	"END + " i ".prep_min END"
#define TRACK_COUNTED(i) i ".status IN ('attended', 'accepted')"
#define TRACK_SET \
	"events = events + excluded.events, minutes = minutes + excluded.minutes, " \
	"leads = leads + excluded.leads, deals = deals + excluded.deals, " \
	"revenue_minor = revenue_minor + excluded.revenue_minor"
#define TRACK_KEY(i) i ".kind, coalesce(" i ".organizer, ''), coalesce(" i ".series, '')"
/* Add (sign "1") or take away (sign "-1") outcome o counted under
 * invitation values i (OLD, NEW or a row alias) selected by `from`
 * (a FROM ... WHERE clause); key: i's key as a row value. */
#define TRACK_APPLY(sign, o, i, from, key) \
	"INSERT INTO track_summary SELECT " TRACK_KEY(i) ", " sign ", " sign " * (" \
	TRACK_MINUTES(o, i) "), " sign " * " o ".leads, " sign " * " o ".deals, " sign " * " o \
	".revenue_minor " from " AND " TRACK_COUNTED(i) " ON CONFLICT (kind, organizer, series) " \
	"DO UPDATE SET " TRACK_SET ";\n" \
	"DELETE FROM track_summary WHERE (kind, organizer, series) = " key " AND events <= 0;\n"
#define TRACK_OUTCOME(sign, o) \
	TRACK_APPLY(sign, o, "i", "FROM invitation i WHERE i.id = " o ".invitation_id", \
	            "(SELECT " TRACK_KEY("i") " FROM invitation i WHERE i.id = " o ".invitation_id)")
#define TRACK_MOVE(sign, i) \
	TRACK_APPLY(sign, "o", i, "FROM outcome o WHERE o.invitation_id = " i ".id", \
	            "(" TRACK_KEY(i) ")")

static const char migration_3[] =
	"CREATE TABLE track_summary (\n"
	"  kind TEXT NOT NULL,\n"
	"  organizer TEXT NOT NULL,\n"
	"  series TEXT NOT NULL,\n"
	"  events INTEGER NOT NULL,\n"
	"  minutes INTEGER NOT NULL,\n"
	"  leads INTEGER NOT NULL,\n"
	"  deals INTEGER NOT NULL,\n"
	"  revenue_minor INTEGER NOT NULL,\n"
	"  PRIMARY KEY (kind, organizer, series)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO track_summary SELECT i.kind, coalesce(i.organizer, ''), "
	"coalesce(i.series, ''), count(*), sum(" TRACK_MINUTES("o", "i") "), sum(o.leads), "
	"sum(o.deals), sum(o.revenue_minor) FROM outcome o JOIN invitation i "
	"ON i.id = o.invitation_id WHERE " TRACK_COUNTED("i") " GROUP BY 1, 2, 3;\n";
static const char migration_3_outcome_triggers[] =
	"CREATE TRIGGER outcome_track_insert AFTER INSERT ON outcome BEGIN\n"
	TRACK_OUTCOME("1", "NEW")
	"END;\n"
	"CREATE TRIGGER outcome_track_delete AFTER DELETE ON outcome BEGIN\n"
	TRACK_OUTCOME("-1", "OLD")
	"END;\n"
	"CREATE TRIGGER outcome_track_update AFTER UPDATE ON outcome BEGIN\n"
	TRACK_OUTCOME("-1", "OLD")
	TRACK_OUTCOME("1", "NEW")
	"END;\n";
static const char migration_3_invitation_trigger[] =
	"CREATE TRIGGER invitation_track_move AFTER UPDATE OF kind, organizer, series, status, "
	"starts_at, ends_at, reach, travel_min, prep_min ON invitation "
	"WHEN EXISTS (SELECT 1 FROM outcome WHERE invitation_id = NEW.id) BEGIN\n"
	TRACK_MOVE("-1", "OLD")
	TRACK_MOVE("1", "NEW")
	"END;\n";

/*
 * Migration 4: where each fact of an invitation came from. No row: from
 * the file it was imported from (or typed at `add`); 'rule' a keyword
 * rule, 'default' a config default (note names which), 'user' an edit,
 * which a later import of the same invitation never overwrites. Edits
 * of facts share the outcome journal (kind 'facts': old_row/new_row are
 * the invitation's facts, shares and origins as JSON, db_journal.c).
 */
static const char migration_4[] =
	"CREATE TABLE fact_origin (\n"
	"  invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  fact TEXT NOT NULL,\n"
	"  source TEXT NOT NULL CHECK (source IN ('rule','default','user')),\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  PRIMARY KEY (invitation_id, fact)\n"
	") WITHOUT ROWID;\n"
	"ALTER TABLE outcome_edit ADD COLUMN kind TEXT NOT NULL DEFAULT 'outcome' "
	"CHECK (kind IN ('outcome','facts'));\n";

/* Migration 5, score v2: a contact may be flagged as a prospect, a known potential
 * buyer whose meetings the score values (docs/scoring.md). */
static const char migration_5[] =
	"ALTER TABLE contact ADD COLUMN is_prospect INTEGER NOT NULL DEFAULT 0 "
	"CHECK (is_prospect IN (0,1));\n";

/* 6: the message an invitation came in (import from mail): its
 * provenance, shown by `worthit show`. One row per invitation, gone
 * with it. */
static const char migration_6[] =
	"CREATE TABLE invitation_mail (\n"
	"  invitation_id INTEGER PRIMARY KEY REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  message_id TEXT,\n"
	"  sender TEXT,\n"
	"  subject TEXT,\n"
	"  sent_at INTEGER NOT NULL DEFAULT 0\n"
	");\n";

/*
 * Migration 7: series decisions (issue 12). decision.batch groups the
 * rows one step wrote: deciding a whole series records one decision
 * per future occurrence, all with batch = the id of the first of them,
 * and undo/redo take every row of a batch together (db_journal.c).
 * NULL for a decision made alone.
 */
static const char migration_7[] =
	"ALTER TABLE decision ADD COLUMN batch INTEGER;\n"
	"CREATE INDEX decision_by_batch ON decision (batch) WHERE batch IS NOT NULL;\n";

/* 8: sources (sync.c): the busy time of the user's own calendars, what
 * each file of a source looked like when last read (so an unchanged
 * one is skipped without being opened), the mtime of a Maildir's cur/
 * and new/ when all their messages were read (messages are never
 * changed in place, RFC-less but universal Maildir practice, so an
 * unchanged directory needs no listing), and each feed's validators and
 * last error. busy.source is the file or feed URL the event came from;
 * busy rows are replaced whole when that file is read again. */
static const char migration_8[] =
	"CREATE TABLE busy (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  source TEXT NOT NULL,\n"
	"  uid TEXT NOT NULL,\n"
	"  recurrence_id TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  starts_at INTEGER NOT NULL,\n"
	"  ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at)\n"
	");\n"
	"CREATE INDEX busy_by_source ON busy (source);\n"
	"CREATE INDEX busy_by_start ON busy (starts_at);\n"
	"CREATE TABLE source_file (\n"
	"  file TEXT NOT NULL PRIMARY KEY,\n"
	"  source TEXT NOT NULL,\n"
	"  mtime_ns INTEGER NOT NULL,\n"
	"  size INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX source_file_by_source ON source_file (source);\n"
	"CREATE TABLE source_dir (\n"
	"  dir TEXT NOT NULL PRIMARY KEY,\n"
	"  mtime_ns INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE feed (\n"
	"  url TEXT NOT NULL PRIMARY KEY,\n"
	"  etag TEXT,\n"
	"  last_modified TEXT,\n"
	"  checked_at INTEGER NOT NULL DEFAULT 0,\n"
	"  ok_at INTEGER NOT NULL DEFAULT 0,\n"
	"  events INTEGER NOT NULL DEFAULT 0,\n"
	"  error TEXT\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX invitation_by_source_file ON invitation (source_file);\n";

/* 9: the user's own address each invitation was sent to (config "me";
 * import takes it out of the attendees): a reply goes out as that one,
 * not the first of several. One row per invitation that had one, gone
 * with it. */
static const char migration_9[] =
	"CREATE TABLE invitation_me (\n"
	"  invitation_id INTEGER PRIMARY KEY REFERENCES invitation(id) ON DELETE CASCADE,\n"
	"  address TEXT NOT NULL\n"
	");\n";

/* Each migration as parts, NULL-terminated (C17 only promises string
 * literals of 4095 bytes); db_schema_migration() joins them once. */
static const char *const migration_1_parts[] = { migration_1, NULL };
static const char *const migration_2_parts[] = {
	migration_2_tables, migration_2_outcome_triggers, migration_2_outcome_update,
	migration_2_invitation_triggers, migration_2_journal, NULL,
};

static const char *const migration_3_parts[] = {
	migration_3, migration_3_outcome_triggers, migration_3_invitation_trigger, NULL,
};

static const char *const migration_4_parts[] = { migration_4, NULL };
static const char *const migration_5_parts[] = { migration_5, NULL };
static const char *const migration_6_parts[] = { migration_6, NULL };
static const char *const migration_7_parts[] = { migration_7, NULL };
static const char *const migration_8_parts[] = { migration_8, NULL };
static const char *const migration_9_parts[] = { migration_9, NULL };

static const char *const *const migrations[] = {
	migration_1_parts,
	migration_2_parts,
	migration_3_parts,
	migration_4_parts,
	migration_5_parts,
	migration_6_parts,
	migration_7_parts,
	migration_8_parts,
	migration_9_parts,
};

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

int db_schema_count(void)
{
	return MIGRATION_COUNT;
}

const char *db_schema_migration(int version)
{
	static char *joined[MIGRATION_COUNT];
	if (version < 1 || version > MIGRATION_COUNT)
		return NULL;
	const char *const *parts = migrations[version - 1];
	if (parts[1] == NULL)
		return parts[0];
	if (joined[version - 1] == NULL) {
		size_t len = 1;
		for (size_t i = 0; parts[i] != NULL; i++)
			len += strlen(parts[i]);
		char *buf = xmalloc(len), *p = buf;
		for (size_t i = 0; parts[i] != NULL; i++) {
			size_t n = strlen(parts[i]);
			memcpy(p, parts[i], n);
			p += n;
		}
		*p = '\0';
		joined[version - 1] = buf;
	}
	return joined[version - 1];
}
