// Misuse of the scope: a child registered twice under one name, a parameter registered twice, a
// child and a parameter of the same name, a buffer and a parameter of the same name, a module with
// buffers called again under its name or tied, a module with weights or buffers applied as a
// function. Each case (CASE_...) must fail with its message: valid<>'s, or for buffers, which the
// parameter queries skip, the state queries'.
#include <archdesc/archdesc.hpp>

using namespace archdesc;

struct net {
  static constexpr std::string_view type_name = "Net";
  constexpr shape forward(scope& self, shape x) const {
#if defined(CASE_CHILD_TWICE)
    x = self("fc", linear{.in_features = 8, .out_features = 8}, x);
    return self("fc", linear{.in_features = 8, .out_features = 4}, x);
#elif defined(CASE_PARAMETER_TWICE)
    self.parameter("scale", {8});
    self.parameter("scale", {8});
    return x;
#elif defined(CASE_CHILD_AND_PARAMETER)
    self.parameter("fc", {8});
    return self("fc", linear{.in_features = 8, .out_features = 4}, x);
#elif defined(CASE_PARAMETERLESS_AGAIN_WITH_ANOTHER_TYPE)
    x = self("act", relu, x);
    return self("act", gelu, x);
#elif defined(CASE_INDEX_TWICE)
    x = self(linear{.in_features = 8, .out_features = 8}, x);  // "0"
    return self(child_name("", 0), linear{.in_features = 8, .out_features = 8}, x);
#elif defined(CASE_CALL_WITH_WEIGHTS)
    return self.call(linear{.in_features = 8, .out_features = 2}, x);
#elif defined(CASE_BUFFER_AND_PARAMETER)
    self.parameter("scale", {8});
    self.buffer("scale", {8});
    return x;
#elif defined(CASE_BUFFERS_AGAIN)
    const batch_norm2d bn{.num_features = 8, .affine = false};
    x = self("bn", bn, shape{1, 8, 2, 2});
    return self("bn", bn, x);
#elif defined(CASE_TIED_WITH_BUFFERS)
    return self.tied("bn", batch_norm2d{8}, shape{1, 8, 2, 2});
#elif defined(CASE_CALL_WITH_BUFFERS)
    return self.call(frozen_batch_norm2d{8}, shape{1, 8, 2, 2});
#endif
  }
  shape input{8};
};

static_assert(valid<net{}>);
static_assert(state_dict_tensor_count<net{}> > 0);  // the pass that declares the buffers
