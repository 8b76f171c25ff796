// libsocsim_mpi.so: the MPI calls of the sweep's MPI backend (see mpi_api.h), the only code that
// links Open MPI. Loaded by sweep_mpi.cpp with dlopen, never linked into the socsim executable.
// The C API only: Open MPI's C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include "cli/sweep/mpi/mpi_api.h"

namespace {

void init() {
  int ready = 0;
  MPI_Initialized(&ready);
  if (!ready) MPI_Init(nullptr, nullptr);
}

void finalize() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

void send(const long long* data, int count, int dest, int tag) {
  MPI_Send(data, count, MPI_LONG_LONG, dest, tag, MPI_COMM_WORLD);
}

void recv(long long* data, int count, int source, int tag) {
  MPI_Recv(data, count, MPI_LONG_LONG, source < 0 ? MPI_ANY_SOURCE : source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

void iprobe(int tag, int* flag, int* source) {
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, flag, &status);
  if (*flag) *source = status.MPI_SOURCE;
}

constexpr SocsimMpiApi kApi = {kMpiApiVersion, init, finalize, rank, size, send, recv, iprobe};

}  // namespace

extern "C" __attribute__((visibility("default"))) const SocsimMpiApi* socsim_mpi_api() { return &kApi; }
