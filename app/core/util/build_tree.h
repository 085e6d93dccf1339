#pragma once
/// Whether this program runs from the build tree it was compiled in (developers, tests) rather than
/// from an installed package. Decides where default files are looked for, so an installed binary never
/// picks up a stray source checkout's configuration.
#include <string>

namespace kartoteka::util {

bool running_from_build_tree();
/// The prefix an installed program runs from: /usr for /usr/bin/kartoteka.
std::string install_prefix();
/// The source tree this program was built from ("" when unknown).
std::string source_dir();

}  // namespace kartoteka::util
