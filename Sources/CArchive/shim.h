#ifndef GOVSEAL_CARCHIVE_SHIM_H
#define GOVSEAL_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
