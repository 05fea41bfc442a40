/*
 * db.c: opening, checking and migrating a worthit database, and the
 * transaction helpers every db_*.c module uses.
 *
 * Invariants:
 *   - nothing is written to a file before it is known to be ours: an
 *     empty new file, or one whose PRAGMA application_id is
 *     DB_APPLICATION_ID and whose user_version this build knows;
 *     foreign and newer files are refused byte-identical;
 *   - new files are created 0600 (in a 0700 directory) before SQLite
 *     sees them, since SQLite would use the umask;
 *   - a worthit file is in WAL mode once opened (readers go on reading
 *     while another process writes): the first open switches a new file,
 *     and every open switches back one found in rollback mode (a bulk
 *     import into a new file runs so, db_import.c, and a crash there
 *     leaves it so), only after the file is known to be ours;
 *   - every write happens inside BEGIN IMMEDIATE, so a lock is found
 *     before anything is written, and SQLITE_BUSY after the busy
 *     timeout is reported as WIT_TEMPFAIL;
 *   - no transaction commits after an allocation failed anywhere in the
 *     process (alloc_watch.h): a library may have dropped what it could
 *     not allocate from what is being stored; WIT_SOFTWARE, rolled back.
 */
#include "worthit/db.h"
#include "worthit/alloc_watch.h"
#include "worthit/db_internal.h"
#include "worthit/db_schema.h"
#include "worthit/paths.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Statements kept prepared for the life of the handle, keyed by the
 * address of their SQL text (always a string literal), so a bulk import
 * prepares each statement once instead of once per row. */
#define DB_CACHE_SLOTS 32

struct db_cached_stmt {
	const char *sql;
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *sql;
	char *path;
	bool is_new;               /* this db_open() created the file (db_is_new) */
	bool in_transaction;
	size_t n_cached;
	struct db_cached_stmt cached[DB_CACHE_SLOTS];
};

/* ---- SQLite's allocator: xmalloc's rule ---------------------------------
 * SQLite reports a failed allocation as SQLITE_NOMEM, but a column read
 * that fails returns NULL, which reads as an SQL NULL: a decision could
 * then be written from half a row. Ending the process instead (through
 * xmalloc_fail) rolls back whatever was open. Each block carries its size
 * in front (SQLite's xSize), 8 bytes, which keeps the 8-byte alignment
 * SQLite needs. */

#define DB_MEM_HEADER 8

static void *mem_malloc(int n)
{
	size_t size = (size_t)(n > 0 ? n : 1);
	unsigned char *p = malloc(size + DB_MEM_HEADER);
	if (p == NULL)
		xmalloc_fail(size);
	memcpy(p, &size, sizeof size);
	return p + DB_MEM_HEADER;
}

static void mem_free(void *p)
{
	if (p != NULL)
		free((unsigned char *)p - DB_MEM_HEADER);
}

static int mem_size(void *p)
{
	size_t size = 0;
	if (p != NULL)
		memcpy(&size, (unsigned char *)p - DB_MEM_HEADER, sizeof size);
	return (int)size;
}

static void *mem_realloc(void *p, int n)
{
	if (p == NULL)
		return mem_malloc(n);
	size_t size = (size_t)(n > 0 ? n : 1);
	unsigned char *q = realloc((unsigned char *)p - DB_MEM_HEADER, size + DB_MEM_HEADER);
	if (q == NULL)
		xmalloc_fail(size);
	memcpy(q, &size, sizeof size);
	return q + DB_MEM_HEADER;
}

static int mem_roundup(int n) { return (n + 7) & ~7; }
static int mem_init(void *arg) { (void)arg; return SQLITE_OK; }
static void mem_shutdown(void *arg) { (void)arg; }

