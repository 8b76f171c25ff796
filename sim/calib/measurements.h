// Public latency measurements (models/measurements/*.csv) and their validation.
//
// Three files in one directory:
//   latency.csv  soc,processor,threads,runtime,model,precision,ms,source,notes — one measured mean
//                latency per row; every row names its source (URL or repository path).
//   socs.csv     soc,clusters,description,source — measured devices that are not presets; clusters
//                "count@speed+..." fastest first, speed relative to the fastest core (empty: the
//                device has accelerator rows only).
//   models.csv   model,library_variant,description,source — the models rows may name.
// A row is valid when its SoC is a preset or in socs.csv (and has a processor of that kind), its
// model is in models.csv, CPU rows give 1..cores threads and accelerator rows none, ms is a
// positive number, the source is not empty and no other row has the same key. Every bad row is
// reported as "file:line: error: column: message" in one ConfigError (exit code 2).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/spec/soc.h"

namespace socsim::calib {

// A measured device's CPU: clusters fastest first, per-core speed relative to the fastest core.
struct Device {
  struct Cluster {
    int cores = 0;
    double speed = 1;
  };
  std::string name;
  bool preset = false;                 // one of socs/*.json
  std::vector<Cluster> clusters;       // empty: no CPU rows allowed
  std::set<std::string> processors;    // processor kinds rows may name ("cpu", "gpu", ...)
  int total_cores() const;
};

struct Measurement {
  std::string soc, processor, runtime, model, precision, source, notes;
  int threads = 0;  // CPU rows only
  double ms = 0;
  int line = 0;     // 1-based line in latency.csv
};

struct MeasurementSet {
  std::string file;  // latency.csv as named
  std::vector<Measurement> rows;
  std::map<std::string, Device> devices;
  std::map<std::string, std::string> models;  // model -> library variant ("" if none)
};

// The device of a preset: cluster speeds capacity / 1024 (the engine's default DNN speed; the
// stated dnn_speed is not read, so calibrating it does not read its own output).
Device device_of(const spec::Soc& soc);

// Loads and validates dir/{latency,socs,models}.csv against the presets (name -> SoC).
MeasurementSet load_measurements(const std::string& dir, const std::map<std::string, spec::Soc>& presets);


}  // namespace socsim::calib
