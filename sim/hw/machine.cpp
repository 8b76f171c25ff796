#include "sim/hw/machine.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "sim/core/error.h"
#include "sim/hw/cpu_placement.h"
#include "sim/hw/max_min.h"

namespace socsim::hw {
namespace {

enum Kind : uint32_t { kDone = 0, kTransition = 1, kGovernor = 2, kThermal = 3 };
constexpr Duration kThermalPeriod = Duration::ms(100);

uint64_t pack(size_t index, uint64_t gen) { return static_cast<uint64_t>(index) | (gen << 20); }
size_t index_of(uint64_t arg) { return static_cast<size_t>(arg & 0xFFFFF); }
uint64_t gen_of(uint64_t arg) { return arg >> 20; }

struct Domain {
  int processor = 0;
  int cluster = -1;  // -1 for accelerators
  int cores = 1;
  double dnn_speed = 1;
  double idle_mw = 0;
  DvfsDomain dvfs;
  double busy = 0;        // allocated cores (inferences + background) in force
  Time since{};           // its energy and busy time are integrated up to here
  double our_share = 0;   // core share of each inference thread (CPU) or inference (accelerator)
  double gov_busy = 0;    // core-ns since the last governor tick
  double last_util = 1;   // frequency-invariant utilisation at the last tick
  double sample_busy = 0; // core-ns since the last sample
  double sample_mj = 0;
  double forced_cap = 1;
  size_t pending_opp = 0;
  bool transition_pending = false;
  uint64_t transition_gen = 0;
};

struct Proc {
  const spec::Processor* spec = nullptr;
  bool online = true;
  double background = 0;
  std::deque<Job> queue;   // accelerators: waiting inferences
  std::vector<size_t> running;
  std::vector<size_t> domains;
  double energy_mj = 0;
  double idle_mj = 0;
  double power_mw = 0;  // of its domains, busy and idle, as of its last solve
  // Something its solution depends on changed (running set, background, online, a domain's
  // frequency) since it was last solved; a clean processor's shares and slowdowns stand.
  bool dirty = true;
};

struct Slot {
  Job job;
  int processor = 0;
  std::vector<int> threads;  // per cluster (CPU only); storage reused by the next job
  double remaining_ns = 0;
  double rate = -1;  // -1: not yet solved
  double compute_slowdown = 1;  // of its processor's last solve
  double power_mw = 0;
  uint64_t gen = 0;
  Time start;
  Time since;  // remaining_ns and energy_mj are integrated up to here
  double energy_mj = 0;
  bool used = false;
};

}  // namespace

struct Machine::Impl {
  Impl(const spec::Soc& soc, const spec::DvfsPolicy& policy, bool time_slice, Simulator& sim, MachineListener& l,
       EventHandler* self)
      : soc(soc), sim(sim), listener(l), self(self), time_slice(time_slice), period(policy.period) {
    for (size_t p = 0; p < soc.processors.size(); ++p) {
      const auto& ps = soc.processors[p];
      Proc proc;
      proc.spec = &ps;
      Governor g = Governor::kPerformance;
      const auto gov_it = policy.governors.find(ps.name);
      if (!parse_governor(gov_it != policy.governors.end() ? gov_it->second : policy.governor, g))
        throw RunError("unknown DVFS governor for processor " + ps.name);
      auto userspace = [&](const std::string& key) {
        auto it = policy.userspace_freq_mhz.find(key);
        return it == policy.userspace_freq_mhz.end() ? 0.0 : it->second;
      };
      if (ps.kind == spec::ProcessorKind::kCpu) {
        for (size_t k = 0; k < ps.clusters.size(); ++k) {
          const auto& c = ps.clusters[k];
          double mhz = userspace(ps.name + "." + c.name);
          if (mhz == 0) mhz = userspace(ps.name);
          proc.domains.push_back(domains.size());
          domains.push_back(Domain{static_cast<int>(p), static_cast<int>(k), c.cores,
                                   c.dnn_speed > 0 ? c.dnn_speed : c.capacity / 1024.0, c.idle_power_mw,
                                   DvfsDomain(c.dvfs, g, mhz)});
        }
      } else {
        proc.domains.push_back(domains.size());
        domains.push_back(Domain{static_cast<int>(p), -1, 1, 1.0, ps.idle_power_mw, DvfsDomain(*ps.dvfs, g, userspace(ps.name))});
      }
      procs.push_back(std::move(proc));
      has_schedutil |= g == Governor::kSchedutil;
    }
    if (soc.thermal) thermal.emplace(*soc.thermal);
  }

