// LOLA_CLONES: compile a loop for AVX-512F, AVX2 + FMA (Haswell) and baseline x86-64; the loader
// picks the CPU's best clone at load time (GNU ifunc). The addon itself is built without -march,
// so it runs on every x86-64 CPU. -DLOLA_NO_CLONES (build.mjs's last attempt, e.g. for a libc
// without ifunc) compiles one baseline version.
#pragma once
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LOLA_NO_CLONES)
#define LOLA_CLONES __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define LOLA_CLONES
#endif

// Helpers of the cloned loops: always inlined, so each clone compiles them for its own target (a
// call would run the baseline version).
#if defined(__GNUC__)
#define LOLA_INLINE inline __attribute__((always_inline))
#else
#define LOLA_INLINE inline
#endif
