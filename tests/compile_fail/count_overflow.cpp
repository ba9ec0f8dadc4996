// Linear layers whose weights add up to more parameters than a 64-bit count holds
// (each weight has (2^31 - 1)^2, about 2^62, elements).
#include <archdesc/archdesc.hpp>

#include <limits>

using namespace archdesc;

struct huge {
  static constexpr std::string_view type_name = "Huge";
  static constexpr int width = std::numeric_limits<int>::max();
  shape input{width};
  constexpr shape forward(scope& self, shape x) const {
    for (int i = 0; i < 3; ++i) x = self(linear{.in_features = width, .out_features = width, .bias = false}, x);
    return x;
  }
};

static_assert(parameter_count<huge{}> > 0);
