/*
 * db_schema.h: the schema as ordered migrations (see db_schema.c).
 */
#ifndef WORTHIT_DB_SCHEMA_H
#define WORTHIT_DB_SCHEMA_H

/* Number of migrations == the schema version this build writes. */
int db_schema_count(void);
/* SQL taking user_version from version-1 to version; NULL if none. */
const char *db_schema_migration(int version);

#endif
