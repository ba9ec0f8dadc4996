// archdesc/graph.hpp: one pass of a descriptor over an input shape, and the scope a module
// describes itself in.
//
// A module is a value with a type name and a forward function that receives the input shape,
// declares its parameters and children on its scope, in registration order, and returns the
// output shape, as torchvision's modules do in __init__ and forward:
//
//   struct two_convs {
//     static constexpr std::string_view type_name = "TwoConvs";
//     int channels;
//     constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
//       x = self("conv1", archdesc::conv2d{.in_channels = channels, .out_channels = channels, .kernel_size = 3, .padding = 1}, x);
//       return self.add(x, self("conv2", archdesc::conv2d{.in_channels = channels, .out_channels = channels, .kernel_size = 1}, x));
//     }
//   };
//
// Children named by a string are attributes (`self.conv1`); children given without a name take
// the next index, as inside nn.Sequential and nn.ModuleList.
#pragma once

#include <archdesc/checked.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/shape.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc {

class scope;

template <class M>
concept module = requires(const M& m, scope& self, const shape& x) {
  { m.forward(self, x) } -> std::same_as<shape>;
  { m.type_name } -> std::convertible_to<std::string_view>;
};

// The name a child is registered under: an attribute, an index in a Sequential, or a name
// torchvision builds with numbers in it: "denselayer1" is {"denselayer", 1}, RegNet's "block1-0"
// is {"block", 1, "-", 0}, and index 3 is {"", 3}.
struct child_name {
  // Null-terminated literals: in totals passes names are never read, and measuring a literal's
  // length costs g++ more than the rest of a module's bookkeeping.
  const char* text = "";
  std::int64_t number = -1;  // none when negative
  const char* separator = "";
  std::int64_t second_number = -1;  // none when negative

  constexpr child_name(const char* attribute) : text(attribute) {}  // NOLINT: a literal reads as a name
  constexpr child_name(const char* prefix, std::int64_t n) : text(prefix), number(n) {}
  constexpr child_name(const char* prefix, std::int64_t n, const char* between, std::int64_t m)
      : text(prefix), number(n), separator(between), second_number(m) {}

  // Writes the name to out (anything with push_back(char) and append(const char*); a whole
  // literal at once costs clang's evaluator a third of the steps of a call per character).
  template <class Out>
  constexpr void write(Out& out) const {
    out.append(text);
    if (number < 0) return;
    write_number(number, out);
    if (second_number < 0) return;
    out.append(separator);
    write_number(second_number, out);
  }

 private:
  template <class Out>
  static constexpr void write_number(std::int64_t n, Out& out) {
    char digits[20]{};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    while (count > 0) out.push_back(digits[--count]);
  }
};

// What a pass keeps. Totals are all a static_assert on counts needs; tables add every name,
// parameter and module call, for reports.
enum class keep { totals, tables };

// What a pass does at the first mistake: stop (a compile error in a constant expression, an
// invalid_descriptor exception at run time) or record its message and go on to the end.
enum class on_mistake { stop, record };

class graph {
 public:
  // A step of a qualified name: an attribute name, or an index where the name is empty.
  struct name_step {
    int parent = -1;
    child_name name{""};
  };
  struct parameter_entry {
    int owner = 0;  // the name_step of the module that registered it
    const char* name = "";
    shape dims;
  };
  struct module_call {
    int step = 0;
    std::string_view type;
    shape output;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    bool paired_with_none = false;
  };

  constexpr graph(keep what, on_mistake mistakes) : keep_(what), mistakes_(mistakes) {
    if (keep_ == keep::tables) {
      // Room for the largest built-in models' tables: growing a vector moves every element, and
      // clang counts each move against its constexpr step limit (a tenth of mixtral's table's steps).
      constexpr std::size_t room = 4096;
      steps.reserve(room);
      calls.reserve(room);
      parameters.reserve(room);
      steps.push_back({});
    }
  }

