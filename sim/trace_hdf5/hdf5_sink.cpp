#include "sim/trace_hdf5/hdf5_sink.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include "sim/trace_hdf5/background_flush.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/schema.h"
#include "sim/trace_hdf5/table.h"
#include "sim/trace_hdf5/trace_file.h"
#include "sim/trace_hdf5/write_queue.h"

namespace socsim::trace {
namespace {

constexpr size_t kMaxPendingBlocks = 4;
constexpr size_t kMaxChunkRows = size_t{1} << 26;  // 512 MiB chunks of 8-byte values; HDF5 caps at 4 GiB
constexpr off_t kFlushBytes = off_t{1} << 20;

// The writer thread's idle job: asks for a background flush each time the file has grown by
// kFlushBytes since the last request (a quickstart hour's trace, 8.5 MB, publishes ~8 ms sooner
// here). A trace under kFlushBytes is left to the publication's fsync alone.
WriteQueue::Job request_flushes(int fd, BackgroundFlush& flush) {
  return [fd, &flush, requested = off_t{0}]() mutable {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size - requested < kFlushBytes) return;
    flush.request();
    requested = st.st_size;
  };
}

class Hdf5Sink final : public TraceSink {
 public:
  Hdf5Sink(std::string final_path, Hdf5SinkOptions opts)
      : final_path_(std::move(final_path)),
        opts_(opts),
        tables_(schema::kRequests, schema::kExecutions, schema::kEvents, schema::kSwitches, schema::kDvfs,
                schema::kSamples, schema::kSummary, schema::kEnergy) {}

  ~Hdf5Sink() override {
    if (state_ == State::kOpen) discard();
  }

  void begin(const RunInfo& info) override;
  void on_request(const RequestRecord& r) override { table<RequestRecord>().append(r); }
  void on_execution(const ExecutionRecord& r) override { table<ExecutionRecord>().append(r); }
  void on_event(const EventRecord& r) override { table<EventRecord>().append(r); }
  void on_switch(const SwitchRecord& r) override { table<SwitchRecord>().append(r); }
  void on_dvfs(const DvfsRecord& r) override { table<DvfsRecord>().append(r); }
  void on_sample(const SampleRecord& r) override { table<SampleRecord>().append(r); }
  void end(const RunSummary& summary) override {
    finish(summary, final_path_, nullptr);
    std::remove(interrupted_trace_path(final_path_).c_str());  // a complete run supersedes an earlier partial one
  }
  void end_incomplete(const RunSummary& summary, const StopInfo& why) override {
    finish(summary, interrupted_trace_path(final_path_), &why);
  }
  void abort() override {
    if (state_ == State::kOpen) discard();
  }

 private:
  enum class State { kNew, kOpen, kClosed };

  template <class Rec>
  Table<Rec>& table() {
    return std::get<Table<Rec>>(tables_);
  }
  template <class F>
  void for_each_table(F f) {
    std::apply([&](auto&... t) { (f(t), ...); }, tables_);
  }
  // Creates the file and its tables' groups; a queue job (under the HDF5 lock).
  void open_file(const RunInfo& info);
  // Writes the summary, completes and closes the file and publishes it as `path`; `why` marks it
  // as incomplete.
  void finish(const RunSummary& summary, const std::string& path, const StopInfo* why);
  void discard() noexcept;

