// The named models' totals from torchvision, for architectures/torchvision/raft.hpp: equal to
// Raft_Large_Weights' and Raft_Small_Weights' meta["num_params"] in torchvision 0.14 (5,257,536 and
// 990,162: built without weights, the layout is the same). Checked once, by the project's own build.
// Below them, the header's own top-comment example, compiled here so that it stays true.
#include <architectures/torchvision/raft.hpp>

namespace archdesc::raft {

static_assert(tensor_count<raft_large()> == 124 && parameter_count<raft_large()> == 5'257'536);
static_assert(tensor_count<raft_small()> == 106 && parameter_count<raft_small()> == 990'162);
// The update block's weights are shared by every flow update: more updates, the same parameters.
static_assert(parameter_count<raft_small({.num_flow_updates = 32})> == 990'162);
static_assert(output_shape<raft_large({.input = {3, 368, 768}})> == shape{1, 2, 368, 768});

}  // namespace archdesc::raft

// The example in the header's top comment, as written there: it must stay true.
namespace raft_hpp {
constexpr auto net = archdesc::raft::raft_small();
static_assert(archdesc::parameter_count<net> == 990'162);
static_assert(archdesc::output_shape<net> == archdesc::shape{1, 2, 512, 512});
}  // namespace raft_hpp
