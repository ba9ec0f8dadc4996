// Every query of a wrong descriptor fails with the message valid<> fails with (QUERY_...).
#include <archdesc/parameter_table.hpp>
#include <architectures/torchvision/mobilenet_v2.hpp>

constexpr archdesc::mobilenet_v2::model net{.inverted_residual_setting = {{1, 16, 1, 1}, {6, 24, 2, 3}}};

#if defined(QUERY_VALID)
static_assert(archdesc::valid<net>);
#elif defined(QUERY_PARAMETER_COUNT)
static_assert(archdesc::parameter_count<net> > 0);
#elif defined(QUERY_TENSOR_COUNT)
static_assert(archdesc::tensor_count<net> > 0);
#elif defined(QUERY_ACTIVE_PARAMETER_COUNT)
static_assert(archdesc::active_parameter_count<net> > 0);
#elif defined(QUERY_TOTALS_BY_FORM)
static_assert(archdesc::totals_by_form<net>.tensors[1] > 0);
#elif defined(QUERY_MACS)
static_assert(archdesc::macs<net> > 0);
#elif defined(QUERY_OUTPUT_SHAPE)
static_assert(archdesc::output_shape<net>.rank == 2);
#elif defined(QUERY_PARAMETER_TABLE)
static_assert(archdesc::parameter_table<net>.size() > 0);
#endif
