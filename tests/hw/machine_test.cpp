// Closed-form checks of the hardware model: contention shares, DVFS scaling, energy, thermal.
#include "sim/hw/machine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "tests/hw/machine_fixture.h"

namespace socsim {
namespace {

using testing::job;

constexpr int kCpu = 0, kGpu = 1;

struct Rig {
  explicit Rig(spec::DvfsPolicy policy = {}, bool time_slice = false, spec::Soc s = testing::machine_soc())
      : soc(std::move(s)), dvfs(std::move(policy)), machine(soc, dvfs, time_slice, sim, rec) {
    machine.start();
  }
  double finish_ms(uint64_t id) const { return static_cast<double>(rec.of(id).finish_ns) * 1e-6; }
  spec::Soc soc;
  spec::DvfsPolicy dvfs;
  Simulator sim;
  testing::Recorder rec;
  hw::Machine machine;
};

TEST(MachineCpu, AnInferenceAloneRunsInItsWork) {
  Rig r;
  r.machine.submit(kCpu, job(1, 10, 4));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_DOUBLE_EQ(r.finish_ms(1), 10.0);
}

TEST(MachineCpu, TwoFourThreadInferencesOnFourBigCoresShareThemHalfEach) {
  // 8 runnable threads on 4 big cores: each thread gets half a core, both finish at 2 x 10 ms.
  Rig r;
  r.machine.submit(kCpu, job(1, 10, 4));
  r.machine.submit(kCpu, job(2, 10, 4));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 20.0, 1e-6);
  EXPECT_NEAR(r.finish_ms(2), 20.0, 1e-6);
}

TEST(MachineCpu, BackgroundLoadBelowHalfACoreTakesItsShareAboveItIsHeldToHalf) {
  Rig light, heavy;
  light.machine.set_background_load(kCpu, 0.2);  // our threads keep 0.8 of each core
  heavy.machine.set_background_load(kCpu, 0.9);  // max-min fair: 0.5 each
  light.machine.submit(kCpu, job(1, 8, 4));
  heavy.machine.submit(kCpu, job(1, 8, 4));
  light.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  heavy.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(light.finish_ms(1), 8.0 / 0.8, 1e-6);
  EXPECT_NEAR(heavy.finish_ms(1), 8.0 / 0.5, 1e-6);
}

TEST(MachineCpu, ThreadsSpanningClustersWaitForTheSlowestThread) {
  // Halving only the little cluster's clock slows an 8-thread inference (4 big + 4 little
  // threads) through its straggler, T ~ (1-p)/v_main + p/(t v_min): with p = 0.9,
  // (0.1 + 0.9/(8 x 0.125)) / (0.1 + 0.9/(8 x 0.25)) = 1.0 / 0.55; a 4-thread inference on the
  // big cores is untouched.
  spec::DvfsPolicy slow_little;
  slow_little.governor = "userspace";
  slow_little.userspace_freq_mhz = {{"cpu.big", 1000}, {"cpu.little", 500}, {"gpu", 500}};
  Rig r(slow_little);
  r.machine.submit(kCpu, job(1, 10, 8, 0.9));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  r.machine.submit(kCpu, job(2, 10, 4, 0.9));
  r.sim.run_until(Time::from_ns(Duration::s(2).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 10.0 / 0.55, 1e-5);
  EXPECT_NEAR(r.finish_ms(2) - 1000.0, 10.0, 1e-6);
}

TEST(MachineAccelerator, FifoSerialisesInferences) {
  Rig r;
  r.machine.submit(kGpu, job(1, 4));
  r.machine.submit(kGpu, job(2, 4));
  EXPECT_EQ(r.machine.running(kGpu), 1u);
  EXPECT_EQ(r.machine.waiting(kGpu), 1u);
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 4.0, 1e-6);
  EXPECT_NEAR(r.finish_ms(2), 8.0, 1e-6);
}

TEST(MachineAccelerator, TimeSlicingSharesTheUnitEqually) {
  Rig r({}, /*time_slice=*/true);
  r.machine.submit(kGpu, job(1, 4));
  r.machine.submit(kGpu, job(2, 4));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 8.0, 1e-6);
  EXPECT_NEAR(r.finish_ms(2), 8.0, 1e-6);
}

TEST(MachineAccelerator, OfflineProcessorFreezesWorkUntilItReturns) {
  Rig r;
  r.machine.submit(kGpu, job(1, 10));
  r.sim.run_until(Time::from_ns(Duration::ms(4).count_ns()));
  r.machine.set_online(kGpu, false);
  r.sim.run_until(Time::from_ns(Duration::ms(50).count_ns()));
  EXPECT_TRUE(r.rec.done.empty());
  r.machine.set_online(kGpu, true);
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 56.0, 1e-6);  // 4 ms done, 46 ms frozen, 6 ms left
}

