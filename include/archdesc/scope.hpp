// archdesc/scope.hpp: the scope a module describes itself in: its parameters, its children in
// registration order, and the checks on the data that reaches it.
//
//   struct two_convs {
//     static constexpr std::string_view type_name = "TwoConvs";
//     int channels = 8;
//     constexpr archdesc::shape forward(archdesc::scope& self, archdesc::shape x) const {
//       const archdesc::conv2d conv{.in_channels = channels, .out_channels = channels, .kernel_size = 1};
//       x = self("conv1", conv, x);                          // self.conv1 = nn.Conv2d(...); x = self.conv1(x)
//       return self.add(x, self("conv2", conv, x));          // x + self.conv2(x)
//     }
//   };
//
// Children named by a string are attributes (`self.conv1`); children given without a name take
// the next index, as inside nn.Sequential. A name is registered once per module: a compile error
// names the module otherwise, as does a parameterless `call` of a module with weights.
#pragma once

#include <archdesc/checked.hpp>
#include <archdesc/child_name.hpp>
#include <archdesc/detail/record.hpp>
#include <archdesc/diagnostic.hpp>
#include <archdesc/dtype.hpp>
#include <archdesc/shape.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace archdesc {

class scope;

// A module: a type name, as PyTorch's class, and a forward that registers the module's parameters
// and children on its scope and returns its output shape.
template <class M>
concept module = requires(const M& m, scope& self, const shape& x) {
  { m.forward(self, x) } -> std::same_as<shape>;
  { m.type_name } -> std::convertible_to<std::string_view>;
};

// A module PyTorch never calls itself: nn.ModuleList. Registered as a child, it records no call.
template <class M>
concept uncalled_module = module<M> && M::called == false;

template <module M>
class declared_child;

// Whether state_dict() holds a buffer (register_buffer's `persistent`).
enum class persistence { persistent, non_persistent };

// A module being described: where its parameters, buffers and children go, and the checks on its data.
class scope {
 public:
  constexpr scope(detail::record& r, std::string_view root_type) : record_(&r), type_(root_type) {}

  // A mistake in this module: `<path> (<Type>): <parts>`, or `<Type>: <parts>` for the model
  // itself. (Defined before its callers: clang 14 otherwise may not instantiate it in time.)
  template <class... Parts>
  constexpr void fail(const Parts&... parts) {
    detail::record& r = *record_;
    if (!r.mistake.ok()) return;  // the first mistake is the one to fix; later ones may follow from it
    write_path(r.mistake);
    if (parent_ != nullptr) r.mistake.append(" (", type_, ")");
    r.mistake.append(": ", parts...);
    if (r.mistakes_ == detail::on_mistake::stop) throw invalid_descriptor(r.mistake);
  }

