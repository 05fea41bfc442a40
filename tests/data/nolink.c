/*
 * nolink.c: an LD_PRELOAD shim for tests/cli/test_file_nolink.sh that
 * makes link(2) and linkat(2) fail with EPERM, as they do on vfat,
 * exFAT and many CIFS mounts, for a machine where no such file system
 * can be mounted. Built by the test with cc -shared -fPIC.
 */
#include <errno.h>
#include <unistd.h>

int link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = EPERM;
	return -1;
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	(void)fromfd;
	(void)from;
	(void)tofd;
	(void)to;
	(void)flags;
	errno = EPERM;
	return -1;
}
