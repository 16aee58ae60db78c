/*
 * nfsbench: a tiny NFSv3 load generator on libnfs' synchronous API, used by
 * scripts/bench-nfs.sh to drive Ferry and nfs-ganesha with exactly the same client.
 *
 *   nfsbench put  LOCALFILE SERVER EXPORT PATH NFSPORT MOUNTPORT
 *   nfsbench get  LOCALFILE SERVER EXPORT PATH NFSPORT MOUNTPORT
 *   nfsbench meta SERVER EXPORT DIR N NFSPORT MOUNTPORT
 *
 * put  loads LOCALFILE into memory, then (timed) creates PATH exclusively, writes it in
 *      chunks and closes it.
 * get  (timed) opens PATH, reads it in chunks until EOF and closes it; writes the bytes to
 *      LOCALFILE (use /dev/null to discard) and fails unless the byte count equals the size
 *      the server reported for the file.
 * meta creates directory DIR, then times three phases over N files DIR/fNNNNNN: create
 *      (create + write a few bytes + close), stat, remove; finally removes DIR.
 *
 * PATH and DIR are relative to the export and start with '/'. Chunk size: $NFSBENCH_CHUNK
 * bytes (default 1 MiB). Every result is one line on stdout:
 *
 *   RESULT op=put bytes=268435456 seconds=1.234567 mibps=207.43
 *   RESULT op=create n=2000 seconds=0.812345 opsps=2462.0
 *
 * Everything else (info, errors) goes to stderr. Exit code 0 on success, 1 on any failure.
 *
 * Written for Ferry from the declarations in <nfsc/libnfs.h>; build:
 *   gcc -O2 -Wall -o nfsbench nfsbench.c -lnfs
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <nfsc/libnfs.h>

#define MIB (1024.0 * 1024.0)

static const char *prog = "nfsbench";

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, detail ? detail : "(no detail)");
	exit(1);
}

static void die_nfs(struct nfs_context *nfs, const char *what, int rc)
{
	const char *err = nfs ? nfs_get_error(nfs) : NULL;
	fprintf(stderr, "%s: %s failed (%d, %s): %s\n", prog, what, rc, strerror(-rc),
		err ? err : "(no detail)");
	exit(1);
}

static long parse_long(const char *s, const char *name, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "%s: bad %s: '%s'\n", prog, name, s);
		exit(2);
	}
	return v;
}

static size_t chunk_size(void)
{
	const char *env = getenv("NFSBENCH_CHUNK");
	if (env == NULL || *env == '\0')
		return 1024 * 1024;
	return (size_t)parse_long(env, "NFSBENCH_CHUNK", 512, 64L * 1024 * 1024);
}

/*
 * Context with explicit NFS and MOUNT ports (libnfs 4.0 has no setter for them, but its URL
 * parser applies ?nfsport=&mountport= to the context), then MOUNT of EXPORT.
 */
static struct nfs_context *connect_export(const char *server, const char *export,
					  const char *nfsport, const char *mountport)
{
	struct nfs_context *nfs;
	struct nfs_url *url;
	char *text;
	int rc;

	parse_long(nfsport, "NFSPORT", 1, 65535);
	parse_long(mountport, "MOUNTPORT", 1, 65535);
	if (export[0] != '/')
		die("EXPORT must start with '/'", export);

	nfs = nfs_init_context();
	if (nfs == NULL)
		die("nfs_init_context", "out of memory");
	if (asprintf(&text, "nfs://%s%s?version=3&nfsport=%s&mountport=%s", server, export,
		     nfsport, mountport) < 0)
		die("asprintf", "out of memory");
	url = nfs_parse_url_dir(nfs, text);
	if (url == NULL)
		die("cannot apply connection parameters", nfs_get_error(nfs));
	nfs_destroy_url(url);
	free(text);

	rc = nfs_mount(nfs, server, export);
	if (rc != 0)
		die_nfs(nfs, "mount", rc);
	fprintf(stderr, "%s: mounted %s:%s (nfs port %s, mount port %s), readmax=%" PRIu64
		" writemax=%" PRIu64 "\n", prog, server, export, nfsport, mountport,
		nfs_get_readmax(nfs), nfs_get_writemax(nfs));
	return nfs;
}

static void print_bytes_result(const char *op, uint64_t bytes, double seconds)
{
	printf("RESULT op=%s bytes=%" PRIu64 " seconds=%.6f mibps=%.2f\n", op, bytes, seconds,
	       seconds > 0 ? (double)bytes / MIB / seconds : 0.0);
	fflush(stdout);
}

static void print_ops_result(const char *op, long n, double seconds)
{
	printf("RESULT op=%s n=%ld seconds=%.6f opsps=%.1f\n", op, n, seconds,
	       seconds > 0 ? (double)n / seconds : 0.0);
	fflush(stdout);
}

/* Reads the whole local file into memory so the timed part only measures NFS. */
static char *load_local(const char *path, uint64_t *size_out)
{
	struct stat st;
	char *buf;
	uint64_t done = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0)
		die(path, strerror(errno));
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (buf == NULL)
		die("malloc", "cannot hold the local file in memory");
	while (done < (uint64_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die(path, n < 0 ? strerror(errno) : "short read");
		done += (uint64_t)n;
	}
	close(fd);
	*size_out = done;
	return buf;
}

