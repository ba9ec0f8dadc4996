// archdesc/detail/record.hpp: what one pass of a descriptor records: totals always; with
// keep::tables every name step, parameter and module call, for tables and traces.
#pragma once

#include <archdesc/checked.hpp>
#include <archdesc/child_name.hpp>
#include <archdesc/detail/growing_list.hpp>
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
enum class keep { totals, names, tables };

// Whether a pass records buffers. The parameter queries' passes do not: BatchNorm's three buffers
// would cost them a quarter more constexpr steps. The state queries and traces do.
enum class buffers { skipped, kept };

// Whether a pass that keeps names lists the entries of each identical copy that scope::repeat
// describes once (a trace, which names every entry at run time), or records each such repetition
// once, as a record::copy_block, for a table to write the copies' rows from the first copy's:
// listing 20,033 tensors of a deep ResNeXt cost g++ 16 million operations, half its default limit.
enum class copies { listed, as_blocks };

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

  // Identical copies described once, with copies::as_blocks: the first copy's own step (a
  // Sequential's index, whose copies are the next indices), how many copies follow it, and the rows
  // of each in a parameter table and a state_dict table. The copies' entries come in module order
  // right after the first copy's, before any entry of a step from end_step on (the step after the
  // first copy's; a later step's entries in a listing of every copy).
  struct copy_block {
    int step = 0;
    int end_step = 0;
    std::int64_t copies = 0;
    std::int64_t parameter_rows = 0;
    std::int64_t state_rows = 0;
  };

  // check_names: whether to check that each name is registered once, which a pass over a
  // descriptor already found valid need not do again.
  constexpr record(keep what, on_mistake mistakes, bool check_names = true, buffers kept = buffers::skipped,
                   copies repeated = copies::listed)
      : keep_(what), mistakes_(mistakes), check_names_(check_names), buffers_(kept), copies_(repeated) {
    if (keep_ != keep::totals) {
      // Room for the largest built-in models' tables: growing a list moves every element. Room
      // costs clang's evaluator a step per element, so the lists a pass leaves empty get none.
      constexpr std::size_t room = 4096;
      steps.reserve(room);
      if (keep_ == keep::tables) calls.reserve(room);
      parameters.reserve(room);
      if (buffers_ == buffers::kept) other_state.reserve(room);
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
    std::int64_t buffer_tensors = 0;
    std::int64_t buffer_bytes = 0;
    std::int64_t persistent_buffers = 0;
    std::int64_t tied_parameters = 0;
  };
  constexpr counters read_counters() const {
    counters now{parameter_total, tensor_total, mac_total, inactive_parameter_total, parameters_called_again_};
    now.buffer_tensors = buffer_tensor_total;
    now.buffer_bytes = buffer_byte_total;
    now.persistent_buffers = persistent_buffer_total;
    now.tied_parameters = tied_parameter_total;
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
    again(buffer_tensor_total, before.buffer_tensors, after.buffer_tensors);
    again(buffer_byte_total, before.buffer_bytes, after.buffer_bytes);
    again(persistent_buffer_total, before.persistent_buffers, after.persistent_buffers);
    again(tied_parameter_total, before.tied_parameters, after.tied_parameters);
  }

  // Where a module's description starts in the lists a pass keeps.
  struct list_ends {
    std::size_t steps = 0;
    std::size_t parameters = 0;
    std::size_t other_state = 0;
  };
  constexpr list_ends read_list_ends() const { return {steps.size(), parameters.size(), other_state.size()}; }

  // `times` more copies of what a module's description added to the lists from `first` on (and to
  // the totals from `before` to `after`): identical copies described once (scope::repeat) in a pass
  // that keeps names. With copies::listed their name steps, parameters and other state are
  // appended, under the indices after its own: copying an entry costs a fraction of describing it
  // again. The module's own step is the first; every other step and entry it added belongs to a step
  // after it, so a copy's are shifted by the copy's distance. With copies::as_blocks, a copy_block.
  constexpr void add_copies(const list_ends& first, const counters& before, const counters& after, std::int64_t times) {
    const list_ends last = read_list_ends();
    const std::size_t span = last.steps - first.steps;
    if (span == 0) return;  // a declared child called again: nothing named
    if (copies_ == copies::as_blocks) {
      const std::int64_t parameter_rows = after.tensors - before.tensors;
      copy_blocks.push_back({static_cast<int>(first.steps), static_cast<int>(last.steps), times, parameter_rows,
                             parameter_rows + after.tied_parameters - before.tied_parameters +
                                 after.persistent_buffers - before.persistent_buffers});
      return;
    }
    const auto count = static_cast<std::size_t>(times);
    steps.append_copies(first.steps, last.steps, count);
    parameters.append_copies(first.parameters, last.parameters, count);
    other_state.append_copies(first.other_state, last.other_state, count);
    // Copied as bytes, then each copy's entries shifted by its distance: its own step takes the
    // next index, and its other steps and entries belong to steps after it.
    for (std::size_t copy = 1, s = last.steps; copy <= count; ++copy) {
      const int shift = static_cast<int>(copy * span);
      steps[s].name.number += static_cast<std::int64_t>(copy);
      for (const std::size_t end = s + span; ++s < end;) steps[s].parent += shift;
    }
    const std::size_t parameters_per_copy = last.parameters - first.parameters;
    for (std::size_t p = last.parameters, copy = 1; copy <= count; ++copy)
      for (const std::size_t end = p + parameters_per_copy; p < end; ++p)
        parameters[p].owner += static_cast<int>(copy * span);
    const std::size_t other_per_copy = last.other_state - first.other_state;
    for (std::size_t o = last.other_state, copy = 1; copy <= count; ++copy)
      for (const std::size_t end = o + other_per_copy; o < end; ++o)
        other_state[o].owner += static_cast<int>(copy * span);
  }

  // Kept with keep::names (steps, parameters, other_state) and keep::tables (all).
  growing_list<name_step> steps;
  growing_list<parameter_entry> parameters;
  growing_list<state_entry> other_state;  // by owner in module order, as parameters; buffers with buffers::kept
  growing_list<module_call> calls;
  growing_list<data_dependence> data_dependent;
  growing_list<copy_block> copy_blocks;  // with copies::as_blocks, in the order the repetitions end

  // Calls visit_parameter(i) for each parameter i and visit_other(state_entry) for each other entry
  // of state_dict(), in its order: module by module (steps are numbered in module order), each
  // module's parameters, then its tied parameters and persistent buffers. (A table's pass visits
  // every parameter: the test for other entries before it is one step of clang's evaluator.)
  template <class VisitParameter, class VisitOther>
  constexpr void visit_state_dict(VisitParameter&& visit_parameter, VisitOther&& visit_other) const {
    std::size_t other = 0;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      for (; other < other_state.size() && other_state[other].owner < parameters[i].owner; ++other)
        if (other_state[other].kind != state_kind::non_persistent_buffer) visit_other(other_state[other]);
      visit_parameter(i);
    }
    for (; other < other_state.size(); ++other)
      if (other_state[other].kind != state_kind::non_persistent_buffer) visit_other(other_state[other]);
  }
  // The same, each entry a state_entry.
  template <class Visit>
  constexpr void visit_state_dict(Visit&& visit) const {
    visit_state_dict(
        [&](std::size_t i) {
          const parameter_entry& p = parameters[i];
          visit(state_entry{p.owner, p.name, p.dims, archdesc::dtype::float32, state_kind::parameter});
        },
        visit);
  }

  // The dotted names of all steps, one after the other in one string: step i's is
  // text[starts[i], starts[i + 1]). For a trace, which names every step: each extends its parent's
  // (a parent step comes before its children), and one string costs a few allocations where a
  // string per step cost one or more each.
  struct step_path_list {
    std::string text;
    std::vector<std::size_t> starts;
    std::string_view operator[](std::size_t step) const {
      return std::string_view(text).substr(starts[step], starts[step + 1] - starts[step]);
    }
  };
  step_path_list step_paths() const {
    step_path_list paths;
    paths.starts.reserve(steps.size() + 1);
    paths.starts.push_back(0);
    if (!steps.empty()) paths.starts.push_back(0);  // step 0, the model itself, has the empty name
    paths.text.reserve(steps.size() * 32);          // about the mean length of a path
    for (std::size_t i = 1; i < steps.size(); ++i) {
      const name_step& s = steps[i];
      if (s.parent > 0) {
        const auto parent = static_cast<std::size_t>(s.parent);
        // Appending a part of a string to itself is defined, even when the string grows.
        paths.text.append(paths.text, paths.starts[parent], paths.starts[parent + 1] - paths.starts[parent]);
        paths.text.push_back('.');
      }
      s.name.write(paths.text);
      paths.starts.push_back(paths.text.size());
    }
    return paths;
  }

 private:
  friend class archdesc::scope;

  keep keep_;
  on_mistake mistakes_;
  bool check_names_;
  buffers buffers_;
  copies copies_;
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
