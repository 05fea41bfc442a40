/*
 * fuzz_common.h: what the libFuzzer harnesses in fuzz/ share. Each
 * harness is one fuzz_TARGET.c defining LLVMFuzzerTestOneInput; `make
 * fuzz` links it with libFuzzer (clang -fsanitize=fuzzer), and
 * tests/integration/test_fuzz_regress.c includes every harness (renamed
 * through FUZZ_ENTRY) to run the seed corpora and the regression inputs
 * under `make test` with the ordinary compiler. So: no main, no globals
 * outside static ones with a fuzz_TARGET_ prefix, and a failed property
 * is reported by fuzz_fail(), which aborts (a crash to libFuzzer).
 */
#ifndef WORTHIT_FUZZ_COMMON_H
#define WORTHIT_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

/* A harness found a broken property: say which and crash. */
#define fuzz_fail(...)                                                                     \
	do {                                                                               \
		fprintf(stderr, "fuzz: " __VA_ARGS__);                                     \
		fputc('\n', stderr);                                                       \
		abort();                                                                   \
	} while (0)

/* 2026-03-01T00:00:00Z: a fixed "now" so every run reads alike. */
#define FUZZ_NOW 1772323200

#endif
