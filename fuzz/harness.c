/* harness.c - see harness.h.
 *
 * The arena is a hash set of the blocks an input allocated and has not
 * freed, filled by the sanitizer's malloc and free hooks: open
 * addressing, linear probing, deletion by shifting back (no tombstones),
 * in mmap'd memory so the hooks never allocate, and so the leak checker
 * takes no pointer in it for a reference. An input that ended in fatal()
 * may have left a FILE open (glibc keeps a list of them): its blocks are
 * not freed but kept on a list the leak checker sees, and its descriptors
 * closed. An input that ended normally and left a descriptor open is a
 * finding: the harness aborts. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "harness.h"
#include "file.h"
#include "util.h"
#include "gen/diag.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sanitizer/allocator_interface.h>
#include <sanitizer/common_interface_defs.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

jmp_buf harness_jump;

/* the descriptors looked at for leaks: an input opens the lowest free */
#define FD_SCAN 256

static uintptr_t *set;		/* the arena: NULL-free slots */
static size_t cap, held;	/* slots (a power of two), blocks in it */
/* in the thread that runs the inputs only: libFuzzer's own threads (its
 * RSS watch) allocate and free meanwhile */
static __thread int arena_on;
static void **kept;		/* the blocks of inputs that ended in fatal */
static size_t nkept;
static char base[PATH_MAX];	/* the temporary directory */
static char work[PATH_MAX];	/* base/in: an input's current directory */
static char fixture[PATH_MAX];	/* base/fixture: harness_fixture's copy */
static int cwd_fd = -1;		/* the current directory at the start */
static unsigned char open_before[FD_SCAN];	/* at harness_begin */
static int failed;		/* this input ended in fatal() */

static size_t
slot_of(uintptr_t p)
{
	return (size_t)((p >> 4) * UINT64_C(0x9e3779b97f4a7c15)) & (cap - 1);
}

static uintptr_t *
table(size_t n)
{
	void *t = mmap(NULL, n * sizeof *set, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (t == MAP_FAILED) {
		perror("fuzz harness: mmap");
		abort();
	}
	return t;
}

static void
set_add(uintptr_t p)
{
	size_t i;

	if (2 * (held + 1) > cap) {	/* never more than half full */
		uintptr_t *old = set;
		size_t oldcap = cap, k;

		cap = cap ? 2 * cap : (size_t)1 << 16;
		set = table(cap);
		held = 0;
		for (k = 0; k < oldcap; k++)
			if (old[k])
				set_add(old[k]);
		if (old)
			munmap(old, oldcap * sizeof *old);
	}
	for (i = slot_of(p); set[i]; i = (i + 1) & (cap - 1))
		if (set[i] == p)
			return;
	set[i] = p;
	held++;
}

static void
set_del(uintptr_t p)
{
	size_t i, j, k;

	if (!cap)
		return;
	for (i = slot_of(p); set[i] != p; i = (i + 1) & (cap - 1))
		if (!set[i])
			return;		/* allocated before the input */
	/* shift back the entries whose probe passed over slot i */
	for (j = i;;) {
		set[i] = 0;
		for (;;) {
			j = (j + 1) & (cap - 1);
			if (!set[j]) {
				held--;
				return;
			}
			k = slot_of(set[j]);
			if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
				continue;
			break;
		}
		set[i] = set[j];
		i = j;
	}
}

static void
on_malloc(const volatile void *p, size_t size)
{
	(void)size;
	if (arena_on && p)
		set_add((uintptr_t)p);
}

static void
on_free(const volatile void *p)
{
	if (arena_on && p)
		set_del((uintptr_t)p);
}

/* Keep the input's blocks alive and reachable (it ended in fatal). */
static void
arena_keep(void)
{
	size_t i;

	kept = realloc(kept, (nkept + held) * sizeof *kept);
	if (!kept)
		abort();
	for (i = 0; i < cap; i++)
		if (set[i]) {
			kept[nkept++] = (void *)set[i];
			set[i] = 0;
		}
	held = 0;
}

/* Free the input's blocks. */
static void
arena_free(void)
{
	size_t i;

	for (i = 0; i < cap; i++)
		if (set[i]) {
			free((void *)set[i]);
			set[i] = 0;
		}
	held = 0;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	/* a directory the input made unreadable or unsearchable */
	if (flag == FTW_DNR)
		chmod(path, 0700);
	remove(path);
	return 0;
}

static void
rm_tree(const char *path)
{
	/* first make every directory searchable and writable, then remove */
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
remove_base(void)
{
	if (base[0]) {
		rm_tree(base);
		base[0] = '\0';
	}
}

static void
jump_back(const char *msg)
{
	(void)msg;
	failed = 1;
	longjmp(harness_jump, 1);
}

/* What libc keeps from a first call: made now, outside the arena. */
static void
warm_up(void)
{
	static char outbuf[BUFSIZ];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f;

	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	tzset();
	localtime_r(&now, &tm);
	gmtime_r(&now, &tm);
	(void)strerror(ENOENT);
	if ((f = tmpfile()))
		fclose(f);
}

static void
init(void)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	/* -close_fd_mask closes stdout and stderr: the code's own files
	 * must not take their numbers (and its messages go into them) */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", O_RDWR) != fd)
			abort();
	warm_up();
	snprintf(base, sizeof base, "%s/cosim-fuzz.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(base)) {
		perror("fuzz harness: mkdtemp");
		abort();
	}
	atexit(remove_base);
	snprintf(work, sizeof work, "%s/in", base);
	/* libFuzzer reads its corpus and writes its findings from there */
	cwd_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cwd_fd < 0) {
		perror("fuzz harness: open");
		abort();
	}
	__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}