  // ---- time integration -------------------------------------------------------------------
  // Integration is lazy: a slot, a domain and the thermal model each integrate their own
  // piecewise-constant state up to now just before that state changes (or is read), so an event
  // pays only for what it changes. Callers integrate before they change: a slot before its rate or
  // power, a domain before its busy cores, frequency or online state, the thermal model before the
  // total power (set by resolve()) or the ambient temperature changes.
  void integrate(Slot& s) {
    const Duration dt = sim.now() - s.since;
    s.since = sim.now();
    if (dt <= Duration{} || s.rate <= 0) return;
    s.remaining_ns -= s.rate * static_cast<double>(dt.count_ns());
    s.energy_mj += s.power_mw * dt.to_s();
  }

  void integrate(Domain& d) {
    const Duration dt = sim.now() - d.since;
    if (dt <= Duration{}) return;
    d.since = sim.now();
    Proc& p = procs[static_cast<size_t>(d.processor)];
    const double dt_ns = static_cast<double>(dt.count_ns());
    const double dt_s = dt.to_s();
    const double idle_mj = idle_power_mw(d) * dt_s;
    const double mj = d.busy * d.dvfs.busy_power_mw() * dt_s + idle_mj;
    p.energy_mj += mj;
    p.idle_mj += idle_mj;
    d.gov_busy += d.busy * dt_ns;
    d.sample_busy += d.busy * dt_ns;
    d.sample_mj += mj;
  }

  // A domain's power: its idle power while its processor is online, plus its busy cores'.
  double idle_power_mw(const Domain& d) const { return procs[static_cast<size_t>(d.processor)].online ? d.idle_mw : 0.0; }
  double power_mw(const Domain& d) const { return d.busy * d.dvfs.busy_power_mw() + idle_power_mw(d); }

  void integrate_domains(const Proc& p) {
    for (size_t di : p.domains) integrate(domains[di]);
  }

  void integrate_all() {
    for (auto& d : domains) integrate(d);
    for (auto& s : slots)
      if (s.used) integrate(s);
    integrate_thermal();
  }

  void integrate_thermal() {
    const Duration dt = sim.now() - thermal_since;
    if (!thermal || dt <= Duration{}) return;
    thermal_since = sim.now();
    thermal->advance(thermal_power_mw * 1e-3, dt);
    peak_temp = std::max(peak_temp, thermal->temperature_c());
  }

  // ---- rate solving -----------------------------------------------------------------------
  void solve_cpu(Proc& p) {
    for (size_t di : p.domains) {
      Domain& d = domains[di];
      int threads = 0;
      for (size_t s : p.running) threads += slots[s].threads[static_cast<size_t>(d.cluster)];
      const double background = p.online ? p.background : 0.0;
      const auto share = max_min_two_groups(p.online ? d.cores : 0, threads, 1.0, d.cores, background);
      d.our_share = threads > 0 ? share.a : 0;
      d.busy = threads * share.a + d.cores * share.b;
    }
    for (size_t s : p.running) {
      Slot& slot = slots[s];
      double v_main = 0, v_min = std::numeric_limits<double>::infinity(), v0_main = 0, v0_min = v_min;
      double power = 0;
      for (size_t k = 0; k < slot.threads.size(); ++k) {
        if (slot.threads[k] == 0) continue;
        const Domain& d = domains[p.domains[k]];
        const double v = d.dnn_speed * d.dvfs.speed() * d.our_share;
        if (v_main == 0) {
          v_main = v;
          v0_main = d.dnn_speed;
        }
        v_min = std::min(v_min, v);
        v0_min = std::min(v0_min, d.dnn_speed);
        power += slot.threads[k] * d.our_share * d.dvfs.busy_power_mw();
      }
      const double p_frac = slot.job.parallel_frac;
      const double t_now = v_min > 0 ? parallel_time(p_frac, slot.job.threads, v_main, v_min) : INFINITY;
      slot.compute_slowdown = t_now / parallel_time(p_frac, slot.job.threads, v0_main, v0_min);
      slot.power_mw = power;
    }
  }