  std::int64_t parameter_total = 0;
  std::int64_t tensor_total = 0;
  std::int64_t mac_total = 0;
  // Parameters a token does not use: those of the experts a router does not choose for it
  // (scope::experts_per_token).
  std::int64_t inactive_parameter_total = 0;
  // Tensors and parameters by form (the rank of the squeezed shape: 0 to shape::max_rank).
  std::int64_t tensors_by_rank[shape::max_rank + 1]{};
  std::int64_t parameters_by_rank[shape::max_rank + 1]{};
  diagnostic mistake;

  // Kept with keep::tables only.
  std::vector<name_step> steps;
  std::vector<parameter_entry> parameters;
  std::vector<module_call> calls;

  // Writes the dotted name `layer1.0.downsample.0` of a step, then `.leaf` if leaf is not empty,
  // to out (anything with push_back(char) and append(const char*)).
  template <class Out>
  constexpr void write_name(int step, const char* leaf, Out& out) const {
    bool wrote = write_path(step, out);
    if (*leaf == '\0') return;
    if (wrote) out.push_back('.');
    out.append(leaf);
  }

  // The dotted names of all steps at once, each extending its parent's (a parent step comes before
  // its children): for a trace, which names every step, this is cheaper than one write_name each.
  std::vector<std::string> step_paths() const {
    std::vector<std::string> paths(steps.size());
    for (std::size_t i = 1; i < steps.size(); ++i) {
      const name_step& s = steps[i];
      if (s.parent > 0) {
        paths[i] = paths[static_cast<std::size_t>(s.parent)];
        paths[i].push_back('.');
      }
      s.name.write(paths[i]);
    }
    return paths;
  }

 private:
  friend class scope;

  template <class Out>
  constexpr bool write_path(int step, Out& out) const {
    if (step <= 0) return false;
    const name_step& s = steps[static_cast<std::size_t>(step)];
    if (write_path(s.parent, out)) out.push_back('.');
    s.name.write(out);
    return true;
  }

  keep keep_;
  on_mistake mistakes_;
  int not_run_ = 0;  // > 0 inside a training_only or declared child
  int calling_declared_ = 0;  // > 0 inside a call_declared child: its parameters are registered
  std::int64_t parameters_called_again_ = 0;  // parameters met again inside call_declared children
};

// A module being described: where its parameters and children go, and the checks on its data.
class scope {
 public:
  constexpr scope(graph& g, std::string_view root_type) : graph_(&g), root_type_(root_type) {}

  // A mistake in this module: `<qualified name>: <parts>`. (Defined before its callers: clang 14
  // otherwise may not instantiate it in time for a constant expression.)
  template <class... Parts>
  constexpr void fail(const Parts&... parts) {
    graph& g = *graph_;
    if (!g.mistake.ok()) return;  // the first mistake is the one to fix; later ones may follow from it
    write_path(g.mistake);
    g.mistake.append(": ", parts...);
    if (g.mistakes_ == on_mistake::stop)
      throw invalid_descriptor(g.mistake);  // A wrong descriptor. static_assert(archdesc::valid<net>) names the module and the mistake.
  }

