// The app's loaded models and the memory they hold against what the OS lets the app use.
//
// Policy when the footprint no longer fits (a load, or memory pressure shrinking what is
// available): the low-memory killer unloads the app's largest ready model (ties: the oldest
// load) until it fits — as Android's LMK reclaims the biggest consumer first. A model that does
// not fit even alone is not loaded (the load fails). Models still loading are never killed.
#pragma once

#include <cstdint>
#include <vector>

namespace socsim {

class ModelMemory {
 public:
  struct Model {
    uint32_t task = 0;
    int32_t design = -1;
    double mib = 0;
    uint64_t order = 0;  // load order, for ties
    bool ready = false;
  };

  explicit ModelMemory(double available_mib) : available_(available_mib) {}

  const Model* find(uint32_t task, int32_t design) const;
  // Registers a load (not ready yet). Returns the models killed to make room. `fits` is false
  // when the model does not fit even alone; then nothing changes.
  std::vector<Model> load(uint32_t task, int32_t design, double mib, bool& fits);
  void set_ready(uint32_t task, int32_t design);
  // Removes the model (ready or loading); false when it was not loaded.
  bool unload(uint32_t task, int32_t design);
  // Changes what is available; returns the models killed to fit.
  std::vector<Model> set_available(double mib);

  double footprint_mib() const;
  double available_mib() const { return available_; }

 private:
  std::vector<Model> kill_until_fits();

  std::vector<Model> models_;
  double available_;
  uint64_t next_order_ = 0;
};

}  // namespace socsim
