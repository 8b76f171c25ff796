// The process's heap settings for simulation runs, shared by the socsim executable and the
// benchmarks so that a benchmark measures the heap socsim runs with.
#pragma once

namespace socsim::cli {

// Large blocks (the resolved model library as JSON, ~0.4 MB, and its copies; trace buffers; a
// long run's growing queues) come from the heap instead of fresh mmaps: glibc maps each block
// above its (adaptive) threshold anew and unmaps it when freed, so every such block paid its page
// faults again (about 10 ms of an empty traced run on a VM; in a benchmark repeating a 100-task
// run, 2 000 faults per run, whether it paid them depending on the order of earlier frees). Freed
// memory stays in the process for reuse; peak RSS is what the run itself needs. Call first in main.
void tune_malloc();

}  // namespace socsim::cli
