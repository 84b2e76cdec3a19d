// LOLA_CLONES: compile a loop for AVX-512F, AVX2 + FMA (Haswell) and baseline x86-64; the loader
// picks the CPU's best clone at load time (GNU ifunc). The addon itself is built without -march,
// so it runs on every x86-64 CPU.
#pragma once
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LOLA_CLONES __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define LOLA_CLONES
#endif
