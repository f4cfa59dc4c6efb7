#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 SHA-256 round constants (FIPS 180-4, 4.2.2).
const uint32_t *cablegate_sha256_round_constants(void);

/// 1 when this CPU has the x86 SHA extensions (and SSSE3/SSE4.1) that
/// `cablegate_sha256_blocks` needs, else 0 (always 0 on other architectures).
int cablegate_sha256_accelerated(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks at `data`,
/// updating the eight chaining words in `state` (FIPS 180-4 order, a..h).
/// Call only when `cablegate_sha256_accelerated()` returned 1.
void cablegate_sha256_blocks(uint32_t state[8], const unsigned char *data, size_t blocks);

#endif