void db_use_xmalloc(void)
{
	static const sqlite3_mem_methods methods = {
		mem_malloc, mem_free, mem_realloc, mem_size, mem_roundup, mem_init, mem_shutdown, NULL,
	};
	sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

sqlite3 *db_sqlite(struct db *db) { return db->sql; }
bool db_in_transaction(struct db *db) { return db->in_transaction; }
const char *db_path(const struct db *db) { return db->path; }
bool db_is_new(const struct db *db) { return db->is_new; }
int db_schema_version(void) { return db_schema_count(); }

enum wit_status db_fail(struct db *db, int rc, const char *doing, char **why)
{
	const char *msg = db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return wit_fail(why, WIT_TEMPFAIL,
		                "%s: database is locked by another program (waited %d ms) while %s; "
		                "nothing was written, try again",
		                db->path, DB_BUSY_TIMEOUT_MS, doing);
	case SQLITE_CONSTRAINT:
		return wit_fail(why, WIT_DATA, "%s: %s: %s", db->path, doing, msg);
	default:
		return wit_fail(why, WIT_IOERR, "%s: %s: %s", db->path, doing, msg);
	}
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, char **why)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "preparing a statement", why);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_cached(struct db *db, const char *sql, char **why)
{
	for (size_t i = 0; i < db->n_cached; i++) {
		if (db->cached[i].sql == sql) {
			sqlite3_reset(db->cached[i].st);
			sqlite3_clear_bindings(db->cached[i].st);
			return db->cached[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "preparing a statement", why);
		sqlite3_finalize(st);
		return NULL;
	}
	if (db->n_cached == DB_CACHE_SLOTS) { /* full: drop the oldest */
		sqlite3_finalize(db->cached[0].st);
		memmove(db->cached, db->cached + 1, (DB_CACHE_SLOTS - 1) * sizeof db->cached[0]);
		db->n_cached--;
	}
	db->cached[db->n_cached++] = (struct db_cached_stmt){sql, st};
	return st;
}

enum wit_status db_step_done(struct db *db, sqlite3_stmt *st, const char *doing, char **why)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, doing, why);
}

enum wit_status db_step_changed(struct db *db, sqlite3_stmt *st, const char *doing, char **why)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, doing, why);
	return sqlite3_changes(db_sqlite(db)) == 0 ? WIT_NOTFOUND : WIT_OK;
}

void db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

void db_bind_text_borrowed(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

char *db_column_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? xstrdup((const char *)s) : NULL;
}

static enum wit_status exec(struct db *db, const char *sql, const char *doing, char **why)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? WIT_OK : db_fail(db, rc, doing, why);
}

enum wit_status db_begin(struct db *db, char **why)
{
	enum wit_status st = exec(db, "BEGIN IMMEDIATE", "starting a transaction", why);
	if (st == WIT_OK)
		db->in_transaction = true;
	return st;
}

enum wit_status db_commit(struct db *db, char **why)
{
	if (alloc_watch_failures() > 0) {
		db_rollback(db);
		return wit_fail(why, WIT_SOFTWARE, "out of memory during this run: nothing saved");
	}
	enum wit_status st = exec(db, "COMMIT", "committing", why);
	if (st == WIT_OK)
		db->in_transaction = false;
	else
		db_rollback(db);
	return st;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	db->in_transaction = false;
}

enum wit_status db_with_transaction(struct db *db,
                                    enum wit_status (*fn)(struct db *db, void *arg, char **why),
                                    void *arg, char **why)
{
	if (db->in_transaction)
		return fn(db, arg, why);
	enum wit_status st = db_begin(db, why);
	if (st != WIT_OK)
		return st;
	st = fn(db, arg, why);
	if (st != WIT_OK) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, why);
}

int64_t db_data_version(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One integer from a pragma or query; *rc is SQLite's code. */
static enum wit_status pragma_int(struct db *db, const char *sql, int64_t *out, int *rc,
                                  char **why)
{
	sqlite3_stmt *st = NULL;
	*rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return db_fail(db, *rc, "reading the file header", why);
	}
	*rc = sqlite3_step(st);
	*out = *rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (*rc != SQLITE_ROW && *rc != SQLITE_DONE)
		return db_fail(db, *rc, "reading the file header", why);
	*rc = SQLITE_OK;
	return WIT_OK;
}

/* Create the file 0600 (directory 0700) so SQLite never applies the
 * umask to it. An existing file is left as it is; *created tells which. */
static enum wit_status create_file(const char *path, bool *created, char **why)
{
	char *dir = paths_dirname(path);
	enum wit_status st = paths_mkdir_p(dir, why);
	free(dir);
	if (st != WIT_OK)
		return st;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return wit_fail(why, WIT_CANTCREAT, "%s: cannot create database: %s", path,
		                strerror(errno));
	*created = fd >= 0;
	if (fd >= 0)
		close(fd);
	return WIT_OK;
}

/*
 * Why a file could not be read when SQLite did not say it is damaged:
 * a WAL database needs its directory writable and room for the -wal and
 * -shm files, and their absence must not read as a damaged file (a user
 * told so might delete a good database).
 */
