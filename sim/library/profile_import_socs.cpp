// SoC files by name: the folder beside a model library, its SoC names, loading one by name.
#include <fmt/format.h>

#include <filesystem>

#include "sim/config/config.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/library/profile_import.h"

namespace socsim::config {

namespace fs = std::filesystem;

std::string default_socs_dir(const std::string& models_dir) {
  return (fs::path(models_dir) / ".." / "socs").lexically_normal().string();
}

std::vector<std::string> soc_names(const std::string& socs_dir) {
  std::vector<std::string> names;
  for (const std::string& f : json_files_in(socs_dir)) names.push_back(fs::path(f).stem().string());
  return names;  // json_files_in sorts by file name, so by stem
}

spec::Soc load_soc_named(const std::string& socs_dir, const std::string& name) {
  const std::string path = (fs::path(socs_dir) / (name + ".json")).string();
  std::error_code ec;
  Diagnostics d;
  if (!fs::is_regular_file(path, ec)) {
    Reporter(d, socs_dir).error({}, unknown_name("SoC", name, soc_names(socs_dir)));
    d.throw_all();
  }
  spec::Soc soc = load_soc(path);
  if (soc.name != name) {
    Reporter(d, path).error(Pointer() / "name", fmt::format("SoC is named {} (expected {}, the name of its file)",
                                                            quote(soc.name), quote(name)));
    d.throw_all();
  }
  return soc;
}

}  // namespace socsim::config
