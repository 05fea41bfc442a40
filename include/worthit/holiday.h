/*
 * holiday.h: public holidays, so the demo does not put a networking
 * lunch on Christmas Day. Pure date arithmetic on the proleptic
 * Gregorian calendar (timeutil.h day numbers); no clock, no locale.
 */
#ifndef WORTHIT_HOLIDAY_H
#define WORTHIT_HOLIDAY_H

#include <stdbool.h>
#include <stdint.h>

/*
 * True when day (days since 1970-01-01) is a day US offices close:
 * the federal holidays (New Year's Day, Martin Luther King Jr. Day,
 * Presidents' Day, Memorial Day, Juneteenth, Independence Day, Labor
 * Day, Columbus Day, Veterans Day, Thanksgiving, Christmas Day), with a
 * fixed-date one that falls on a Saturday observed the Friday before and
 * one on a Sunday the Monday after; plus the day after Thanksgiving,
 * Christmas Eve and New Year's Eve.
 */
bool holiday_is_us(int64_t day);

#endif