static enum wit_status open_trouble(struct db *db, int rc, char **why)
{
	char *dir = paths_dirname(db->path);
	struct statvfs vfs;
	const char *what;
	if (access(dir, W_OK) != 0 && (errno == EROFS || errno == EACCES || errno == EPERM))
		what = "the directory is read-only (needed for the -wal and -shm files)";
	else if (statvfs(dir, &vfs) == 0 && vfs.f_bavail == 0)
		what = "the disk is full (no room for the -wal and -shm files)";
	else
		what = sqlite3_errstr(rc);
	enum wit_status st = wit_fail(why, (rc & 0xff) == SQLITE_NOMEM ? WIT_SOFTWARE : WIT_IOERR,
	                              "cannot open %s: %s (in %s); the database itself was not "
	                              "changed",
	                              db->path, what, dir);
	free(dir);
	return st;
}

/* The three header numbers, read in one snapshot (a read transaction),
 * so a process migrating the file meanwhile is seen before or after,
 * never half-way. */
static enum wit_status read_identity(struct db *db, int64_t *app_id, int64_t *version,
                                     int64_t *tables, int *rc, char **why)
{
	*rc = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
	if (*rc != SQLITE_OK)
		return db_fail(db, *rc, "reading the file header", why);
	enum wit_status st = pragma_int(db, "PRAGMA application_id", app_id, rc, why);
	if (st == WIT_OK)
		st = pragma_int(db, "PRAGMA user_version", version, rc, why);
	if (st == WIT_OK)
		st = pragma_int(db, "SELECT count(*) FROM sqlite_schema", tables, rc, why);
	sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	return st;
}

/* Is this file ours (or empty), and at a version we can handle? */
static enum wit_status check_identity(struct db *db, int64_t *version, char **why)
{
	int64_t app_id = 0, tables = 0;
	int rc = SQLITE_OK;
	enum wit_status st = read_identity(db, &app_id, version, &tables, &rc, why);
	if (st != WIT_OK) {
		int prim = rc & 0xff;
		if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
			return st; /* db_fail said: locked, try again */
		if (prim != SQLITE_NOTADB && prim != SQLITE_CORRUPT)
			return open_trouble(db, rc, why);
		return wit_fail(why, WIT_IOERR, "%s: not a worthit database (not SQLite, or damaged); "
		                "left untouched", db->path);
	}
	if (app_id == 0 && *version == 0 && tables == 0)
		return WIT_OK; /* a brand-new file */
	if (app_id != DB_APPLICATION_ID)
		return wit_fail(why, WIT_IOERR, "%s: an SQLite file of another program "
		                "(application_id %lld), not a worthit database; left untouched",
		                db->path, (long long)app_id);
	if (*version > db_schema_count())
		return wit_fail(why, WIT_IOERR, "%s: written by a newer worthit (schema version %lld, "
		                "this build knows up to %d); left untouched, upgrade worthit",
		                db->path, (long long)*version, db_schema_count());
	return WIT_OK;
}

/*
 * Bring the schema to db_schema_count(), one migration per transaction.
 * The version is read again under the write lock (BEGIN IMMEDIATE): a
 * second process that found the same old version waits for the first
 * and then finds the work done, instead of running it twice ("table
 * invitation already exists").
 */
static enum wit_status migrate(struct db *db, char **why)
{
	for (;;) {
		enum wit_status st = db_begin(db, why);
		if (st != WIT_OK)
			return st;
		int64_t v = 0;
		int rc;
		st = pragma_int(db, "PRAGMA user_version", &v, &rc, why);
		if (st != WIT_OK || v >= db_schema_count()) {
			db_rollback(db);
			return st;
		}
		char pragma[96];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		         (int)v + 1, DB_APPLICATION_ID);
		st = exec(db, db_schema_migration((int)v + 1), "migrating the schema", why);
		if (st == WIT_OK)
			st = exec(db, pragma, "migrating the schema", why);
		if (st != WIT_OK) {
			db_rollback(db);
			return st;
		}
		st = db_commit(db, why);
		if (st != WIT_OK)
			return st;
	}
}

static enum wit_status configure(struct db *db, char **why)
{
	sqlite3_busy_timeout(db->sql, DB_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->sql, 1);
	/* memory-mapped reads: fewer system calls when loading large lists */
	char sql[80];
	snprintf(sql, sizeof sql, "PRAGMA foreign_keys = ON; PRAGMA mmap_size = %lld",
	         (long long)DB_MMAP_BYTES);
	return exec(db, sql, "configuring", why);
}