  // A child registered as an attribute, `self.name = child`, and applied to x.
  template <module M>
  constexpr shape operator()(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, called_as<M>());
  }

  // The next child of an nn.Sequential or nn.ModuleList, named by its index, applied to x.
  template <module M>
  constexpr shape operator()(const M& child, const shape& x) {
    return apply(child_name{"", next_index_++}, child, x, called_as<M>(), true);
  }

  // `count` copies of one child under the next indices, each applied to the previous one's output:
  // nn.ModuleList([Layer(config) for _ in range(count)]) and the identical blocks of a stage. A
  // counting pass describes a copy that returns its input's shape once for it and the copies after
  // it, which receive the same input and so add the same totals: repetition costs once. The
  // parameter and state_dict tables, and a trace without module calls, copy that copy's entries
  // under the later indices; a trace of module calls still describes every copy.
  template <module M>
  constexpr shape repeat(int count, const M& child, const shape& x) {
    return apply_copies(count, child, x, called_as<M>());
  }

  // `count` copies of one child under the next indices, each registered at input x and not called
  // (experts no token chooses), as `count` calls of declare would.
  template <module M>
  constexpr void declare_copies(int count, const M& child, const shape& x) {
    apply_copies(count, child, x, run_as::not_run);
  }

  // The loop `for _ in range(count)` of a forward whose body calls children declared before it, so
  // that every iteration runs the same weights (RAFT's flow updates): body maps the loop's state (a
  // recurrent hidden state) to the next. A counting pass where the body keeps the state's shape
  // describes one iteration and counts it `count` times: iterations cost once. Tables run each.
  template <class Body>
  constexpr shape loop(int count, shape state, Body body) {
    detail::record& r = *record_;
    for (int i = 0; i < count; ++i) {
      const bool once_for_rest = r.keep_ != detail::keep::tables && i + 1 < count;
      const detail::record::counters before = r.read_counters();
      const std::int64_t buffers_before = r.buffer_tensor_total;
      const shape next = body(state);
      if (r.tensor_total != before.tensors || r.buffer_tensor_total != buffers_before) {
        fail("registers parameters or buffers in a loop: declare its modules before it (declare)");
        return next;
      }
      if (once_for_rest && next == state) {
        r.add_again(before, r.read_counters(), count - 1 - i);
        return next;
      }
      state = next;
    }
    return state;
  }

  // A child whose weights PyTorch uses through torch.nn.functional (`F.linear(x, self.qkv.weight)`)
  // rather than by calling it: its parameters and multiply-accumulates count, its own call is not
  // recorded.
  template <module M>
  constexpr shape functional(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::functional);
  }

  // A child that only training mode runs (an auxiliary classifier): registered and its data flow
  // checked, but, as in eval mode, it records no call and does no multiply-accumulates.
  template <module M>
  constexpr shape training_only(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::not_run);
  }

  // A child registered here and called later, or more than once, or never (PyTorch registers
  // SwinTransformerBlockV2's norm1 before attn and computes norm1(attn(x))):
  //   auto norm1 = self.declare("norm1", layer_norm{{dim}}, x);   // x: an input it accepts
  //   y = norm1(self("attn", attn, x));
  // Declaring registers its parameters and checks x; each call records a call and its
  // multiply-accumulates and checks its input, without registering anything again.
  template <module M>
  constexpr declared_child<M> declare(const child_name& name, const M& child, const shape& x) {
    const shape y = apply(name, child, x, run_as::not_run);
    return declared_child<M>(*this, name, child, y);
  }

  // A child that returns several tensors (a backbone's feature maps as an OrderedDict, a head's
  // per-level lists): its parameters and multiply-accumulates count; a call records one output
  // shape, so its call is not recorded, and its parts' calls are.
  template <module M>
  constexpr shape several_outputs(const child_name& name, const M& child, const shape& x) {
    return apply(name, child, x, run_as::functional);
  }

  // A child whose weights are another module's (tied weights, as an lm_head tied to the input
  // embeddings): registered and called, its parameters listed once by named_parameters(), where the
  // other module is, and again under this name by state_dict(), as PyTorch saves them.
  template <module M>
  constexpr shape tied(const child_name& name, const M& child, const shape& x) {
    if (record_->check_names_ && !register_name(name, child.type_name, false)) return x;
    ++record_->calling_tied_;
    const shape y = call_again(name, child, x);
    --record_->calling_tied_;
    return y;
  }

  // A parameterless module used as a function (F.adaptive_avg_pool2d, torch.flatten): nothing is
  // registered, and a module that would register anything is a mistake.
  template <module M>
  constexpr shape call(const M& function, const shape& x) {
    detail::record& r = *record_;
    const std::string_view outer = r.function_type_;
    ++r.as_function_;
    r.function_type_ = function.type_name;
    const shape y = function.forward(*this, x);
    r.function_type_ = outer;
    --r.as_function_;
    return y;
  }

  // A parameter registered on this module itself (nn.Parameter); named_parameters() lists a
  // module's own parameters before its children's, whenever they are declared.
  constexpr void parameter(const char* name, const shape& dims) {
    detail::record& r = *record_;
    if (r.as_function_ > 0) {
      fail_registered_in_function("parameter", name);
      return;
    }
    if (r.calling_declared_ > 0) {  // registered by declare or by the module it is tied to already
      if (r.not_run_ == 0) r.parameters_called_again_ += dims.elements();
      if (r.calling_tied_ > 0) add_state(name, dims, dtype::float32, state_kind::tied_parameter);
      return;
    }
    if (!register_state_name(name)) return;
    const std::int64_t elements = dims.elements();
    const int rank = dims.squeezed_rank();
    r.parameter_total = checked_add(r.parameter_total, elements);
    r.parameters_by_rank[rank] += elements;
    ++r.tensors_by_rank[rank];
    ++r.tensor_total;
    if (r.keep_ == detail::keep::totals) return;
    r.parameters.insert(own_parameters_end_++, {step_, name, dims});
  }

  // A parameter of this module that is another module's, where the rest of the module is its own
  // (XLNetLMHeadModel's lm_loss: its weight is word_embedding's, its bias its own): state_dict()
  // lists it here, named_parameters() once, where the other module is, as scope::tied does.
  // state_dict() lists it after the module's own parameters (PyTorch: in registration order).
  constexpr void tied_parameter(const char* name, const shape& dims) {
    detail::record& r = *record_;
    if (r.as_function_ > 0) {
      fail_registered_in_function("parameter", name);
      return;
    }
    if (r.calling_declared_ > 0) {  // registered by declare or by the module it is tied to already
      if (r.calling_tied_ > 0) add_state(name, dims, dtype::float32, state_kind::tied_parameter);
      return;
    }
    if (register_state_name(name)) add_state(name, dims, dtype::float32, state_kind::tied_parameter);
  }

  // A buffer registered on this module (register_buffer): state that is not a parameter, as
  // BatchNorm's running statistics. state_dict() lists a module's persistent buffers after its own
  // parameters, before its children's; a non-persistent one only takes memory. Passes that count
  // parameters skip buffers (records_buffers()); the state queries and traces check and record them.
  constexpr void buffer(const char* name, const shape& dims, dtype type = dtype::float32,
                        persistence kept = persistence::persistent) {
    detail::record& r = *record_;
    if (r.buffers_ == detail::buffers::skipped) return;
    if (r.as_function_ > 0) {
      fail_registered_in_function("buffer", name);
      return;
    }
    if (r.calling_tied_ > 0) {
      fail("registers the buffer \"", name, "\" in a tied module, which shares only parameters here");
      return;
    }
    if (r.calling_declared_ > 0 || !register_state_name(name)) return;
    ++r.buffer_tensor_total;
    r.buffer_byte_total = checked_add(r.buffer_byte_total, checked_mul(dims.elements(), dtype_size(type)));
    if (kept == persistence::persistent) ++r.persistent_buffer_total;
    add_state(name, dims, type,
              kept == persistence::persistent ? state_kind::persistent_buffer : state_kind::non_persistent_buffer);
  }

  // Whether this pass records buffers: a module whose buffers cost much to declare (BatchNorm2d,
  // in most models) may skip declaring them otherwise; declaring them anyway is only slower.
  constexpr bool records_buffers() const { return record_->buffers_ == detail::buffers::kept; }

  // This module holds `of` experts of which a router chooses `active` for each token (a mixture of
  // experts' nn.ModuleList): all their parameters count, and active_parameter_count counts
  // active/of of them. Where the experts run is up to the module.
  constexpr void experts_per_token(int active, int of) {
    if (active <= 0 || active > of) {
      fail("chooses ", active, " of ", of, " experts for each token");
      return;
    }
    active_experts_ = active;
    experts_ = of;
  }

  // Records this module's output as PyTorch's (output, None) pair, as nn.MultiheadAttention
  // returns it with need_weights=False.
  constexpr void returns_pair_with_none() {
    if (record_->keep_ == detail::keep::tables && call_ >= 0)
      record_->calls[static_cast<std::size_t>(call_)].paired_with_none = true;
  }

  // Records this module's output as PyTorch's pair (output, sizes), sizes a tuple of integers: MViT's
  // blocks return (x, (T, H, W)).
  constexpr void returns_pair_with_sizes(const shape& sizes) {
    if (record_->keep_ == detail::keep::tables && call_ >= 0)
      record_->calls[static_cast<std::size_t>(call_)].paired_sizes = sizes;
  }

  // Says what this module does that depends on the data (a detector's proposals, its NMS), which
  // the description does not run, so that its MACs are not counted: traces list it.
  constexpr void data_dependent(const char* what) {
    if (record_->keep_ == detail::keep::tables) record_->data_dependent.push_back({step_, type_, what});
  }

  // Multiply-accumulates done by this module itself.
  constexpr void count_macs(std::int64_t macs) { record_->mac_total = checked_add(record_->mac_total, macs); }

  // Element-wise a + b and a * b with PyTorch's broadcasting (a residual add, a scale, a bias).
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

  // Checks that dim is a dimension of x (negative from the end, as in PyTorch).
  constexpr bool expect_axis(const shape& x, int dim, std::string_view operation) {
    if (dim >= -x.rank && dim < x.rank) return true;
    fail("cannot ", operation, " along dimension ", dim, " of ", x);
    return false;
  }

  constexpr ~scope() {
    // The names registered here are out of sight once this module is described.
    record_->registered_size_ = registered_begin_;
  }
  scope(const scope&) = delete;
  scope& operator=(const scope&) = delete;

 private:
  template <module>
  friend class declared_child;

  enum class run_as { called, functional, not_run, call_again, call_again_unrecorded };
  static constexpr bool calls_again(run_as how) {
    return how == run_as::call_again || how == run_as::call_again_unrecorded;
  }

  constexpr scope(detail::record& r, const scope& parent, const child_name& name, std::string_view type, int step,
                  std::ptrdiff_t call)
      : record_(&r),
        parent_(&parent),
        name_(name),
        type_(type),
        step_(step),
        call_(call),
        own_parameters_end_(r.parameters.size()),
        own_state_end_(r.keep_ != detail::keep::totals ? r.other_state.size() : 0),
        registered_begin_(r.registered_size_) {}

  template <module M>
  static constexpr run_as called_as() {
    if constexpr (uncalled_module<M>) {
      return run_as::functional;
    } else {
      return run_as::called;
    }
  }

  // Registers a name on this module; false where the name is taken. A parameterless child may be
  // registered again under its name with the same type: that calls the same module again
  // (`self.relu` in torchvision's blocks).
  constexpr bool register_name(const child_name& name, std::string_view type, bool repeatable) {
    detail::record& r = *record_;
    // Most names are new: a bit per name hash spares the comparisons with every earlier name.
    const std::uint64_t bit = std::uint64_t{1} << (name.hash() % 64);
    if ((registered_hashes_ & bit) != 0) {
      for (std::size_t i = registered_begin_; i < r.registered_size_; ++i) {
        const detail::record::registration& earlier = r.registered_[i];
        if (!(earlier.name == name)) continue;
        if (repeatable && !earlier.has_state && earlier.type == type) return true;
        fail_registered_twice(name);
        return false;
      }
    }
    registered_hashes_ |= bit;
    if (r.registered_size_ < r.registered_capacity) r.registered_[r.registered_size_++] = {name, type, false};
    return true;
  }

  // Registers the name of a parameter or buffer of this module; false where it is taken.
  constexpr bool register_state_name(const char* name) {
    detail::record& r = *record_;
    if (!r.check_names_) return true;
    const std::size_t registration = r.registered_size_;
    if (!register_name(name, {}, false)) return false;
    if (registration < r.registered_size_) r.registered_[registration].has_state = true;
    return true;
  }

  // A state_dict() entry besides a parameter, placed after this module's own earlier ones.
  constexpr void add_state(const char* name, const shape& dims, dtype type, state_kind kind) {
    detail::record& r = *record_;
    if (kind == state_kind::tied_parameter) ++r.tied_parameter_total;
    if (r.keep_ == detail::keep::totals) return;
    r.other_state.insert(own_state_end_++, {step_, name, dims, type, kind});
  }

  constexpr void fail_registered_in_function(const char* what, const char* name) {
    fail(record_->function_type_, " is applied as a function (scope::call), but registers the ", what, " \"", name,
         "\": register it as a child, self(\"name\", module, x)");
  }

  constexpr void fail_registered_twice(const child_name& name) {
    diagnostic quoted;
    quoted.push_back('"');
    name.write(quoted);
    quoted.push_back('"');
    fail(quoted.message(), " is registered twice");
  }

  // What apply notes before a child's forward, for after it.
  struct entered_child {
    std::size_t registration;
    bool checking_name;
    bool registered_now;
    std::int64_t macs_before;
    std::int64_t parameters_before;
    std::int64_t buffers_before;
    int step;             // the inner scope's
    std::ptrdiff_t call;  // the child's entry in the calls, if it records one
  };

  // The parameters counted so far where the child's go: apart while a declared child is called again.
  constexpr std::int64_t parameters_counted() const {
    detail::record& r = *record_;
    return r.calling_declared_ > 0 ? r.parameters_called_again_ : r.parameter_total;
  }

  // apply's work before a child's forward and after it, the same for every module type: written
  // once, not in each apply<M> (the command compiles a few hundred of them).
  constexpr entered_child enter_child(const child_name& name, std::string_view type_name, run_as how, bool auto_indexed,
                                      bool records_calls) {
    detail::record& r = *record_;
    entered_child entered{r.registered_size_, r.check_names_ && !calls_again(how), false, r.mac_total, 0, 0, step_, -1};
    if (entered.checking_name) {
      const bool index_like = *name.text == '\0' && name.number >= 0 && name.second_number < 0;
      if (auto_indexed) {
        if (explicit_indices_ > 0) register_name(name, type_name, false);
        entered.registered_now = r.registered_size_ > entered.registration;
      } else if (index_like && name.number < next_index_) {
        fail_registered_twice(name);
      } else {
        if (index_like) ++explicit_indices_;
        register_name(name, type_name, how == run_as::called);
        entered.registered_now = r.registered_size_ > entered.registration;
      }
    }
    if (how == run_as::not_run) ++r.not_run_;
    if (calls_again(how)) ++r.calling_declared_;
    entered.parameters_before = parameters_counted();
    entered.buffers_before = r.buffer_tensor_total;
    // A declared child called again registers nothing but a tied module's parameters: a pass that
    // keeps only names needs no name step for it (a mixture of experts calls every expert again).
    const bool names_nothing = r.keep_ == detail::keep::names && r.calling_declared_ > 0 && r.calling_tied_ == 0;
    if (r.keep_ == detail::keep::totals || names_nothing) return entered;
    entered.step = static_cast<int>(r.steps.size());
    r.steps.push_back({step_, name});
    // A declared nn.ModuleList called again records no call, as registering it records none.
    const bool records_call = how == run_as::called || (how == run_as::call_again && records_calls);
    if (records_call && r.not_run_ == 0 && r.keep_ == detail::keep::tables) {
      entered.call = static_cast<std::ptrdiff_t>(r.calls.size());
      r.calls.push_back({entered.step, type_name, {}, 0, 0});
    }
    return entered;
  }

  constexpr void leave_child(const entered_child& entered, const scope& inner, const child_name& name, run_as how,
                             bool auto_indexed, const shape& y) {
    detail::record& r = *record_;
    const std::int64_t parameters = parameters_counted() - entered.parameters_before;
    inner.count_unchosen_experts(parameters);
    if (entered.call >= 0) {
      detail::record::module_call& made = r.calls[static_cast<std::size_t>(entered.call)];
      made.output = y;
      made.parameters = parameters;
      made.macs = r.mac_total - entered.macs_before;
    }
    if (entered.checking_name) {
      const bool has_state = parameters != 0 || r.buffer_tensor_total != entered.buffers_before;
      if (entered.registered_now) {
        r.registered_[entered.registration].has_state = has_state;
      } else if (has_state && !auto_indexed) {
        fail_registered_twice(name);  // called again under its name, but it has parameters or buffers of its own
      }
    }
    if (how == run_as::not_run) {
      --r.not_run_;
      r.mac_total = entered.macs_before;
    }
    if (calls_again(how)) --r.calling_declared_;
  }

  template <module M>
  constexpr shape apply(const child_name& name, const M& child, const shape& x, run_as how, bool auto_indexed = false) {
    if (record_->as_function_ > 0) {
      fail(record_->function_type_, " is applied as a function (scope::call), but registers the child ",
           child.type_name, ": register it as a child, self(\"name\", module, x)");
      return x;
    }
    const entered_child entered = enter_child(name, child.type_name, how, auto_indexed, !uncalled_module<M>);
    scope inner(*record_, *this, name, child.type_name, entered.step, entered.call);
    const shape y = child.forward(inner, x);
    leave_child(entered, inner, name, how, auto_indexed, y);
    return y;
  }

  template <module M>
  constexpr shape apply_copies(int count, const M& child, shape x, run_as how) {
    detail::record& r = *record_;
    for (int i = 0; i < count; ++i) {
      // Explicitly indexed siblings make every index a name to check, which only a walk does; a
      // trace records every copy's calls.
      const bool once_for_rest = r.keep_ != detail::keep::tables && explicit_indices_ == 0 && i + 1 < count;
      const detail::record::counters before = once_for_rest ? r.read_counters() : detail::record::counters{};
      const detail::record::list_ends first = r.read_list_ends();
      const shape y = apply(child_name{"", next_index_++}, child, x, how, true);
      const shape next = how == run_as::not_run ? x : y;
      if (once_for_rest && next == x) {
        const int rest = count - 1 - i;
        const detail::record::counters after = r.read_counters();
        r.add_again(before, after, rest);
        if (r.keep_ == detail::keep::names) r.add_copies(first, before, after, rest);
        next_index_ += rest;
        return next;
      }
      x = next;
    }
    return x;
  }

  template <module M>
  constexpr shape call_again(const child_name& name, const M& child, const shape& x, run_as how = run_as::call_again) {
    return apply(name, child, x, how);
  }

  // After this module's forward, given the parameters it registered: the share of its experts a
  // token does not use (parameters met again in a declared child's call count once, where declared).
  constexpr void count_unchosen_experts(std::int64_t parameters) const {
    if (experts_ == 0 || record_->calling_declared_ > 0) return;
    record_->inactive_parameter_total += parameters - checked_mul(parameters, active_experts_) / experts_;
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
      out.append(type_);
      return;
    }
    if (parent_->parent_ != nullptr) {
      parent_->write_path(out);
      out.append('.');
    }
    name_.write(out);
  }

  detail::record* record_;
  const scope* parent_ = nullptr;
  child_name name_{""};
  std::string_view type_;
  int step_ = 0;
  std::ptrdiff_t call_ = -1;  // this module's record in record::calls, if it has one
  std::int64_t next_index_ = 0;
  int explicit_indices_ = 0;             // children named by an index at or after next_index_
  std::size_t own_parameters_end_ = 0;   // where the next own parameter goes in the table
  std::size_t own_state_end_ = 0;        // where the next own buffer or tied parameter goes in other_state
  std::size_t registered_begin_ = 0;     // this module's names in record::registered_
  std::uint64_t registered_hashes_ = 0;  // a bit for each name's hash
  int active_experts_ = 0;               // set by experts_per_token
  int experts_ = 0;
};

// A child registered by scope::declare: call it as a function of its input, any number of times.
template <module M>
class declared_child {
 public:
  constexpr shape operator()(const shape& x) const { return parent_->call_again(name_, child_, x); }

  // A call of a child that returns several tensors (RAFT's update block returns the hidden state
  // and the flow's update): its multiply-accumulates count and its parts' calls are recorded, its
  // own is not (as scope::several_outputs).
  constexpr shape several_outputs(const shape& x) const {
    return parent_->call_again(name_, child_, x, scope::run_as::call_again_unrecorded);
  }

  // Its output for the input it was declared with.
  constexpr const shape& declared_output() const { return declared_output_; }

 private:
  friend class scope;
  constexpr declared_child(scope& parent, const child_name& name, const M& child, const shape& output)
      : parent_(&parent), name_(name), child_(child), declared_output_(output) {}

  scope* parent_;
  child_name name_;
  M child_;
  shape declared_output_;
};

}  // namespace archdesc
