#include "sim/trace_hdf5/trace_file.h"

namespace socsim::trace {
namespace {

// Threads deflating a block's columns: the writer's and one helper. The machines socsim is
// measured on have two cores, one of them running the simulation; more would only contend.
// (LZ4 and raw chunks are encoded on the writer's thread alone: see BatchEncoder.)
constexpr size_t kCompressionThreads = 2;

}  // namespace

TraceFile::TraceFile(const std::string& path, const RunInfo& info, Codec codec)
    : file_(h5::create_file(path)), codec_(codec), encoder_(codec, kCompressionThreads) {
  write_provenance(info);
  write_config(info.config_json);
}

void TraceFile::write_provenance(const RunInfo& info) {
  const hid_t root = file_.get();
  h5::set_attr(root, "schema", std::string(kSchemaName));
  h5::set_attr(root, "schema_version", int64_t{kSchemaVersion});
  h5::set_attr(root, "socsim_version", info.socsim_version);
  h5::set_attr(root, "git_commit", info.git_commit);
  h5::set_attr(root, "command_line", info.command_line);
  h5::set_attr(root, "seed", info.seed);
  h5::set_attr(root, "scheduler", info.scheduler);
  h5::set_attr(root, "soc", info.soc);
  h5::set_attr(root, "scenario", info.scenario);
  h5::set_attr(root, "config_sha256", info.config_sha256);
  h5::set_attr(root, "time_unit", std::string("ns"));
}

void TraceFile::write_config(const std::map<std::string, std::string>& config_json) {
  h5::Hid group = h5::create_group(file_.get(), "config");
  for (const auto& [name, json] : config_json) {
    h5::Hid ds = h5::write_string(group.get(), name, json);
    h5::set_attr(ds.get(), "description", "resolved " + name + " input, defaults included, as JSON");
  }
}

TableWriter& TraceFile::add_table(const std::string& name, const std::string& description,
                                  std::vector<ColumnMeta> columns, size_t chunk_rows) {
  const h5::ColumnLayout layout{chunk_rows, codec_};
  tables_.push_back(
      std::make_unique<TableWriter>(file_.get(), name, description, std::move(columns), layout, encoder_));
  return *tables_.back();
}

void TraceFile::write_summary(const RunSummary& summary, const std::string& summary_table) {
  h5::Hid totals(H5Gopen2(file_.get(), summary_table.c_str(), H5P_DEFAULT), H5Gclose,
                 "cannot open group " + summary_table);
  h5::set_attr(totals.get(), "events", summary.events);
  h5::set_attr(totals.get(), "sim_time_ns", summary.sim_time_ns);
  h5::set_attr(totals.get(), "energy_mj", summary.energy_mj);
  h5::set_attr(totals.get(), "attributed_energy_mj", summary.attributed_energy_mj);
  h5::set_attr(totals.get(), "background_energy_mj", summary.background_energy_mj);
  h5::set_attr(totals.get(), "idle_energy_mj", summary.idle_energy_mj);
  h5::set_attr(totals.get(), "peak_temp_c", summary.peak_temp_c);
  h5::set_attr(totals.get(), "peak_memory_mib", summary.peak_memory_mib);
  h5::set_attr(totals.get(), "storage_mib", summary.storage_mib);
  h5::set_attr(totals.get(), "served_size_mib", summary.served_size_mib);
  h5::set_attr(totals.get(), "switches", summary.switches);
  h5::set_attr(totals.get(), "switch_time_ns", summary.switch_time_ns);
  h5::set_attr(totals.get(), "solve_time_ns", summary.solve_time_ns);

  h5::Hid group = h5::create_group(file_.get(), "lookup");
  for (const auto& [name, names] : summary.lookups) {
    h5::Hid ds = h5::write_strings(group.get(), name, names);
    h5::make_dimension_scale(ds.get(), name);
    h5::set_attr(ds.get(), "description", "names that integer " + name + " ids index");
  }
}

void TraceFile::mark_incomplete(const std::string& status, const std::string& reason, const std::string& message) {
  h5::set_attr(file_.get(), "status", status);
  h5::set_attr(file_.get(), "stop_reason", reason);
  h5::set_attr(file_.get(), "stop_message", message);
}

void TraceFile::close() {
  for (auto& table : tables_) table->close();
  file_.close("cannot close file");
}

}  // namespace socsim::trace