  std::string final_path_;
  std::unique_ptr<PendingOutput> output_;   // the claim on final_path_ and the temporary written
  std::unique_ptr<BackgroundFlush> flush_;  // of output_'s file; requested by queue_'s idle job
  Hdf5SinkOptions opts_;
  State state_ = State::kNew;
  std::unique_ptr<WriteQueue> queue_;
  std::unique_ptr<TraceFile> file_;  // touched only under the HDF5 lock
  // Group order in the file follows this tuple.
  std::tuple<Table<RequestRecord>, Table<ExecutionRecord>, Table<EventRecord>, Table<SwitchRecord>, Table<DvfsRecord>,
             Table<SampleRecord>, Table<TaskSummary>, Table<ProcessorEnergy>>
      tables_;
};

void Hdf5Sink::begin(const RunInfo& info) {
  if (state_ != State::kNew) throw std::logic_error("Hdf5Sink::begin() called twice");
  state_ = State::kOpen;
  try {
    output_ = std::make_unique<PendingOutput>(final_path_, Contention::kRefuse);
    flush_ = std::make_unique<BackgroundFlush>(output_->fd(), output_->temp_path());
    queue_ = std::make_unique<WriteQueue>(output_->temp_path(), opts_.background_writer, kMaxPendingBlocks,
                                          request_flushes(output_->fd(), *flush_));
    for_each_table([&](auto& t) { t.open(*queue_, opts_.chunk_rows); });
    // The writer's first job (the background writer idles until a first block is full anyway):
    // the simulation starts without waiting for HDF5. Its failure surfaces as a write error does.
    queue_->submit([this, info] { open_file(info); });
  } catch (...) {
    discard();
    throw;
  }
}

void Hdf5Sink::open_file(const RunInfo& info) {
  file_ = std::make_unique<TraceFile>(output_->open_path(), info, Codec{opts_.compression, opts_.deflate_level});
  for_each_table([&](auto& t) {
    t.attach(file_->add_table(t.spec().name, t.spec().description, t.columns(), opts_.chunk_rows));
  });
}

void Hdf5Sink::finish(const RunSummary& summary, const std::string& path, const StopInfo* why) {
  if (state_ != State::kOpen) throw std::logic_error("Hdf5Sink::end() without an open trace");
  try {
    for (const TaskSummary& row : summary.tasks) table<TaskSummary>().append(row);
    for (const ProcessorEnergy& row : summary.processors) table<ProcessorEnergy>().append(row);
    for_each_table([](auto& t) { t.finish(); });
    queue_->submit([this, &summary, why] {
      file_->write_summary(summary, schema::kSummary.name);
      if (why) file_->mark_incomplete("interrupted", why->reason, why->message);
      file_->close();
    });
    queue_->drain();
    queue_->stop();
    // A background flush may still be running: the publication's fsync waits on the disk beside it
    // instead of after it, and the flush's errors, which that fsync may not see, are checked
    // before the rename.
    output_->publish(path, [this] { flush_->finish(); });
    state_ = State::kClosed;
  } catch (...) {
    discard();
    throw;
  }
}

// Stops the writer, closes whatever is still open and removes the temporary. Truncating first
// gives back the disk space, so that after a failed chunk write ("disk full") HDF5 can still
// flush its metadata and close the file (see h5::Lock for when it cannot).
void Hdf5Sink::discard() noexcept {
  if (queue_) queue_->stop();
  flush_.reset();
  if (output_ && output_->fd() >= 0) static_cast<void>(::ftruncate(output_->fd(), 0));
  {
    h5::Lock hdf5;
    file_.reset();
  }
  output_.reset();
  state_ = State::kClosed;
}

}  // namespace

std::string interrupted_trace_path(const std::string& final_path) {
  constexpr std::string_view kExt = ".h5";
  const std::string_view p = final_path;
  if (p.size() > kExt.size() && p.substr(p.size() - kExt.size()) == kExt && p[p.size() - kExt.size() - 1] != '/')
    return final_path.substr(0, p.size() - kExt.size()) + ".interrupted.h5";
  return final_path + ".interrupted.h5";
}

std::unique_ptr<TraceSink> make_hdf5_sink(const std::string& final_path, Hdf5SinkOptions opts) {
  if (opts.chunk_rows < 1 || opts.chunk_rows > kMaxChunkRows) {
    throw std::invalid_argument("Hdf5SinkOptions::chunk_rows must be in [1, 2^26], got " +
                                std::to_string(opts.chunk_rows));
  }
  if (!compression_from_name(compression_name(opts.compression))) {
    throw std::invalid_argument("Hdf5SinkOptions::compression is not one of lz4, deflate, none");
  }
  if (opts.deflate_level < 0 || opts.deflate_level > 9) {
    throw std::invalid_argument("Hdf5SinkOptions::deflate_level must be in [0, 9], got " +
                                std::to_string(opts.deflate_level));
  }
  return std::make_unique<Hdf5Sink>(final_path, opts);
}

}  // namespace socsim::trace
