// archdesc/detail/record.hpp: what one pass of a descriptor records: totals always; with
// keep::tables every name step, parameter and module call, for tables and traces.
#pragma once

#include <archdesc/checked.hpp>
#include <archdesc/child_name.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/dtype.hpp>
#include <archdesc/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc {
class scope;

// What an entry of state_dict() (or a buffer state_dict() leaves out) is.
enum class state_kind {
  parameter,              // listed by named_parameters()
  tied_parameter,         // another module's parameter, under the name of the module tied to it
  persistent_buffer,      // register_buffer(name, tensor)
  non_persistent_buffer,  // register_buffer(name, tensor, persistent=False): not in state_dict()
};
}  // namespace archdesc

namespace archdesc::detail {

// What a pass keeps. Totals are all a count needs; tables add every name, parameter, buffer and call.
enum class keep { totals, tables };

// Whether a pass records buffers. The parameter queries' passes do not: BatchNorm's three buffers
// would cost them a quarter more constexpr steps. The state queries and traces do.
enum class buffers { skipped, kept };

// What a pass does at the first mistake: stop (a compile error in a constant expression, an
// invalid_descriptor exception at run time) or record its message and go on to the end.
enum class on_mistake { stop, record };

class record {
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
  // Buffers, and parameters of a tied module under its own name: the state besides the
  // parameters of named_parameters().
  struct state_entry {
    int owner = 0;
    const char* name = "";
    shape dims;
    archdesc::dtype type = archdesc::dtype::float32;
    state_kind kind = state_kind::persistent_buffer;
  };
  struct module_call {
    int step = 0;
    std::string_view type;
    shape output;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    bool paired_with_none = false;
    shape paired_sizes{};  // rank 0 unless scope::returns_pair_with_sizes
  };
  // What a module does that depends on the data, said by the module (scope::data_dependent).
  struct data_dependence {
    int step = 0;
    std::string_view type;
    const char* what = "";
  };
  // A name registered in a scope still being described, to catch a name registered twice.
  struct registration {
    child_name name{""};
    std::string_view type;   // empty for a parameter or a buffer
    bool has_state = false;  // parameters or buffers
  };

  // check_names: whether to check that each name is registered once, which a pass over a
  // descriptor already found valid need not do again.
  constexpr record(keep what, on_mistake mistakes, bool check_names = true, buffers kept = buffers::skipped)
      : keep_(what), mistakes_(mistakes), check_names_(check_names), buffers_(kept) {
    if (keep_ == keep::tables) {
      // Room for the largest built-in models' tables: growing a vector moves every element, and
      // clang counts each move against its constexpr step limit.
      constexpr std::size_t room = 4096;
      steps.reserve(room);
      calls.reserve(room);
      parameters.reserve(room);
      other_state.reserve(room);
      steps.push_back({});
    }
  }

  std::int64_t parameter_total = 0;
  std::int64_t tensor_total = 0;
  std::int64_t mac_total = 0;
  // Parameters a token does not use: those of the experts a router does not choose for it.
  std::int64_t inactive_parameter_total = 0;
  // Tensors and parameters by form (the rank of the squeezed shape: 0 to shape::max_rank).
  std::int64_t tensors_by_rank[shape::max_rank + 1]{};
  // Buffers, persistent or not, and tied parameters listed again by state_dict(); with buffers::kept.
  std::int64_t buffer_tensor_total = 0;
  std::int64_t buffer_byte_total = 0;
  std::int64_t persistent_buffer_total = 0;
  std::int64_t tied_parameter_total = 0;

  // The entries of state_dict(): parameters, tied parameters again, persistent buffers.
  constexpr std::int64_t state_tensor_total() const {
    return tensor_total + tied_parameter_total + persistent_buffer_total;
  }
  std::int64_t parameters_by_rank[shape::max_rank + 1]{};
  diagnostic mistake;

