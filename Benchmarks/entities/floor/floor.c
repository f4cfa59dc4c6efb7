// The C twin of floor.swift: the same scan, hash and probe, to tell the language from the work.
// Built twice by run-floor.sh: PROBE=0 (word boundaries only) and PROBE=1 (plus a hash and a probe per
// capitalised word, every word of an ALL-CAPS cable).
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef PROBE
#define PROBE 1
#endif

static unsigned char cls[256];  // 0 other, 1 lower, 2 upper, 3 digit

static uint64_t fnv(const unsigned char *p, size_t a, size_t b) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = a; i < b; i++) h = (h ^ (uint64_t)(p[i] | 0x20)) * 0x100000001b3ULL;
    return h | 1;  // 0 marks an empty slot
}

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *checked(void *p) {
    if (!p) { perror("floor"); exit(1); }
    return p;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor CORPUS_DIR WORDS_FILE\n"); return 2; }
    for (int b = 'a'; b <= 'z'; b++) cls[b] = 1;
    for (int b = 'A'; b <= 'Z'; b++) cls[b] = 2;
    for (int b = '0'; b <= '9'; b++) cls[b] = 3;

    unsigned char **texts = NULL; size_t *lens = NULL, n = 0, cap = 0, total = 0;
    DIR *d = opendir(argv[1]);
    if (!d) { perror(argv[1]); return 1; }
    struct dirent *e; char path[4096];
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 4, ".txt")) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) { perror(path); return 1; }
        fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            texts = checked(realloc(texts, cap * sizeof *texts));
            lens = checked(realloc(lens, cap * sizeof *lens));
        }
        texts[n] = checked(malloc(size > 0 ? size : 1));
        lens[n] = fread(texts[n], 1, size, f);
        total += lens[n++];
        fclose(f);
    }
    closedir(d);

    size_t slots = 1 << 18;  // twice the next power of two above the word list: few collisions
    uint64_t *table = checked(calloc(slots, sizeof *table));
    FILE *w = fopen(argv[2], "r");
    if (!w) { perror(argv[2]); return 1; }
    char line[256];
    while (fgets(line, sizeof line, w)) {
        uint64_t h = fnv((unsigned char *)line, 0, strcspn(line, "\n"));
        size_t s = h & (slots - 1);
        while (table[s] && table[s] != h) s = (s + 1) & (slots - 1);
        table[s] = h;
    }
    fclose(w);

    double best = 1e9; long hits = 0, probes = 0, words = 0;
    for (int round = 0; round < 5; round++) {
        double t0 = cpu();
        hits = probes = words = 0;
        for (size_t k = 0; k < n; k++) {
            const unsigned char *p = texts[k];
            size_t len = lens[k], i = 0;
            // ALL CAPS when the cable has no lower-case letter at all: fewer probes than deciding per
            // paragraph, so the floor stays a lower bound.
            int caps = 1;
            for (size_t j = 0; j < len; j++) if (cls[p[j]] == 1) { caps = 0; break; }
            while (i < len) {
                unsigned char c = cls[p[i]];
                if (!c) { i++; continue; }
                size_t start = i++;
                while (i < len && cls[p[i]]) i++;
                words++;
                if (PROBE && (caps || c == 2)) {
                    probes++;
                    uint64_t h = fnv(p, start, i);
                    size_t s = h & (slots - 1);
                    while (table[s]) {
                        if (table[s] == h) { hits++; break; }
                        s = (s + 1) & (slots - 1);
                    }
                }
            }
        }
        double t = cpu() - t0;
        if (t < best) best = t;
    }
    printf("%zu files %.1f MB: %ld words, %ld probes, %ld hits; best of 5: %.4f s (%.0f MB/s)\n",
           n, total / 1e6, words, probes, hits, best, total / 1e6 / best);
    return 0;
}
