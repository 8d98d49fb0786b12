/* The libsecp256k1 ceiling for bench/run.sh: verifications per second of ECDSA (compact r||s,
 * over a 32-byte digest) and BIP-340 (over a 32-byte message), keys and signatures parsed once
 * before the loop, so the rate is the primitive's alone.
 *
 *   cc -O2 -o secp256k1_verify_loop secp256k1_verify_loop.c -lsecp256k1
 *   ./secp256k1_verify_loop SECONDS      prints "ecdsa <rate>" and "bip340 <rate>" lines
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEYS 16

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fill(unsigned char *out, size_t n, unsigned seed) {
    /* Deterministic bytes; the values only need to be valid keys and messages. */
    unsigned x = seed * 2654435761u + 12345u;
    for (size_t i = 0; i < n; i++) { x = x * 1103515245u + 12345u; out[i] = (unsigned char)(x >> 16); }
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_pubkey pub[KEYS];
    secp256k1_xonly_pubkey xonly[KEYS];
    secp256k1_ecdsa_signature sig[KEYS];
    unsigned char schnorr[KEYS][64], msg[KEYS][32];
    for (int i = 0; i < KEYS; i++) {
        unsigned char sk[32];
        do { fill(sk, 32, (unsigned)i * 7u + 1u); sk[0] &= 0x7f; } while (!secp256k1_ec_seckey_verify(ctx, sk));
        fill(msg[i], 32, (unsigned)i + 1000u);
        secp256k1_keypair kp;
        if (!secp256k1_ec_pubkey_create(ctx, &pub[i], sk) || !secp256k1_ecdsa_sign(ctx, &sig[i], msg[i], sk, NULL, NULL)
            || !secp256k1_keypair_create(ctx, &kp, sk) || !secp256k1_keypair_xonly_pub(ctx, &xonly[i], NULL, &kp)
            || !secp256k1_schnorrsig_sign32(ctx, schnorr[i], msg[i], &kp, NULL)) {
            fprintf(stderr, "setup failed\n");
            return 1;
        }
    }
    long n = 0;
    double start = now(), end;
    do {
        for (int i = 0; i < 256; i++, n++) {
            if (!secp256k1_ecdsa_verify(ctx, &sig[n % KEYS], msg[n % KEYS], &pub[n % KEYS])) { fprintf(stderr, "ecdsa failed\n"); return 1; }
        }
    } while ((end = now()) - start < seconds);
    printf("ecdsa %.1f\n", (double)n / (end - start));
    n = 0;
    start = now();
    do {
        for (int i = 0; i < 256; i++, n++) {
            if (!secp256k1_schnorrsig_verify(ctx, schnorr[n % KEYS], msg[n % KEYS], 32, &xonly[n % KEYS])) { fprintf(stderr, "bip340 failed\n"); return 1; }
        }
    } while ((end = now()) - start < seconds);
    printf("bip340 %.1f\n", (double)n / (end - start));
    secp256k1_context_destroy(ctx);
    return 0;
}