  void solve_accelerator(Proc& p) {
    Domain& d = domains[p.domains[0]];
    const double n = static_cast<double>(p.running.size());
    const double background = p.online ? p.background : 0.0;
    const auto share = max_min_two_groups(p.online ? 1.0 : 0.0, n, 1.0, 1.0, background);
    d.our_share = n > 0 ? share.a : 0;
    d.busy = n * share.a + share.b;
    for (size_t s : p.running) {
      const double v = d.dvfs.speed() * d.our_share;
      slots[s].compute_slowdown = v > 0 ? 1.0 / v : INFINITY;
      slots[s].power_mw = d.our_share * d.dvfs.busy_power_mw();
    }
  }

  void mark_dirty(Proc& p) {
    p.dirty = true;
    any_dirty = true;
  }

  // Re-solves the processors marked dirty (integrating what they change up to now first), then
  // the rates of the inferences whose compute or DRAM share may have moved. A clean processor's
  // inputs are unchanged, so its solution would come out identical; its inferences' rates too,
  // unless DRAM is contended now or was at the previous re-solve.
  void resolve() {
    if (!any_dirty) return;
    any_dirty = false;
    integrate_thermal();
    double total_demand = 0, power = 0;
    for (auto& p : procs) {
      if (p.dirty) solve(p);
      for (size_t s : p.running) total_demand += slots[s].job.bandwidth_gbps;
      power += p.power_mw;
    }
    thermal_power_mw = power;
    // DRAM: every demand is met (no slowdown) unless their sum exceeds the bandwidth.
    const bool dram_shared = total_demand > soc.memory.dram_bw_gbps;
    if (dram_shared) {
      active.clear();
      bw_demand.clear();
      for (auto& p : procs) {
        p.dirty = false;
        for (size_t s : p.running) {
          active.push_back(s);
          bw_demand.push_back(slots[s].job.bandwidth_gbps);
        }
      }
      max_min_share(soc.memory.dram_bw_gbps, bw_demand, bw, order);
      for (size_t i = 0; i < active.size(); ++i) {
        const double s_mem = bw_demand[i] <= 0 ? 1.0 : (bw[i] > 0 ? std::max(1.0, bw_demand[i] / bw[i]) : INFINITY);
        set_rate(active[i], s_mem);
      }
    } else {
      for (auto& p : procs) {
        if (p.dirty || dram_was_shared)
          for (size_t s : p.running) set_rate(s, 1.0);
        p.dirty = false;
      }
    }
    dram_was_shared = dram_shared;
  }

  void solve(Proc& p) {
    integrate_domains(p);
    for (size_t s : p.running) integrate(slots[s]);
    if (p.spec->kind == spec::ProcessorKind::kCpu) {
      solve_cpu(p);
    } else {
      solve_accelerator(p);
    }
    p.power_mw = 0;
    for (size_t di : p.domains) p.power_mw += power_mw(domains[di]);
  }

