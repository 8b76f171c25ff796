// The process's heap settings for simulation runs, shared by the socsim executable and the
// benchmarks so that a benchmark measures the heap socsim runs with.
#pragma once

namespace socsim::cli {

// Large blocks (the resolved model library as JSON, ~0.4 MB, and its copies; trace buffers; a
// long run's growing queues) come from the heap instead of fresh mmaps: glibc maps each block
// above its (adaptive) threshold anew and unmaps it when freed, so every such block paid its page
// faults again (about 10 ms of an empty traced run on a VM; in a benchmark repeating a 100-task
// run, 2 000 faults per run, whether it paid them depending on the order of earlier frees). Freed
// memory stays in the process for reuse; peak RSS is what the run itself needs.
// The heap is one arena (the trace writer's thread allocates from it too) whose first 32 MiB and
// more are advised for transparent huge pages: a first touch of a 4 KiB page costs 11-20 us on the
// project's VMs, and an empty traced run touched ~1 400 of them (1 700 page faults -> ~330).
// Call first in main.
void tune_malloc();

}  // namespace socsim::cli
