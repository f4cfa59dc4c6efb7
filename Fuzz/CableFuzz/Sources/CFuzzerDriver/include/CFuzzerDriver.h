// libFuzzer's documented entry point for programs that keep their own main (SwiftPM renames an
// executable's main, so libFuzzer's own main cannot be used).
#pragma once
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
