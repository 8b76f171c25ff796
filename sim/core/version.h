// socsim's version and the git commit it was built from (generated at build time).
#pragma once

namespace socsim {

const char* version();
const char* git_commit();

}  // namespace socsim