TEST(MachineMemory, DramBandwidthIsSharedMaxMinOverMemoryBoundParts) {
  // Two inferences, each half memory-bound and wanting 30 GB/s, on 40 GB/s: each gets 20,
  // so the memory part runs 1.5x slower: T = 10 * (0.5 + 0.5 * 1.5) = 12.5 ms.
  Rig r;
  r.machine.submit(kGpu, job(1, 10, 0, 1.0, 0.5, 30));
  r.machine.submit(kCpu, job(2, 10, 4, 1.0, 0.5, 30));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 12.5, 1e-6);
  EXPECT_NEAR(r.finish_ms(2), 12.5, 1e-6);
}

TEST(MachineMemory, WhenDramContentionEndsAnInferenceOnAnotherProcessorSpeedsUp) {
  // As above, but the CPU inference has 20 ms of work: both run at 1 / 1.25 until the GPU one
  // ends at 12.5 ms, when the CPU one has done 10 ms. Its processor is untouched by that end, yet
  // DRAM is no longer contended, so its last 10 ms run at full speed: it ends at 22.5 ms (25 ms
  // if its rate were left as it was).
  Rig r;
  r.machine.submit(kGpu, job(1, 10, 0, 1.0, 0.5, 30));
  r.machine.submit(kCpu, job(2, 20, 4, 1.0, 0.5, 30));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 12.5, 1e-6);
  EXPECT_NEAR(r.finish_ms(2), 22.5, 1e-6);
}