bool db_journal_mode(struct db *db, const char *sql, bool *is_wal, int *rc)
{
	sqlite3_stmt *st = NULL;
	*is_wal = false;
	*rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
	if (*rc == SQLITE_OK && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *mode = sqlite3_column_text(st, 0);
		*is_wal = mode != NULL && strcmp((const char *)mode, "wal") == 0;
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return *rc == SQLITE_OK;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Switch the file to WAL. The switch wants the file to itself, and when
 * several processes open a new file at once SQLite may answer SQLITE_BUSY
 * at once rather than wait (two readers each wanting the other gone), so
 * it is retried until the busy timeout, counted on the clock: an attempt
 * may itself wait the whole busy timeout (a process holding the file in
 * rollback mode), and counting only the pauses between attempts made
 * that minutes. Once one process has switched, the others find WAL
 * already set. SQLite answers the mode it is in after the PRAGMA: any
 * answer but "wal" is a failure here.
 */
enum wit_status db_set_wal(struct db *db, char **why)
{
	int64_t deadline = monotonic_ms() + DB_BUSY_TIMEOUT_MS;
	for (;;) {
		bool is_wal = false;
		int rc = SQLITE_OK;
		db_journal_mode(db, "PRAGMA journal_mode = WAL", &is_wal, &rc);
		if (is_wal)
			return WIT_OK;
		int prim = rc & 0xff;
		if (rc == SQLITE_OK || (prim != SQLITE_BUSY && prim != SQLITE_LOCKED) ||
		    monotonic_ms() >= deadline)
			return rc != SQLITE_OK ? db_fail(db, rc, "switching to WAL mode", why)
			                       : wit_fail(why, WIT_IOERR, "%s: SQLite refused to switch "
			                                  "the database to WAL mode", db->path);
		usleep(20 * 1000);
	}
}

/* A worthit file not in WAL mode goes back to it: a bulk import into a
 * new file writes it in rollback mode (db_import.c), and a crash in the
 * middle leaves it so (SQLite rolls the hot journal back on the first
 * read; the header still says rollback mode). */
static enum wit_status ensure_wal(struct db *db, char **why)
{
	bool is_wal = false;
	int rc = SQLITE_OK;
	if (!db_journal_mode(db, "PRAGMA journal_mode", &is_wal, &rc))
		return db_fail(db, rc, "reading the journal mode", why);
	if (is_wal)
		return WIT_OK;
	enum wit_status st = db_set_wal(db, why);
	if (st == WIT_OK || st == WIT_TEMPFAIL)
		return st;
	/* a read-only directory or a full disk, said as such (wit_fail
	 * replaces the message) */
	return open_trouble(db, sqlite3_extended_errcode(db->sql), why);
}

static enum wit_status open_checked(struct db *db, char **why)
{
	/* NOMUTEX: one thread per handle, so no lock around every column read */
	int rc = sqlite3_open_v2(db->path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
	                         NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "opening", why);
	enum wit_status st = configure(db, why);
	int64_t version = 0;
	if (st == WIT_OK)
		st = check_identity(db, &version, why);
	/* WAL is persistent in the file header: set it only once the file
	 * is known to be ours. */
	if (st == WIT_OK)
		st = ensure_wal(db, why);
	if (st == WIT_OK && version < db_schema_count())
		st = migrate(db, why);
	return st;
}

enum wit_status db_open(const char *path, enum db_open_mode mode, struct db **out, char **why)
{
	struct stat sb;
	if (mode == DB_OPEN_EXISTING && stat(path, &sb) != 0)
		return wit_fail(why, WIT_NOINPUT, "%s: no such database (create one with "
		                "'worthit demo' or 'worthit import')", path);
	bool created = false;
	if (mode == DB_OPEN_CREATE) {
		enum wit_status st = create_file(path, &created, why);
		if (st != WIT_OK)
			return st;
	}
	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->is_new = created;
	enum wit_status st = open_checked(db, why);
	if (st != WIT_OK) {
		db_close(db);
		return st;
	}
	*out = db;
	return WIT_OK;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->n_cached; i++)
		sqlite3_finalize(db->cached[i].st);
	if (db->sql != NULL) {
		db_rollback(db);
		sqlite3_close_v2(db->sql);
	}
	free(db->path);
	free(db);
}
