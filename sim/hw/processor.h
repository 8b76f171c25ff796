// A processor of the SoC (the CPU complex, a GPU, an NPU or a DSP): mechanism only, no policy.
//
// Contract:
// - submit() accepts a job at the current simulated time; the processor queues or starts it.
// - When a job starts and when it finishes, the processor tells its listener, in simulated-time
//   order, from inside the simulator's event loop. A job is reported finished exactly once.
// - queue_length() counts jobs waiting (not running); running() counts jobs in service.
// - Processors never drop jobs; admission is the engine's and scheduler's business.
#pragma once

#include <cstddef>

#include "sim/core/event_queue.h"
#include "sim/core/simulator.h"
#include "sim/hw/job.h"
#include "sim/spec/soc.h"

namespace socsim::hw {

class ProcessorListener {
 public:
  virtual ~ProcessorListener() = default;
  virtual void on_job_started(int processor, const Job& job, Time start) = 0;
  virtual void on_job_finished(int processor, const Job& job, Time start, Time finish) = 0;
};

class Processor : public EventHandler {
 public:
  Processor(int index, const spec::Processor& spec, Simulator& sim, ProcessorListener& listener)
      : index_(index), spec_(spec), sim_(sim), listener_(listener) {}

  int index() const { return index_; }
  const spec::Processor& spec() const { return spec_; }

  virtual void submit(Job job) = 0;
  virtual size_t queue_length() const = 0;
  virtual size_t running() const = 0;

 protected:
  Simulator& sim() { return sim_; }
  ProcessorListener& listener() { return listener_; }

 private:
  int index_;
  const spec::Processor& spec_;
  Simulator& sim_;
  ProcessorListener& listener_;
};

}  // namespace socsim::hw