  // Every total a pass adds to, as read before and after one module: what the module added.
  struct counters {
    std::int64_t parameters = 0;
    std::int64_t tensors = 0;
    std::int64_t macs = 0;
    std::int64_t inactive_parameters = 0;
    std::int64_t parameters_called_again = 0;
    std::int64_t tensors_by_rank[shape::max_rank + 1]{};
    std::int64_t parameters_by_rank[shape::max_rank + 1]{};
  };
  constexpr counters read_counters() const {
    counters now{parameter_total, tensor_total, mac_total, inactive_parameter_total, parameters_called_again_};
    for (int rank = 0; rank <= shape::max_rank; ++rank) {
      now.tensors_by_rank[rank] = tensors_by_rank[rank];
      now.parameters_by_rank[rank] = parameters_by_rank[rank];
    }
    return now;
  }
  // Adds `times` more of what was added between `before` and `after`: identical copies of a module
  // described once (scope::repeat).
  constexpr void add_again(const counters& before, const counters& after, std::int64_t times) {
    const auto again = [times](std::int64_t& total, std::int64_t from, std::int64_t to) {
      total = checked_add(total, checked_mul(to - from, times));
    };
    again(parameter_total, before.parameters, after.parameters);
    again(tensor_total, before.tensors, after.tensors);
    again(mac_total, before.macs, after.macs);
    again(inactive_parameter_total, before.inactive_parameters, after.inactive_parameters);
    again(parameters_called_again_, before.parameters_called_again, after.parameters_called_again);
    for (int rank = 0; rank <= shape::max_rank; ++rank) {
      again(tensors_by_rank[rank], before.tensors_by_rank[rank], after.tensors_by_rank[rank]);
      again(parameters_by_rank[rank], before.parameters_by_rank[rank], after.parameters_by_rank[rank]);
    }
  }

  // Kept with keep::tables only.
  std::vector<name_step> steps;
  std::vector<parameter_entry> parameters;
  std::vector<state_entry> other_state;  // by owner in module order, as parameters; buffers with buffers::kept
  std::vector<module_call> calls;
  std::vector<data_dependence> data_dependent;

  // Writes the dotted name `layer1.0.downsample.0` of a step, then `.leaf` if leaf is not empty.
  template <class Out>
  constexpr void write_name(int step, const char* leaf, Out& out) const {
    bool wrote = write_path(step, out);
    if (*leaf == '\0') return;
    if (wrote) out.push_back('.');
    out.append(leaf);
  }

  // Calls visit(state_entry) for each entry of state_dict(), in its order: module by module (steps
  // are numbered in module order), each module's parameters, then its persistent buffers.
  template <class Visit>
  constexpr void visit_state_dict(Visit&& visit) const {
    std::size_t other = 0;
    const auto visit_other_before = [&](int owner) {
      for (; other < other_state.size() && other_state[other].owner < owner; ++other)
        if (other_state[other].kind != state_kind::non_persistent_buffer) visit(other_state[other]);
    };
    for (const parameter_entry& p : parameters) {
      visit_other_before(p.owner);
      visit(state_entry{p.owner, p.name, p.dims, archdesc::dtype::float32, state_kind::parameter});
    }
    visit_other_before(static_cast<int>(steps.size()));
  }

  // The dotted names of all steps at once, each extending its parent's (a parent step comes before
  // its children): for a trace, which names every step, cheaper than one write_name each.
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
  friend class archdesc::scope;

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
  bool check_names_;
  buffers buffers_;
  // A stack: the names of every scope being described. A fixed array, since a vector's push_back
  // costs g++ a third of a pass; names past its end are not checked.
  static constexpr std::size_t registered_capacity = 256;
  registration registered_[registered_capacity]{};
  std::size_t registered_size_ = 0;
  int not_run_ = 0;                           // > 0 inside a training_only or declared child
  int calling_declared_ = 0;                  // > 0 inside a declared child's call: its parameters are registered
  int calling_tied_ = 0;                      // > 0 inside a tied child's call: state_dict() lists its parameters
  int as_function_ = 0;                       // > 0 inside scope::call: nothing may be registered
  std::string_view function_type_;            // the module scope::call applies
  std::int64_t parameters_called_again_ = 0;  // parameters met again in declared children's calls
};

}  // namespace archdesc::detail