  // Sets slot s's progress rate from its processor's compute slowdown and its DRAM slowdown
  // s_mem; when the rate moves, its completion is rescheduled (the old event goes stale).
  void set_rate(size_t s, double s_mem) {
    Slot& slot = slots[s];
    const double m = slot.job.memory_bound_frac;
    const double denom = (1 - m) * slot.compute_slowdown + m * s_mem;
    const double rate = std::isfinite(denom) && denom > 0 ? 1.0 / denom : 0.0;
    if (rate == slot.rate) return;
    integrate(slot);
    slot.rate = rate;
    ++slot.gen;
    // A completion beyond 2^62 ns (146 years; a run lasts at most 10 days) cannot happen in
    // the run and would overflow the clock: it is not scheduled (the next re-solve may).
    const double ns = rate > 0 ? std::ceil(std::max(0.0, slot.remaining_ns) / rate) : INFINITY;
    if (ns < 0x1p62) sim.schedule_in(Duration::ns(static_cast<int64_t>(ns)), Band::kHardware, self, kDone, pack(s, slot.gen));
  }

  // ---- jobs -------------------------------------------------------------------------------
  void begin(int processor, const Job& job) {
    size_t s;
    if (free_slots.empty()) {
      s = slots.size();
      slots.emplace_back();
    } else {
      s = free_slots.back();
      free_slots.pop_back();
    }
    Proc& p = procs[static_cast<size_t>(processor)];
    Slot& slot = slots[s];
    slot.job = job;
    slot.processor = processor;
    if (p.spec->kind == spec::ProcessorKind::kCpu) {
      place_big_first(*p.spec, std::max(1, job.threads), job.cluster_mask, slot.threads);
    } else {
      slot.threads.clear();
    }
    slot.remaining_ns = static_cast<double>(job.work.count_ns());
    slot.rate = -1;
    slot.compute_slowdown = 1;
    slot.power_mw = 0;
    slot.start = sim.now();
    slot.since = slot.start;
    slot.energy_mj = 0;
    slot.used = true;
    slot.gen = slot_gens.size() > s ? slot_gens[s] : 0;
    p.running.push_back(s);
    mark_dirty(p);
    listener.on_job_started(processor, job, slot.start);
  }

  bool serial(const Proc& p) const { return p.spec->kind != spec::ProcessorKind::kCpu && !time_slice; }
  // An inference may start on p now: it is online, and it is not a serial accelerator already busy.
  bool can_start(const Proc& p) const { return p.online && (!serial(p) || p.running.empty()); }

  void start_waiting(Proc& p, int processor) {
    while (!p.queue.empty() && can_start(p)) {
      Job next = p.queue.front();
      p.queue.pop_front();
      begin(processor, next);
    }
  }

  void finish(size_t s) {
    integrate(slots[s]);
    attributed_mj += slots[s].energy_mj;
    // What the listener hears, copied out: the slot may be reused by a waiting job below.
    const Job job = slots[s].job;
    const int processor = slots[s].processor;
    const Time start = slots[s].start;
    const double energy_mj = slots[s].energy_mj;
    slots[s].used = false;
    if (slot_gens.size() <= s) slot_gens.resize(s + 1, 0);
    slot_gens[s] = slots[s].gen + 1;
    free_slots.push_back(s);
    Proc& p = procs[static_cast<size_t>(processor)];
    p.running.erase(std::find(p.running.begin(), p.running.end(), s));
    mark_dirty(p);
    start_waiting(p, processor);
    resolve();
    listener.on_job_finished(processor, job, start, sim.now(), energy_mj);
  }

  // ---- DVFS -------------------------------------------------------------------------------
  void request(size_t di, size_t opp) {
    Domain& d = domains[di];
    d.pending_opp = opp;
    if (d.transition_pending || opp == d.dvfs.current()) return;
    d.transition_pending = true;
    sim.schedule_in(d.dvfs.transition(), Band::kHardware, self, kTransition, pack(di, ++d.transition_gen));
  }

  void apply_transition(size_t di) {
    Domain& d = domains[di];
    d.transition_pending = false;
    if (d.pending_opp == d.dvfs.current()) return;
    integrate(d);  // its power changes now; its inferences' rates and the total power at the re-solve
    d.dvfs.set_current(d.pending_opp);
    mark_dirty(procs[static_cast<size_t>(d.processor)]);
    listener.on_frequency(d.processor, std::max(0, d.cluster), d.dvfs.freq_mhz());
    resolve();
  }

