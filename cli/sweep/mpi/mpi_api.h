// The few MPI calls the sweep's MPI backend makes, as a plain C table of functions.
//
// Open MPI drags some fifty shared libraries into a process that links it, at a cost paid by
// every `socsim` start; only `socsim sweep --backend mpi` needs it. So the calls live in a
// separate module, libsocsim_mpi.so (mpi_module.cpp, the only file that includes <mpi.h>), built
// beside the socsim executable, and sweep_mpi.cpp loads it with dlopen when the MPI backend runs.
//
// Contract: every function works on MPI_COMM_WORLD with MPI_LONG_LONG messages; `init` starts MPI
// unless it already runs, `finalize` ends it unless it has ended; `recv` and `iprobe` report the
// sender through `source`. `version` is kMpiApiVersion, checked before use.
#pragma once

extern "C" {

constexpr int kMpiApiVersion = 1;

struct SocsimMpiApi {
  int version;
  void (*init)();
  void (*finalize)();
  int (*rank)();
  int (*size)();
  void (*send)(const long long* data, int count, int dest, int tag);
  void (*recv)(long long* data, int count, int source, int tag);  // source -1: any
  // Sets *flag non-zero and *source when a message with `tag` from any rank is waiting.
  void (*iprobe)(int tag, int* flag, int* source);
};

// The module's one exported symbol.
const SocsimMpiApi* socsim_mpi_api();
}