TEST(MachineDvfs, ComputeBoundPartScalesWithFrequencyMemoryBoundPartDoesNot) {
  spec::DvfsPolicy half;
  half.governor = "userspace";
  half.userspace_freq_mhz = {{"gpu", 250}};  // half the 500 MHz reference
  Rig r(half);
  r.machine.submit(kGpu, job(1, 10, 0, 1.0, 0.0));  // compute-bound: 20 ms
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  r.machine.submit(kGpu, job(2, 10, 0, 1.0, 0.4));  // 6 ms x 2 + 4 ms = 16 ms
  r.sim.run_until(Time::from_ns(Duration::s(2).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 20.0, 1e-6);
  EXPECT_NEAR(r.finish_ms(2) - 1000.0, 16.0, 1e-6);
}

TEST(MachineDvfs, PowersaveRunsAtTheLowestPointAndSchedutilFollowsUtilisation) {
  spec::DvfsPolicy save;
  save.governor = "powersave";
  Rig r(save);
  r.machine.submit(kGpu, job(1, 10));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  EXPECT_NEAR(r.finish_ms(1), 20.0, 1e-6);

  spec::DvfsPolicy sched;
  sched.governor = "schedutil";
  Rig idle(sched);  // no work: utilisation 0, so schedutil drops to the lowest point
  idle.sim.run_until(Time::from_ns(Duration::ms(100).count_ns()));
  // The first three reports are the initial frequencies (the top points), then the drops.
  ASSERT_EQ(idle.rec.freqs.size(), 6u);
  for (size_t i = 3; i < 6; ++i) EXPECT_EQ(idle.rec.freqs[i].mhz, 500.0 / (idle.rec.freqs[i].processor == kGpu ? 2 : 1));
}

TEST(MachineEnergy, AttributedBackgroundAndIdleEnergyAddUpToThePowerIntegral) {
  Rig r;
  r.machine.submit(kGpu, job(1, 10));     // 500 mW busy for 10 ms = 5 mJ
  r.machine.submit(kCpu, job(2, 20, 4));  // 4 cores x 300 mW for 20 ms = 24 mJ
  r.machine.set_background_load(kCpu, 0.25);
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  const auto e = r.machine.energy();
  EXPECT_NEAR(r.rec.of(1).energy_mj, 5.0, 1e-9);
  // With 25 % background the CPU job's threads get 0.75 of a core: 20/0.75 ms at 0.75 x 4 x 300 mW.
  // (1e-6 mJ: completions round up to whole nanoseconds, here 1/3 ns at 900 mW.)
  EXPECT_NEAR(r.rec.of(2).energy_mj, 24.0, 1e-6);
  // Idle: big 20 mW + little 10 mW + GPU 30 mW for 1 s = 60 mJ.
  EXPECT_NEAR(e.idle_mj, 60.0, 1e-9);
  // Background: 0.25 of each of 8 cores for 1 s: 4 x 0.25 x 300 + 4 x 0.25 x 50 mW = 350 mJ.
  EXPECT_NEAR(e.background_mj, 350.0, 1e-6);
  EXPECT_NEAR(e.attributed_mj, 29.0, 1e-6);
  EXPECT_NEAR(e.total_mj, e.attributed_mj + e.background_mj + e.idle_mj, 1e-9);
  double per_processor = 0;
  for (double x : e.processor_mj) per_processor += x;
  EXPECT_NEAR(per_processor, e.total_mj, 1e-9);
}

TEST(MachineEnergy, SampledPowerIntegratesToTheTotal) {
  Rig r;
  r.machine.set_background_load(kGpu, 0.4);
  r.machine.submit(kCpu, job(1, 30, 2));
  double integral = 0;
  for (int i = 1; i <= 10; ++i) {
    r.sim.run_until(Time::from_ns(Duration::ms(10 * i).count_ns()));
    for (const auto& s : r.machine.sample()) integral += s.power_mw * 0.010;  // mW x s = mJ
  }
  EXPECT_NEAR(integral, r.machine.energy().total_mj, 1e-6);
}

TEST(MachineEnergy, ReadingEnergyTemperatureAndSamplesMidRunChangesNoResult) {
  // Integration is lazy (each part integrates up to now when its state changes or is read), so
  // reading everything every millisecond must leave every result as in a run read only at the end.
  auto run = [](bool read_often) {
    Rig r;
    r.machine.submit(kGpu, job(1, 10));
    r.machine.submit(kCpu, job(2, 20, 4));
    r.machine.set_background_load(kCpu, 0.25);
    for (int ms = 1; ms <= 100; ++ms) {
      r.sim.run_until(Time::from_ns(Duration::ms(ms).count_ns()));
      if (ms == 30) r.machine.submit(kCpu, job(3, 15, 2));
      if (read_often) {
        static_cast<void>(r.machine.energy());
        static_cast<void>(r.machine.temperature_c());
        static_cast<void>(r.machine.sample());
      }
    }
    return std::make_tuple(r.machine.energy(), r.machine.temperature_c(), r.rec.of(1).finish_ns, r.rec.of(2).finish_ns,
                           r.rec.of(3).finish_ns, r.rec.of(3).energy_mj);
  };
  const auto [e1, t1, f11, f12, f13, j13] = run(false);
  const auto [e2, t2, f21, f22, f23, j23] = run(true);
  EXPECT_EQ(f11, f21);
  EXPECT_EQ(f12, f22);
  EXPECT_EQ(f13, f23);
  EXPECT_NEAR(j13, j23, 1e-12);
  EXPECT_NEAR(e1.total_mj, e2.total_mj, 1e-9);
  EXPECT_NEAR(e1.attributed_mj, e2.attributed_mj, 1e-9);
  EXPECT_NEAR(e1.background_mj, e2.background_mj, 1e-9);
  EXPECT_NEAR(e1.idle_mj, e2.idle_mj, 1e-9);
  EXPECT_NEAR(t1, t2, 1e-12);
}

TEST(MachineThermal, TemperatureReadBetweenEventsIsOnTheClosedFormCurve) {
  // Constant power P from t = 0: T(t) = T_amb + P R (1 - exp(-t / RC)), read at any instant, not
  // only at the last event or thermal step (steps are every 100 ms; 3.05 s is between two).
  Rig r;
  r.machine.set_background_load(kCpu, 1.0);
  r.sim.run_until(Time::from_ns(Duration::ms(3050).count_ns()));
  const double power_w = (4 * 300 + 4 * 50 + 60) * 1e-3;
  EXPECT_NEAR(r.machine.temperature_c(), 25.0 + power_w * 10.0 * (1 - std::exp(-3.05 / 20.0)), 1e-9);
}

TEST(MachineThermal, TemperatureSettlesAtAmbientPlusPowerTimesResistance) {
  Rig r;
  r.machine.set_background_load(kCpu, 1.0);  // constant power: 4 x 300 + 4 x 50 + idle 60 mW
  r.sim.run_until(Time::from_ns(Duration::s(400).count_ns()));  // 20 time constants
  const double power_w = (4 * 300 + 4 * 50 + 60) * 1e-3;
  EXPECT_NEAR(r.machine.temperature_c(), 25.0 + power_w * 10.0, 1e-3);
}

TEST(MachineThermal, SustainedHeavyLoadTripsTheCapAndSlowsInference) {
  spec::Soc hot = testing::machine_soc();
  hot.thermal->trips = {{"hot", 35.0, 2.0, 0.5, {}}};  // 25 + 1.46 W x 10 = 39.6 degC > 35
  Rig r({}, false, hot);
  r.machine.submit(kGpu, job(1, 10));
  r.sim.run_until(Time::from_ns(Duration::s(1).count_ns()));
  r.machine.set_background_load(kCpu, 1.0);
  r.sim.run_until(Time::from_ns(Duration::s(200).count_ns()));
  r.machine.set_background_load(kCpu, 0.0);
  const Time t0 = r.sim.now();
  r.machine.submit(kGpu, job(2, 10));
  r.sim.run_until(t0 + Duration::s(1));
  EXPECT_NEAR(r.finish_ms(1), 10.0, 1e-6);
  EXPECT_NEAR(static_cast<double>(r.rec.of(2).finish_ns - t0.ns()) * 1e-6, 20.0, 1e-6);  // GPU capped to 250 MHz
  bool capped = false;
  for (const auto& f : r.rec.freqs) capped |= f.processor == kGpu && f.mhz == 250.0;
  EXPECT_TRUE(capped);
}

}  // namespace
}  // namespace socsim