  // A child module registered as an attribute: `self.name = child`, applied to x.
  template <module M>
  constexpr shape operator()(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::called);
  }

  // The next child of an nn.Sequential or nn.ModuleList, named by its index, applied to x.
  template <module M>
  constexpr shape operator()(const M& child, const shape& x) {
    return apply(child_name{"", next_index_++}, child, x, run_as::called);
  }

  // A child registered as an attribute whose forward PyTorch does not call as a module: its weights
  // are used through torch.nn.functional (`F.linear(x, self.qkv.weight)`), or it is an
  // nn.ModuleList. Its parameters and multiply-accumulates count, and its children's calls are
  // recorded; no call is recorded for the child itself.
  template <module M>
  constexpr shape functional(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::functional);
  }

  // A child that only training mode runs (an auxiliary classifier): registered and its data flow
  // checked, but, as in eval mode, it records no call and does no multiply-accumulates.
  template <module M>
  constexpr shape training_only(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::training_only);
  }

  // A child that PyTorch registers before a sibling but calls after it, on the sibling's output
  // (SwinTransformerBlockV2 registers norm1, then attn, and computes norm1(attn(x))). `declare`
  // registers it where PyTorch does, given the input it will receive, without a call;
  // `call_declared` calls it later: the call and its multiply-accumulates are recorded, its
  // parameters are not registered again.
  template <module M>
  constexpr shape declare(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::declared);
  }
  template <module M>
  constexpr shape call_declared(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::declared_call);
  }

  // Records this module's output as PyTorch's (output, None) pair, as nn.MultiheadAttention
  // returns it with need_weights=False.
  constexpr void returns_pair_with_none() {
    if (graph_->keep_ == keep::tables && call_ >= 0) graph_->calls[static_cast<std::size_t>(call_)].paired_with_none = true;
  }

  // A parameterless module used as a function (torch.nn.functional): nothing is registered.
  template <module M>
  constexpr shape call(const M& function, const shape& x) {
    return function.forward(*this, x);
  }

  // A parameter registered on this module itself (nn.Parameter); named_parameters() lists a
  // module's own parameters before its children's, whenever they are declared.
  constexpr void parameter(const char* name, const shape& dims) {
    graph& g = *graph_;
    const std::int64_t elements = dims.elements();
    if (g.calling_declared_ > 0) {  // registered by declare already
      // A child declared inside it counts once, when it is called (call_declared).
      if (g.not_run_ == 0) g.parameters_called_again_ += elements;
      return;
    }
    const int rank = dims.squeezed_rank();
    g.parameter_total = checked_add(g.parameter_total, elements);
    g.parameters_by_rank[rank] += elements;
    ++g.tensors_by_rank[rank];
    ++g.tensor_total;
    if (g.keep_ != keep::tables) return;
    g.parameters.insert(g.parameters.begin() + own_parameters_end_++, {step_, name, dims});
  }

  // Says that this module holds `of` experts of which a router chooses `active` for each token (a
  // mixture of experts' nn.ModuleList): all their parameters count, and active_parameter_count counts
  // active/of of them, the parameters of `active` experts where the experts are alike. Where the
  // experts run is up to the module: its calls and multiply-accumulates are those it describes.
  constexpr void experts_per_token(int active, int of) {
    if (active <= 0 || active > of) {
      fail("chooses ", active, " of ", of, " experts for each token");
      return;
    }
    active_experts_ = active;
    experts_ = of;
  }

  // Multiply-accumulates done by this module itself.
  constexpr void count_macs(std::int64_t macs) { graph_->mac_total = checked_add(graph_->mac_total, macs); }

  // Element-wise a + b with PyTorch's broadcasting (a residual add, a scale, a bias).
  constexpr shape add(const shape& a, const shape& b) { return broadcast(a, b, "add"); }
  constexpr shape multiply(const shape& a, const shape& b) { return broadcast(a, b, "multiply"); }

  // torch.cat(parts, dim): every other dimension must agree.
  constexpr shape cat(std::initializer_list<shape> parts, int dim) {
    shape result = *parts.begin();
    if (!expect_axis(result, dim, "concatenate")) return result;
    const int axis = result.index_of(dim);
    for (auto part = parts.begin() + 1; part != parts.end(); ++part) {
      bool fits = part->rank == result.rank;
      for (int i = 0; fits && i < result.rank; ++i) fits = i == axis || (*part)[i] == result[i];
      if (!fits) {
        fail("cannot concatenate ", result, " and ", *part, " along dimension ", dim);
        return result;
      }
      result[axis] = checked_add(result[axis], (*part)[axis]);
    }
    return result;
  }

  // Checks that x has the given rank; says what the module expects otherwise.
  constexpr bool expect_rank(const shape& x, int rank, std::string_view layout) {
    if (x.rank == rank) return true;
    fail("expects a ", rank, "-dimensional input ", layout, ", receives ", x);
    return false;
  }

  constexpr bool expect_axis(const shape& x, int dim, std::string_view operation) {
    if (dim >= -x.rank && dim < x.rank) return true;
    fail("cannot ", operation, " along dimension ", dim, " of ", x);
    return false;
  }



 private:
  constexpr scope(graph& g, const scope& parent, const child_name& name, int step, std::ptrdiff_t call)
      : graph_(&g),
        parent_(&parent),
        name_(name),
        step_(step),
        call_(call),
        own_parameters_end_(static_cast<std::ptrdiff_t>(g.parameters.size())) {}

  enum class run_as { called, functional, training_only, declared, declared_call };

  template <module M>
  constexpr shape apply(const child_name& name, const M& child, const shape& x, run_as how) {
    graph& g = *graph_;
    const std::int64_t macs_before = g.mac_total;
    const bool not_run = how == run_as::training_only || how == run_as::declared;
    if (not_run) ++g.not_run_;
    if (how == run_as::declared_call) ++g.calling_declared_;
    std::int64_t& parameters_counted = g.calling_declared_ > 0 ? g.parameters_called_again_ : g.parameter_total;
    const std::int64_t parameters_before = parameters_counted;
    shape y;
    if (g.keep_ != keep::tables) {
      scope inner(g, *this, name, 0, -1);
      y = child.forward(inner, x);
      inner.count_unchosen_experts(parameters_counted - parameters_before);
    } else {
      const int step = static_cast<int>(g.steps.size());
      g.steps.push_back({step_, name});
      std::ptrdiff_t call = -1;
      if ((how == run_as::called || how == run_as::declared_call) && g.not_run_ == 0) {
        call = static_cast<std::ptrdiff_t>(g.calls.size());
        g.calls.push_back({step, child.type_name, {}, 0, 0});
      }
      scope inner(g, *this, name, step, call);
      y = child.forward(inner, x);
      inner.count_unchosen_experts(parameters_counted - parameters_before);
      if (call >= 0) {
        graph::module_call& record = g.calls[static_cast<std::size_t>(call)];
        record.output = y;
        record.parameters = parameters_counted - parameters_before;
        record.macs = g.mac_total - macs_before;
      }
    }
    if (not_run) {
      --g.not_run_;
      g.mac_total = macs_before;
    }
    if (how == run_as::declared_call) --g.calling_declared_;
    return y;
  }

  // After this module's forward, given the parameters it registered: the share of its experts a
  // token does not use (parameters met again in a call_declared child count once, where declared).
  constexpr void count_unchosen_experts(std::int64_t parameters) const {
    if (experts_ == 0 || graph_->calling_declared_ > 0) return;
    graph_->inactive_parameter_total += parameters - checked_mul(parameters, active_experts_) / experts_;
  }

  constexpr shape broadcast(const shape& a, const shape& b, std::string_view operation) {
    const shape& longer = a.rank >= b.rank ? a : b;
    const shape& shorter = a.rank >= b.rank ? b : a;
    shape result = longer;
    const int offset = longer.rank - shorter.rank;
    for (int i = 0; i < shorter.rank; ++i) {
      const std::int64_t l = longer.dims[i + offset], s = shorter.dims[i];
      if (l != s && l != 1 && s != 1) {
        fail("cannot ", operation, " ", a, " and ", b);
        return result;
      }
      result.dims[i + offset] = l == 1 ? s : l;
    }
    return result;
  }

  // The qualified name of this module, or the model's type name for the model itself.
  constexpr void write_path(diagnostic& out) const {
    if (parent_ == nullptr) {
      out.append(root_type_);
      return;
    }
    if (parent_->parent_ != nullptr) {
      parent_->write_path(out);
      out.append('.');
    }
    name_.write(out);
  }

  graph* graph_;
  const scope* parent_ = nullptr;
  child_name name_{""};
  std::string_view root_type_;  // the model's class, which names mistakes of the model itself
  int step_ = 0;
  std::ptrdiff_t call_ = -1;  // this module's record in graph::calls, if it has one
  std::int64_t next_index_ = 0;
  std::ptrdiff_t own_parameters_end_ = 0;  // where the next own parameter goes in the table
  int active_experts_ = 0;  // set by experts_per_token
  int experts_ = 0;
};

}  // namespace archdesc
