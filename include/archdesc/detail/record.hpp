// archdesc/detail/record.hpp: what one pass of a descriptor records: totals always; with
// keep::tables every name step, parameter and module call, for tables and traces.
#pragma once

#include <archdesc/child_name.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archdesc {
class scope;
}  // namespace archdesc

namespace archdesc::detail {

// What a pass keeps. Totals are all a count needs; tables add every name, parameter and call.
enum class keep { totals, tables };

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
  struct module_call {
    int step = 0;
    std::string_view type;
    shape output;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    bool paired_with_none = false;
    shape paired_sizes{};  // rank 0 unless scope::returns_pair_with_sizes
  };
  // An entry of the dict a module call returns (scope::returns_dict), in the dict's order.
  struct dict_entry {
    int call = 0;
    std::string_view key;
    shape dims;
  };
  // A name registered in a scope still being described, to catch a name registered twice.
  struct registration {
    child_name name{""};
    std::string_view type;  // empty for a parameter
    bool has_parameters = false;
  };

  // check_names: whether to check that each name is registered once, which a pass over a
  // descriptor already found valid need not do again.
  constexpr record(keep what, on_mistake mistakes, bool check_names = true)
      : keep_(what), mistakes_(mistakes), check_names_(check_names) {
    if (keep_ == keep::tables) {
      // Room for the largest built-in models' tables: growing a vector moves every element, and
      // clang counts each move against its constexpr step limit.
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
  // Parameters a token does not use: those of the experts a router does not choose for it.
  std::int64_t inactive_parameter_total = 0;
  // Tensors and parameters by form (the rank of the squeezed shape: 0 to shape::max_rank).
  std::int64_t tensors_by_rank[shape::max_rank + 1]{};
  std::int64_t parameters_by_rank[shape::max_rank + 1]{};
  diagnostic mistake;

  // Kept with keep::tables only.
  std::vector<name_step> steps;
  std::vector<parameter_entry> parameters;
  std::vector<module_call> calls;
  std::vector<dict_entry> dict_entries;

  // Writes the dotted name `layer1.0.downsample.0` of a step, then `.leaf` if leaf is not empty.
  template <class Out>
  constexpr void write_name(int step, const char* leaf, Out& out) const {
    bool wrote = write_path(step, out);
    if (*leaf == '\0') return;
    if (wrote) out.push_back('.');
    out.append(leaf);
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
  // A stack: the names of every scope being described. A fixed array, since a vector's push_back
  // costs g++ a third of a pass; names past its end are not checked.
  static constexpr std::size_t registered_capacity = 256;
  registration registered_[registered_capacity]{};
  std::size_t registered_size_ = 0;
  int not_run_ = 0;                           // > 0 inside a training_only or declared child
  int calling_declared_ = 0;                  // > 0 inside a declared child's call: its parameters are registered
  int as_function_ = 0;                       // > 0 inside scope::call: nothing may be registered
  std::string_view function_type_;            // the module scope::call applies
  std::int64_t parameters_called_again_ = 0;  // parameters met again in declared children's calls
  // The dict the last module to return one returned (scope::returns_dict), for its parent to read;
  // modules are numbered in the order they are applied, so a parent reads only its last child's.
  static constexpr std::size_t max_dict_entries = 6;
  named_shape returned_[max_dict_entries]{};
  std::size_t returned_size_ = 0;
  std::int64_t returned_by_ = -1;
  std::int64_t applied_ = 0;
};

}  // namespace archdesc::detail
