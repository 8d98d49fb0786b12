#ifndef GOVSEAL_COPENSSL_SHIM_H
#define GOVSEAL_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

/* Function-like macros Swift cannot import. */
static inline int govseal_EVP_MD_CTX_size(const EVP_MD_CTX *ctx) {
    return EVP_MD_get_size(EVP_MD_CTX_get0_md(ctx));
}
#endif