static int do_put(char **argv)
{
	const char *local = argv[0], *path = argv[3];
	size_t chunk = chunk_size();
	uint64_t size, off = 0;
	struct nfs_context *nfs;
	struct nfsfh *fh = NULL;
	char *data;
	double t0, t1;
	int rc;

	data = load_local(local, &size);
	nfs = connect_export(argv[1], argv[2], argv[4], argv[5]);

	t0 = now_seconds();
	rc = nfs_create(nfs, path, O_EXCL, 0644, &fh);
	if (rc != 0)
		die_nfs(nfs, "create", rc);
	while (off < size) {
		uint64_t want = size - off < chunk ? size - off : chunk;
		rc = nfs_pwrite(nfs, fh, off, want, data + off);
		if (rc < 0)
			die_nfs(nfs, "pwrite", rc);
		if (rc == 0)
			die("pwrite", "server accepted 0 bytes");
		off += (uint64_t)rc;
	}
	rc = nfs_close(nfs, fh);
	if (rc != 0)
		die_nfs(nfs, "close", rc);
	t1 = now_seconds();

	print_bytes_result("put", size, t1 - t0);
	nfs_destroy_context(nfs);
	free(data);
	return 0;
}

static int do_get(char **argv)
{
	const char *local = argv[0], *path = argv[3];
	size_t chunk = chunk_size();
	struct nfs_context *nfs;
	struct nfsfh *fh = NULL;
	struct nfs_stat_64 st;
	uint64_t off = 0, expected;
	char *buf;
	double t0, t1;
	int rc, out;

	out = open(local, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0)
		die(local, strerror(errno));
	buf = malloc(chunk);
	if (buf == NULL)
		die("malloc", "out of memory");
	nfs = connect_export(argv[1], argv[2], argv[4], argv[5]);

	t0 = now_seconds();
	rc = nfs_open(nfs, path, O_RDONLY, &fh);
	if (rc != 0)
		die_nfs(nfs, "open", rc);
	rc = nfs_fstat64(nfs, fh, &st);
	if (rc != 0)
		die_nfs(nfs, "fstat", rc);
	expected = st.nfs_size;
	for (;;) {
		rc = nfs_pread(nfs, fh, off, chunk, buf);
		if (rc < 0)
			die_nfs(nfs, "pread", rc);
		if (rc == 0)
			break;
		for (size_t w = 0; w < (size_t)rc;) {
			ssize_t n = write(out, buf + w, (size_t)rc - w);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				die(local, strerror(errno));
			w += (size_t)n;
		}
		off += (uint64_t)rc;
	}
	rc = nfs_close(nfs, fh);
	if (rc != 0)
		die_nfs(nfs, "close", rc);
	t1 = now_seconds();

	if (off != expected) {
		fprintf(stderr, "%s: get %s: read %" PRIu64 " bytes, server says size %" PRIu64 "\n",
			prog, path, off, expected);
		return 1;
	}
	if (close(out) != 0)
		die(local, strerror(errno));
	print_bytes_result("get", off, t1 - t0);
	nfs_destroy_context(nfs);
	free(buf);
	return 0;
}

static int do_meta(char **argv)
{
	const char *dir = argv[2];
	long n = parse_long(argv[3], "N", 1, 10000000);
	static const char payload[] = "ferry-bench\n";
	struct nfs_context *nfs;
	struct nfs_stat_64 st;
	char path[4096];
	double t0, t1;
	long i;
	int rc;

	if (dir[0] != '/')
		die("DIR must start with '/'", dir);
	nfs = connect_export(argv[0], argv[1], argv[4], argv[5]);
	rc = nfs_mkdir(nfs, dir);
	if (rc != 0)
		die_nfs(nfs, "mkdir", rc);

	t0 = now_seconds();
	for (i = 0; i < n; i++) {
		struct nfsfh *fh = NULL;
		snprintf(path, sizeof path, "%s/f%06ld", dir, i);
		rc = nfs_create(nfs, path, O_EXCL, 0644, &fh);
		if (rc != 0)
			die_nfs(nfs, "create", rc);
		rc = nfs_pwrite(nfs, fh, 0, sizeof payload - 1, payload);
		if (rc != (int)(sizeof payload - 1))
			die_nfs(nfs, "pwrite (small)", rc < 0 ? rc : -EIO);
		rc = nfs_close(nfs, fh);
		if (rc != 0)
			die_nfs(nfs, "close", rc);
	}
	t1 = now_seconds();
	print_ops_result("create", n, t1 - t0);

	t0 = now_seconds();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/f%06ld", dir, i);
		rc = nfs_stat64(nfs, path, &st);
		if (rc != 0)
			die_nfs(nfs, "stat", rc);
		if (st.nfs_size != sizeof payload - 1) {
			fprintf(stderr, "%s: stat %s: size %" PRIu64 ", expected %zu\n", prog, path,
				st.nfs_size, sizeof payload - 1);
			return 1;
		}
	}
	t1 = now_seconds();
	print_ops_result("stat", n, t1 - t0);

	t0 = now_seconds();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/f%06ld", dir, i);
		rc = nfs_unlink(nfs, path);
		if (rc != 0)
			die_nfs(nfs, "unlink", rc);
	}
	t1 = now_seconds();
	print_ops_result("remove", n, t1 - t0);

	rc = nfs_rmdir(nfs, dir);
	if (rc != 0)
		die_nfs(nfs, "rmdir", rc);
	nfs_destroy_context(nfs);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s put  LOCALFILE SERVER EXPORT PATH NFSPORT MOUNTPORT\n"
		"       %s get  LOCALFILE SERVER EXPORT PATH NFSPORT MOUNTPORT\n"
		"       %s meta SERVER EXPORT DIR N NFSPORT MOUNTPORT\n",
		prog, prog, prog);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc != 8)
		usage();
	if (strcmp(argv[1], "put") == 0)
		return do_put(argv + 2);
	if (strcmp(argv[1], "get") == 0)
		return do_get(argv + 2);
	if (strcmp(argv[1], "meta") == 0)
		return do_meta(argv + 2);
	usage();
	return 2;
}