  void apply_caps() {
    for (size_t di = 0; di < domains.size(); ++di) {
      Domain& d = domains[di];
      const std::string& name = procs[static_cast<size_t>(d.processor)].spec->name;
      d.dvfs.set_cap(std::min(d.forced_cap, thermal ? thermal->cap_for(name) : 1.0));
      request(di, d.dvfs.target(d.last_util));
    }
  }

  void governor_tick() {
    const double period_ns = static_cast<double>(period.count_ns());
    for (size_t di = 0; di < domains.size(); ++di) {
      Domain& d = domains[di];
      if (d.dvfs.governor() != Governor::kSchedutil) continue;
      integrate(d);
      d.last_util = d.gov_busy / (d.cores * period_ns) * d.dvfs.freq_mhz() / d.dvfs.max_freq_mhz();
      d.gov_busy = 0;
      request(di, d.dvfs.target(d.last_util));
    }
    sim.schedule_in(period, Band::kHardware, self, kGovernor);
  }

  void thermal_tick() {
    integrate_thermal();
    if (thermal->update_trips()) apply_caps();
    sim.schedule_in(kThermalPeriod, Band::kHardware, self, kThermal);
  }

  const spec::Soc& soc;
  Simulator& sim;
  MachineListener& listener;
  EventHandler* self;
  bool time_slice;
  Duration period;
  bool has_schedutil = false;
  std::vector<Proc> procs;
  std::vector<Domain> domains;
  std::vector<Slot> slots;
  std::vector<uint64_t> slot_gens;  // next generation of a freed slot, so stale events never match
  std::vector<size_t> free_slots;
  bool any_dirty = true;  // some processor is dirty
  bool dram_was_shared = false;  // DRAM demand exceeded its bandwidth at the last re-solve
  // Scratch space of resolve(), kept to avoid allocating on every event.
  std::vector<double> bw_demand, bw;
  std::vector<size_t> active, order;
  std::vector<DomainSample> samples;  // sample()'s result
  std::optional<ThermalModel> thermal;
  Time thermal_since;
  double thermal_power_mw = 0;  // the total power since thermal_since
  Time sample_start;
  double attributed_mj = 0;  // of finished inferences
  double peak_temp = -273.15;
};

Machine::Machine(const spec::Soc& soc, const spec::DvfsPolicy& dvfs, bool time_slice_accelerators, Simulator& sim,
                 MachineListener& listener)
    : impl_(std::make_unique<Impl>(soc, dvfs, time_slice_accelerators, sim, listener, this)) {}

Machine::~Machine() = default;

void Machine::start() {
  for (const auto& d : impl_->domains) impl_->listener.on_frequency(d.processor, std::max(0, d.cluster), d.dvfs.freq_mhz());
  if (impl_->thermal) impl_->peak_temp = impl_->thermal->temperature_c();
  impl_->resolve();  // every processor's idle power, for the thermal model
  if (impl_->has_schedutil) impl_->sim.schedule_in(impl_->period, Band::kHardware, this, kGovernor);
  if (impl_->thermal) impl_->sim.schedule_in(kThermalPeriod, Band::kHardware, this, kThermal);
}

void Machine::submit(int processor, const Job& job) {
  Proc& p = impl_->procs[static_cast<size_t>(processor)];
  if (p.queue.empty() && impl_->can_start(p)) {
    impl_->begin(processor, job);  // what start_waiting would do, without the queue's round trip
  } else {
    p.queue.push_back(job);
    impl_->start_waiting(p, processor);
  }
  impl_->resolve();
}

size_t Machine::waiting(int processor) const { return impl_->procs[static_cast<size_t>(processor)].queue.size(); }
size_t Machine::running(int processor) const { return impl_->procs[static_cast<size_t>(processor)].running.size(); }

void Machine::set_background_load(int processor, double frac) {
  Proc& p = impl_->procs[static_cast<size_t>(processor)];
  p.background = frac;  // in force from the re-solve below: the integrals up to now stand
  impl_->mark_dirty(p);
  impl_->resolve();
}
double Machine::background_load(int processor) const { return impl_->procs[static_cast<size_t>(processor)].background; }

void Machine::set_online(int processor, bool online) {
  Proc& p = impl_->procs[static_cast<size_t>(processor)];
  impl_->integrate_domains(p);  // its idle power changes now
  p.online = online;
  impl_->mark_dirty(p);
  impl_->start_waiting(p, processor);
  impl_->resolve();
}
bool Machine::online(int processor) const { return impl_->procs[static_cast<size_t>(processor)].online; }

void Machine::set_ambient(double celsius) {
  if (!impl_->thermal) return;
  impl_->integrate_thermal();
  impl_->thermal->set_ambient(celsius);
}

void Machine::set_forced_cap(int processor, double frac) {
  for (auto di : impl_->procs[static_cast<size_t>(processor)].domains) impl_->domains[di].forced_cap = frac;
  impl_->apply_caps();
}

const std::vector<DomainSample>& Machine::sample() {
  for (auto& d : impl_->domains) impl_->integrate(d);
  const Duration dt = impl_->sim.now() - impl_->sample_start;
  impl_->sample_start = impl_->sim.now();
  std::vector<DomainSample>& out = impl_->samples;
  out.clear();
  for (auto& d : impl_->domains) {
    DomainSample s{d.processor, std::max(0, d.cluster), 0, d.dvfs.freq_mhz(), 0};
    if (dt > Duration{}) {
      s.utilisation = d.sample_busy / (d.cores * static_cast<double>(dt.count_ns()));
      s.power_mw = d.sample_mj / dt.to_s();
    }
    d.sample_busy = 0;
    d.sample_mj = 0;
    out.push_back(s);
  }
  return out;
}

double Machine::temperature_c() {
  impl_->integrate_thermal();
  return impl_->thermal ? impl_->thermal->temperature_c() : 0.0;
}

EnergyReport Machine::energy() {
  impl_->integrate_all();
  EnergyReport r;
  for (const auto& p : impl_->procs) {
    r.processor_mj.push_back(p.energy_mj);
    r.processor_idle_mj.push_back(p.idle_mj);
    r.total_mj += p.energy_mj;
    r.idle_mj += p.idle_mj;
  }
  r.attributed_mj = impl_->attributed_mj;
  for (const auto& s : impl_->slots)
    if (s.used) r.attributed_mj += s.energy_mj;
  // Busy power not attributed to an inference: background load. Non-negative by construction; the
  // max drops a rounding residue of the three sums (~1e-10 mJ) where there is none.
  r.background_mj = std::max(0.0, r.total_mj - r.idle_mj - r.attributed_mj);
  r.peak_temp_c = impl_->thermal ? impl_->peak_temp : 0.0;
  return r;
}

const char* Machine::event_name(uint32_t kind) const {
  static constexpr const char* kNames[] = {"inference done", "DVFS transition", "governor tick", "thermal step"};
  return kind < std::size(kNames) ? kNames[kind] : "machine";
}

void Machine::on_event(const Event& e) {
  switch (e.kind) {
    case kDone: {
      const size_t s = index_of(e.arg);
      if (s < impl_->slots.size() && impl_->slots[s].used && impl_->slots[s].gen == gen_of(e.arg)) impl_->finish(s);
      break;
    }
    case kTransition: {
      const size_t di = index_of(e.arg);
      if (impl_->domains[di].transition_gen == gen_of(e.arg)) impl_->apply_transition(di);
      break;
    }
    case kGovernor: impl_->governor_tick(); break;
    case kThermal: impl_->thermal_tick(); break;
    default: break;
  }
}

}  // namespace socsim::hw
