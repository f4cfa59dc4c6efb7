// Compresses 100 MB of a cables.csv in cable-sized pieces (2.5-35 KB) at level 1, the way the
// importer does, once with a new deflate stream per piece and once with one stream and
// deflateReset: the per-stream set-up is what GzipCompressor saves. Prints MB/s and the ratio.
//
//   cc -O2 Benchmarks/zlib/deflate-reuse.c -lz -o /tmp/deflate-reuse && /tmp/deflate-reuse /tmp/bench/cables-20k.csv
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double cpuSeconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s CABLES.csv\n", argv[0]); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    size_t total = 100000000;
    unsigned char *data = malloc(total), *out = malloc(200000);
    total = fread(data, 1, total, file);
    fclose(file);
    const size_t sizes[] = {2500, 4000, 6000, 9000, 12000, 20000, 35000};
    for (int reuse = 0; reuse <= 1; reuse++) {
        z_stream stream;
        memset(&stream, 0, sizeof stream);
        if (reuse) deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        size_t in = 0, produced = 0;
        double start = cpuSeconds();
        for (size_t offset = 0, k = 0; offset + 40000 < total; k++) {
            size_t count = sizes[k % 7];
            if (reuse) {
                deflateReset(&stream);
            } else {
                memset(&stream, 0, sizeof stream);
                deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
            }
            stream.next_in = data + offset; stream.avail_in = (uInt)count;
            stream.next_out = out; stream.avail_out = 200000;
            if (deflate(&stream, Z_FINISH) != Z_STREAM_END) return 1;
            produced += 200000 - stream.avail_out;
            in += count;
            offset += count;
            if (!reuse) deflateEnd(&stream);
        }
        double seconds = cpuSeconds() - start;
        printf("%s: %.0f MB/s, compressed to %.4f\n", reuse ? "one stream, deflateReset" : "a new stream per piece",
               in / seconds / 1e6, (double)produced / in);
        if (reuse) deflateEnd(&stream);
    }
    return 0;
}
