#include "sim/engine/model_memory.h"

#include <algorithm>

namespace socsim {

const ModelMemory::Model* ModelMemory::find(uint32_t task, int32_t design) const {
  for (const auto& m : models_)
    if (m.task == task && m.design == design) return &m;
  return nullptr;
}

double ModelMemory::footprint_mib() const {
  double sum = 0;
  for (const auto& m : models_) sum += m.mib;
  return sum;
}

std::vector<ModelMemory::Model> ModelMemory::load(uint32_t task, int32_t design, double mib, bool& fits) {
  double loading = mib;
  for (const auto& m : models_)
    if (!m.ready) loading += m.mib;
  fits = loading <= available_;
  if (!fits) return {};
  models_.push_back({task, design, mib, next_order_++, false});
  return kill_until_fits();
}

void ModelMemory::set_ready(uint32_t task, int32_t design) {
  for (auto& m : models_)
    if (m.task == task && m.design == design) m.ready = true;
}

bool ModelMemory::unload(uint32_t task, int32_t design) {
  return std::erase_if(models_, [&](const Model& m) { return m.task == task && m.design == design; }) > 0;
}

std::vector<ModelMemory::Model> ModelMemory::set_available(double mib) {
  available_ = mib;
  return kill_until_fits();
}

std::vector<ModelMemory::Model> ModelMemory::kill_until_fits() {
  std::vector<Model> killed;
  while (footprint_mib() > available_) {
    auto victim = models_.end();
    for (auto it = models_.begin(); it != models_.end(); ++it) {
      if (!it->ready) continue;
      if (victim == models_.end() || it->mib > victim->mib) victim = it;
    }
    if (victim == models_.end()) break;  // only loading models left: they stay
    killed.push_back(*victim);
    models_.erase(victim);
  }
  return killed;
}

}  // namespace socsim
