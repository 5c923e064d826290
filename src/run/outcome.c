/* outcome.c - see outcome.h. */
#include "outcome.h"
#include "lastrun.h"
#include "repro.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The last lines of a log, for the result: only its last TAIL_BYTES are
 * read, and each line is cut at TAIL_LINE bytes, so a log of gigabytes
 * costs no more than a small one. */
#define TAIL_BYTES 16384
#define TAIL_LINE 500

void
outcome_tail(struct buf *b, const char *key, const char *path, int lines)
{
	char text[TAIL_BYTES + 1], *start, *line, *save = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC), n = 0;
	off_t size;
	ssize_t got;
	size_t len = 0;

	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > TAIL_BYTES)
		lseek(fd, size - TAIL_BYTES, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	while (len < TAIL_BYTES &&
	    (got = read(fd, text + len, TAIL_BYTES - len)) > 0)
		len += (size_t)got;
	close(fd);
	text[len] = '\0';
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	start = text + len;
	while (start > text && n < lines) {
		start--;
		if (*start == '\n')
			n++;
	}
	if (*start == '\n')
		start++;
	else if (start == text && size > TAIL_BYTES && strchr(start, '\n'))
		start = strchr(start, '\n') + 1;	/* a line cut by the window */
	for (line = strtok_r(start, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) > TAIL_LINE)
			strcpy(line + TAIL_LINE - 3, "...");
		kv_put(b, key, line);
	}
}

static void
put_tail(struct buf *b, const struct run *r, const char *key,
    const char *file, int lines)
{
	char *path = xasprintf("%s/%s", r->rundir, file);

	outcome_tail(b, key, path, lines);
	free(path);
}

static void
child_fields(struct buf *b, const char *who, const struct child *c)
{
	char key[32];

	if (!c->started || !c->reaped)
		return;
	if (c->exec_errno) {
		snprintf(key, sizeof key, "%s_exec_error", who);
		kv_put(b, key, strerror(c->exec_errno));
	} else if (c->signal) {
		snprintf(key, sizeof key, "%s_signal", who);
		kv_putf(b, key, "%d", c->signal);
	} else {
		snprintf(key, sizeof key, "%s_exit", who);
		kv_putf(b, key, "%d", c->code);
	}
	if (c->killed) {
		snprintf(key, sizeof key, "%s_stopped", who);
		kv_put(b, key, "yes");
	}
}

static void
hit_field(struct buf *b, const char *key, const struct scan_hit *h)
{
	kv_putf(b, key, "%s:%zu: %s", stream_files[h->stream], h->line,
	    h->text);
}

/* What the scan found, as result lines. */
void
outcome_scan_fields(struct buf *b, const struct run *r)
{
	size_t i;

	if (!r->scanned)
		return;
	if (r->scan.fail.text)
		hit_field(b, "fail_match", &r->scan.fail);
	if (r->scan.skip.text)
		hit_field(b, "skip_match", &r->scan.skip);
	if (r->scan.warn_lines)
		kv_putf(b, "warning_lines", "%zu", r->scan.warn_lines);
	for (i = 0; i < r->scan.nwarn; i++)
		hit_field(b, "warning", &r->scan.warn[i]);
	if (r->scan.missing)
		kv_put(b, "missing_pattern", r->scan.missing);
	if (r->scan.error)
		kv_put(b, "scan_error", r->scan.error);
}

/* The keys --scan-only may see changed: the patterns. */
static const char *const pattern_keys[] = {"fail_pattern", "warn_pattern",
	"pass_pattern", "skip_pattern", "default_patterns", NULL};

