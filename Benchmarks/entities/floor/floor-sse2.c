// The floor with SSE2 (x86-64): the same words, hashes and probes as floor.c, but word starts come from
// 64-byte bitmasks, so the bytes between capitalised words are never looked at one by one. Shows how much of
// floor.c's time is the scalar scan. Usage: floor-sse2 CORPUS_DIR WORDS_FILE (run-floor.sh builds it).
#include <dirent.h>
#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static inline uint64_t fnv(const unsigned char *p, size_t a, size_t b) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = a; i < b; i++) h = (h ^ (uint64_t)(p[i] | 0x20)) * 0x100000001b3ULL;
    return h | 1;
}
static inline __m128i in_range(__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8(hi + 1)));
}
// word (letter/digit) and upper-case masks of 64 bytes at p (padded input)
static inline void masks(const unsigned char *p, uint64_t *word, uint64_t *upper, uint64_t *lower) {
    uint64_t w = 0, u = 0, l = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i up = in_range(v, 'A', 'Z'), lo = in_range(v, 'a', 'z'), dg = in_range(v, '0', '9');
        u |= (uint64_t)(uint16_t)_mm_movemask_epi8(up) << (16 * k);
        l |= (uint64_t)(uint16_t)_mm_movemask_epi8(lo) << (16 * k);
        w |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(up, lo), dg)) << (16 * k);
    }
    *word = w; *upper = u; *lower = l;
}
int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-sse2 CORPUS_DIR WORDS_FILE\n"); return 2; }
    static unsigned char *texts[1 << 16]; static size_t lens[1 << 16]; int n = 0; size_t total = 0;
    DIR *d = opendir(argv[1]); struct dirent *e; char path[4096];
    if (!d) { perror(argv[1]); return 1; }
    while ((e = readdir(d))) {
        if (n == 1 << 16) { fprintf(stderr, "floor-sse2: more than 65,536 files\n"); return 1; }
        size_t l = strlen(e->d_name); if (l < 4 || strcmp(e->d_name + l - 4, ".txt")) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *f = fopen(path, "rb"); if (!f) { perror(path); return 1; } fseek(f, 0, SEEK_END); long sz = ftell(f); fseek(f, 0, SEEK_SET);
        // 64 zero bytes of padding: the last block's loads stay inside the allocation.
        texts[n] = calloc(sz + 128, 1); if (!texts[n]) { perror("floor-sse2"); return 1; }
        lens[n] = fread(texts[n], 1, sz, f); fclose(f); total += lens[n++];
    }
    size_t slots = 1 << 18; uint64_t *table = calloc(slots, 8);
    closedir(d);
    FILE *w = fopen(argv[2], "r"); char line[256];
    if (!w || !table) { perror(argv[2]); return 1; }
    while (fgets(line, sizeof line, w)) {
        uint64_t h = fnv((unsigned char *)line, 0, strcspn(line, "\n"));
        size_t s = h & (slots - 1); while (table[s] && table[s] != h) s = (s + 1) & (slots - 1); table[s] = h;
    }
    double best = 1e9; long hits = 0, probes = 0, words = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = cpu(); hits = probes = words = 0;
        for (int k = 0; k < n; k++) {
            const unsigned char *p = texts[k]; size_t len = lens[k];
            // pass 1: any lower-case letter? (vectorised OR of masks)
            int caps = 1;
            for (size_t b = 0; b < len; b += 64) {
                uint64_t wd, up, lo;
                masks(p + b, &wd, &up, &lo);
                if (len - b < 64) lo &= (1ULL << (len - b)) - 1;
                if (lo) { caps = 0; break; }
            }
            uint64_t prevword = 0;  // bit 63 of the previous block's word mask
            for (size_t b = 0; b < len; b += 64) {
                uint64_t wd, up, lo; masks(p + b, &wd, &up, &lo);
                if (len - b < 64) { uint64_t keep = (1ULL << (len - b)) - 1; wd &= keep; up &= keep; }
                uint64_t starts = wd & ~((wd << 1) | prevword);
                prevword = wd >> 63;
                words += __builtin_popcountll(starts);
                uint64_t want = caps ? starts : (starts & up);
                while (want) {
                    int bit = __builtin_ctzll(want); want &= want - 1;
                    size_t s = b + bit, end = s + 1;
                    while (end < len) {  // the word's end: next non-word byte (via masks for long words)
                        unsigned char c = p[end];
                        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) break;
                        end++;
                    }
                    probes++;
                    uint64_t h = fnv(p, s, end); size_t slot = h & (slots - 1);
                    while (table[slot]) { if (table[slot] == h) { hits++; break; } slot = (slot + 1) & (slots - 1); }
                }
            }
        }
        double t = cpu() - t0; if (t < best) best = t;
    }
    printf("%d files %.1f MB: %ld words, %ld probes, %ld hits; best of 5: %.4f s (%.0f MB/s)\n", n, total / 1e6, words, probes, hits, best, total / 1e6 / best);
}
