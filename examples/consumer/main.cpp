// The project's program: it uses the descriptor's compile-time numbers; the reports are written at
// build time by archdesc_add_report (CMakeLists.txt).
#include "small_resnext.hpp"

#include <archdesc/parameter_table.hpp>

#include <cstdio>

int main() {
  constexpr auto& table = archdesc::parameter_table<consumer::small_resnext>;
  static_assert(table.name(0) == "conv1.weight");
  std::printf("small_resnext: %lld parameters in %lld tensors, %lld multiply-accumulates per 3x224x224 image\n",
              static_cast<long long>(archdesc::parameter_count<consumer::small_resnext>),
              static_cast<long long>(archdesc::tensor_count<consumer::small_resnext>),
              static_cast<long long>(archdesc::macs<consumer::small_resnext>));
}