void
outcome_spec_hash(const struct kvfile *s, char out[17])
{
	uint64_t h = FNV_OFFSET;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		for (k = 0; pattern_keys[k]; k++)
			if (strcmp(s->keys[i], pattern_keys[k]) == 0)
				break;
		if (pattern_keys[k])
			continue;
		/* the NULs keep "ab" "c" apart from "a" "bc" */
		h = fnv1a(h, s->keys[i], strlen(s->keys[i]) + 1);
		h = fnv1a(h, s->vals[i], strlen(s->vals[i]) + 1);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void
outcome_rescanned(struct buf *b, const struct run *r,
    const struct kvfile *old)
{
	static const char *const scan_keys[] = {"status", "stage", "reason",
		"fail_match", "skip_match", "warning", "warning_lines",
		"missing_pattern", "scan_error", NULL};
	size_t i, k;

	kv_begin(b, RESULT_MAGIC);
	kv_put(b, "name", r->name);
	kv_put(b, "status", r->status);
	kv_put(b, "stage", r->stage);
	kv_put(b, "reason", r->reason.s ? r->reason.s : "");
	for (i = 0; i < old->n; i++) {
		for (k = 0; scan_keys[k]; k++)
			if (strcmp(old->keys[i], scan_keys[k]) == 0)
				break;
		if (!scan_keys[k] && strcmp(old->keys[i], "name") != 0)
			kv_put(b, old->keys[i], old->vals[i]);
	}
	outcome_scan_fields(b, r);
}

/* The result is rewritten after every run; the one before stays as
 * result.prev. */
void
outcome_put(const char *path, const struct buf *b)
{
	char *prev = xasprintf("%s.prev", path);

	if (file_write_keeping(path, prev, b->s, b->len) != 0)
		fatal(errno, "cannot write %s", path);
	free(prev);
}

/* The result of r; without whole, only what says what happened, for a
 * disk too full for the whole. */
static void
render(struct buf *b, const struct run *r, int whole)
{
	char *props = r->rundir ? xasprintf("%s/properties", r->rundir) : NULL;
	char *text;
	const char *v;
	size_t len;
	char hash[17];

	kv_begin(b, RESULT_MAGIC);
	kv_put(b, "name", r->name);
	kv_put(b, "status", r->status);
	kv_put(b, "stage", r->stage);
	kv_put(b, "reason", r->reason.s ? r->reason.s : "");
	if ((v = kv_get(&r->spec, "design")))
		kv_put(b, "design", v);
	if ((v = kv_get(&r->spec, "sim")))
		kv_put(b, "sim", v);
	if ((v = kv_get(&r->spec, "expect")))
		kv_put(b, "expect", v);
	if ((v = kv_get(&r->spec, "seed")))
		kv_put(b, "seed", v);
	outcome_spec_hash(&r->spec, hash);
	kv_put(b, "spec_hash", hash);
	kv_putf(b, "start_epoch_ms", "%lld", r->started_epoch_ms);
	kv_putf(b, "duration_ms", "%lld",
	    (long long)(now_ms() - r->started));
	if (r->rundir)
		kv_put(b, "rundir", r->rundir);
	if (kv_get(&r->spec, "design"))
		kv_put(b, "port", r->port);
	child_fields(b, "sim", &r->sim);
	child_fields(b, "test", &r->test);
	if (r->leftovers)
		kv_putf(b, "leftovers_killed", "%d", r->leftovers);
	if (!whole) {
		free(props);
		return;
	}
	if (r->pre_scan)
		kv_put(b, "pre_scan", r->pre_scan);
	if (r->pre_scan_reason)
		kv_put(b, "pre_scan_reason", r->pre_scan_reason);
	if (r->pre_scan && r->pre_scan_stage)
		kv_put(b, "pre_scan_stage", r->pre_scan_stage);
	outcome_scan_fields(b, r);
	if (props && (text = file_read(props, &len))) {
		char *line, *save = NULL;

		for (line = strtok_r(text, "\n", &save); line;
		    line = strtok_r(NULL, "\n", &save))
			if (strchr(line, '='))
				kv_put(b, "property", line);
		free(text);
	}
	if (r->rundir && strcmp(r->status, "pass") != 0 &&
	    strcmp(r->status, "skip") != 0) {
		put_tail(b, r, "sim_err_tail", "sim.err", 10);
		put_tail(b, r, "sim_out_tail", "sim.out", 10);
		put_tail(b, r, "test_err_tail", "test.err", 10);
		put_tail(b, r, "test_out_tail", "test.out", 10);
	}
	if (r->extra.len)
		buf_add(b, r->extra.s, r->extra.len);
	free(props);
}

void
outcome_write(struct run *r)
{
	struct buf b = {0};
	int e;

	r->writing = 1;
	render(&b, r, 1);
	if (lastrun_put(r->dir, b.s, b.len) != 0) {
		/* Out of space, most likely: a short result may still fit,
		 * and it says why the whole one is missing. */
		e = errno;
		r->status = "error";
		buf_reset(&r->reason);
		buf_printf(&r->reason, "cannot write the result in %s: %s",
		    r->dir, strerror(e));
		buf_reset(&b);
		render(&b, r, 0);
		if (lastrun_put(r->dir, b.s, b.len) != 0)
			fatal(e, "cannot write the result in %s", r->dir);
	}
	buf_free(&b);
	r->writing = 0;
}

/* Write repro.sh for the run that ends now; a failure to is only told. */
void
outcome_write_repro(const struct run *r, char **env)
{
	struct repro rp = {0};
	char exe[4096], *cwd = getcwd(NULL, 0), *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (!cwd || n <= 0) {
		free(cwd);
		return;
	}
	exe[n] = '\0';
	rp.name = r->name;
	rp.status = r->status;
	rp.reason = r->reason.s ? r->reason.s : "";
	rp.cwd = cwd;
	rp.launcher = exe;
	rp.spec = r->specpath;
	rp.rundir = r->rundir ? r->rundir : "";
	rp.sim = r->sim_line.len ? r->sim_line.s : NULL;
	rp.test = r->test_line.len ? r->test_line.s : NULL;
	rp.given = r->given;
	rp.environ = env;
	path = xasprintf("%s/repro.sh", r->dir);
	if (repro_write(path, &rp) != 0)
		fprintf(stderr, "cosim-run: cannot write %s: %s\n", path,
		    strerror(errno));
	free(path);
	free(cwd);
}

