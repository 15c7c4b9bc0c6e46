#pragma once
// Local file handles for transfers (implemented in client/transfer/local_file.hpp).
#include "client/transfer/local_file.hpp"

namespace cli {
using client::transfer::TempFile;
using client::transfer::UniqueFd;
using client::transfer::write_all;
} // namespace cli