const char *
harness_begin(void)
{
	int fd;

	if (cwd_fd < 0)
		init();
	/* libFuzzer opens some between inputs (its symbolizer's pipes) */
	for (fd = 0; fd < FD_SCAN; fd++)
		open_before[fd] = fcntl(fd, F_GETFD) != -1;
	rm_tree(work);
	if (mkdir(work, 0700) != 0 || chdir(work) != 0) {
		perror("fuzz harness: the input's directory");
		abort();
	}
	failed = 0;
	fatal_hook(jump_back);
	arena_on = 1;
	return work;
}

/* Close what the input left open: after fatal(), as the exit would;
 * else it is a leak of the code under test. */
static void
close_left(void)
{
	int fd;

	for (fd = 0; fd < FD_SCAN; fd++) {
		if (open_before[fd] || fcntl(fd, F_GETFD) == -1)
			continue;
		if (!failed) {
			char proc[64], what[PATH_MAX], msg[PATH_MAX + 80];
			ssize_t n;

			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
			n = readlink(proc, what, sizeof what - 1);
			what[n > 0 ? n : 0] = '\0';
			/* where the sanitizers report: libFuzzer's
			 * -close_fd_mask may have closed stderr */
			snprintf(msg, sizeof msg, "fuzz harness: the input "
			    "left descriptor %d open (%s)", fd, what);
			__sanitizer_report_error_summary(msg);
			abort();
		}
		close(fd);
	}
}

void
harness_end(void)
{
	diag_reset();
	arena_on = 0;
	close_left();
	if (failed)
		arena_keep();
	else
		arena_free();
	rm_tree(work);
	if (fchdir(cwd_fd) != 0)
		abort();
}

/* nftw's callbacks take no argument: the copy's source and target */
static const char *from, *to;

/* Copy an entry of from into to. */
static int
copy_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	char dst[PATH_MAX];
	size_t len;
	char *text;

	(void)st;
	/* at the top, the directories and the included files (inc-*): not
	 * the golden outputs of tests/manifest */
	if (f->level == 1 && flag == FTW_F &&
	    strncmp(path + f->base, "inc-", 4) != 0)
		return 0;
	snprintf(dst, sizeof dst, "%s%s", to, path + strlen(from));
	if (flag == FTW_D)
		return mkdir(dst, 0700) != 0 && errno != EEXIST;
	if (flag != FTW_F || !(text = file_read(path, &len)))
		return 0;
	harness_put(dst, (const uint8_t *)text, len);
	free(text);
	return 0;
}

/* Link an entry of the copy from the input's directory. */
static int
link_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	char dst[PATH_MAX];

	(void)st;
	(void)f;
	snprintf(dst, sizeof dst, "%s%s", work, path + strlen(fixture));
	if (flag == FTW_D)
		return mkdir(dst, 0700) != 0 && errno != EEXIST;
	if (flag == FTW_F)
		return symlink(path, dst) != 0;
	return 0;
}

void
harness_fixture(const char *src)
{
	int on = arena_on;

	arena_on = 0;	/* the copy is made once, for every input */
	if (!fixture[0]) {
		snprintf(fixture, sizeof fixture, "%s/fixture", base);
		from = src;
		to = fixture;
		if (nftw(src, copy_entry, 16, FTW_PHYS) != 0) {
			fprintf(stderr, "fuzz harness: cannot copy %s\n", src);
			abort();
		}
	}
	if (nftw(fixture, link_entry, 16, FTW_PHYS) != 0) {
		perror("fuzz harness: the fixture's links");
		abort();
	}
	arena_on = on;
}

int
harness_inside(const char *p)
{
	const char *s;

	if (!p || !*p || p[0] == '/')
		return 0;
	for (s = p; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL)
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || !s[2]))
			return 0;
	return 1;
}

int
harness_put(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "w");
	int bad;

	if (!f)
		return -1;
	bad = fwrite(data, 1, size, f) != size;
	return fclose(f) != 0 || bad ? -1 : 0;
}

/* No input starts a program: as if none were installed. */
int
posix_spawn(pid_t *pid, const char *path,
	const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *at,
	char *const argv[], char *const envp[])
{
	(void)pid, (void)path, (void)fa, (void)at, (void)argv, (void)envp;
	return ENOENT;
}

int
posix_spawnp(pid_t *pid, const char *file,
	const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *at,
	char *const argv[], char *const envp[])
{
	return posix_spawn(pid, file, fa, at, argv, envp);
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path, (void)argv, (void)envp;
	errno = ENOENT;
	return -1;
}
