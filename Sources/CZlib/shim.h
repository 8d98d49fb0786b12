#ifndef GOVSEAL_CZLIB_SHIM_H
#define GOVSEAL_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit is a function-like macro Swift cannot import. */
static inline int govseal_inflateInit(z_stream *stream) {
    return inflateInit(stream);
}
#endif
