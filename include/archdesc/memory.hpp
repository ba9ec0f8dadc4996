// archdesc/memory.hpp: will it fit? Bytes of weights, key-value cache, training states and
// activations, as constexpr functions of a descriptor's sizes.
//
//   constexpr auto net = archdesc::llama::llama_2_7b();
//   constexpr archdesc::transformer_geometry layers = archdesc::llama::geometry_of(net.config);
//   static_assert(archdesc::kv_cache_bytes(layers, {.batch = 1, .sequence = 4096}, archdesc::precision::fp16) ==
//                 2 * archdesc::GiB);
//   // Mixed-precision Adam under ZeRO stage 3 on 8 devices, 16-bit activations of 4096 tokens with
//   // selective recomputation: fits in 80 GiB.
//   constexpr std::int64_t per_device =
//       archdesc::model_states_per_device(archdesc::parameter_count<net>, archdesc::precision::bf16,
//                                         archdesc::optimizer::adam, {.zero_stage = 3, .devices = 8}) +
//       archdesc::activation_bytes(layers, {.batch = 1, .sequence = 4096}, archdesc::precision::bf16,
//                                  {.recompute = archdesc::recompute::selective});
//   static_assert(per_device <= 80 * archdesc::GiB);
//
// The sources: mixed-precision model states and their partitioning as in the ZeRO paper
// (Rajbhandari et al., 2020, section 5); a transformer layer's activations as in "Reducing
// Activation Recomputation in Large Transformer Models" (Korthikanti et al., 2022, table 2).
#pragma once

#include <archdesc/checked.hpp>
#include <archdesc/queries.hpp>

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace archdesc {

inline constexpr std::int64_t KiB = std::int64_t{1} << 10;
inline constexpr std::int64_t MiB = std::int64_t{1} << 20;
inline constexpr std::int64_t GiB = std::int64_t{1} << 30;
inline constexpr std::int64_t TiB = std::int64_t{1} << 40;

// The number formats a plan runs weights, activations and caches in (int4 included), as opposed to
// archdesc::dtype (<archdesc/dtype.hpp>), the dtype a tensor is stored in.
enum class precision { fp32, bf16, fp16, fp8, int8, int4 };

constexpr std::string_view precision_name(precision d) {
  constexpr std::string_view names[] = {"fp32", "bf16", "fp16", "fp8", "int8", "int4"};
  return names[static_cast<int>(d)];
}

// Bytes of `elements` values of a dtype; int4 packs two values in a byte (an odd count rounds up).
constexpr std::int64_t bytes_of(std::int64_t elements, precision d) {
  switch (d) {
    case precision::fp32:
      return checked_mul(elements, 4);
    case precision::bf16:
    case precision::fp16:
      return checked_mul(elements, 2);
    case precision::fp8:
    case precision::int8:
      return elements;
    case precision::int4:
      return elements / 2 + elements % 2;
  }
  return 0;
}

// The weights of a descriptor's parameters in one dtype.
template <auto Net>
constexpr std::int64_t weight_bytes(precision d) {
  return bytes_of(parameter_count<Net>, d);
}

// What memory planning needs of a transformer's stack of layers; each family states it once, from
// its config (llama::geometry_of(config)).
struct transformer_geometry {
  std::int64_t layers = 0;  // those Korthikanti et al.'s activations count: an encoder-decoder's both stacks
  std::int64_t hidden_size = 0;
  std::int64_t attention_heads = 0;
  std::int64_t cached_per_token = 0;  // values the whole model caches per token, every layer's
  std::int64_t context = 0;           // the sequence length the model is made for
  // What the cache holds, or why there is none ("none: an encoder ..."), for the reader.
  std::string_view cache{};
};

// One layer's cache per token with key_value_heads heads of keys and of values (grouped-query
// attention when fewer than the query heads).
constexpr std::int64_t key_value_cache_per_token(std::int64_t key_value_heads, std::int64_t head_dim) {
  return checked_mul(2, checked_mul(key_value_heads, head_dim));
}

// One layer's cache per token with multi-head latent attention: the compressed key-value latent
// and the shared rotary key.
constexpr std::int64_t latent_cache_per_token(std::int64_t kv_lora_rank, std::int64_t rope_head_dim) {
  return checked_add(kv_lora_rank, rope_head_dim);
}

// A decoder each of whose layers caches a key and a value of head_dim for each key-value head.
constexpr transformer_geometry key_value_decoder(std::int64_t layers, std::int64_t hidden_size,
                                                 std::int64_t attention_heads, std::int64_t key_value_heads,
                                                 std::int64_t head_dim, std::int64_t context) {
  return {.layers = layers,
          .hidden_size = hidden_size,
          .attention_heads = attention_heads,
          .cached_per_token = checked_mul(layers, key_value_cache_per_token(key_value_heads, head_dim)),
          .context = context,
          .cache = "a key and a value per key-value head and layer"};
}

// What the families without a cache state, worded once.
inline constexpr std::string_view encoder_caches_nothing =
    "none: an encoder attends to its whole input in one pass and keeps nothing for the next";

// What a pass runs on: `batch` sequences of `sequence` tokens.
struct workload {
  std::int64_t batch = 1;
  std::int64_t sequence = 0;
};

// The key-value cache of every layer for the whole workload.
constexpr std::int64_t kv_cache_bytes(const transformer_geometry& g, const workload& w, precision d) {
  return bytes_of(checked_mul(g.cached_per_token, checked_mul(w.batch, w.sequence)), d);
}

enum class optimizer { adam, sgd };

// Bytes per parameter of the model states in training: ZeRO's 2 + 2 + K.
struct model_state_bytes {
  std::int64_t weights = 0;
  std::int64_t gradients = 0;
  std::int64_t optimizer_states = 0;  // K

  constexpr std::int64_t total() const { return weights + gradients + optimizer_states; }
};

// fp32 training keeps fp32 weights and gradients, and Adam its momentum and variance (K = 8).
// Mixed precision (bf16, fp16; fp8, which keeps 16-bit weights and gradients as accelerate counts
// it) adds fp32 master weights to the optimizer's states: Adam's K = 12 as in ZeRO, plain SGD's 4.
// int8 and int4 are inference formats: training in them is not modelled and throws.
constexpr model_state_bytes model_state_bytes_per_parameter(precision d, optimizer o) {
  const std::int64_t moments = o == optimizer::adam ? 8 : 0;
  switch (d) {
    case precision::fp32:
      return {4, 4, moments};
    case precision::bf16:
    case precision::fp16:
    case precision::fp8:
      return {2, 2, 4 + moments};
    case precision::int8:
    case precision::int4:
      break;
  }
  throw std::invalid_argument("archdesc: training in int8 or int4 is not modelled; choose fp32, bf16, fp16 or fp8");
}

// How training spreads the model states: ZeRO stage 0 (plain data parallelism: every device holds
// everything), 1 (optimizer states partitioned), 2 (and gradients), 3 (and weights), over
// `devices` data-parallel devices; each replica split over `tensor_parallel` devices.
struct partitioning {
  int zero_stage = 0;
  std::int64_t devices = 1;
  std::int64_t tensor_parallel = 1;
};

// The model states one device holds (ZeRO paper, figure 1): with Ψ parameters (divided by the
// tensor-parallel degree) and N devices, (2 + 2 + K)Ψ, 2Ψ + 2Ψ + KΨ/N, 2Ψ + (2 + K)Ψ/N,
// (2 + 2 + K)Ψ/N; a partition holds Ψ/N parameters, rounded up.
constexpr std::int64_t model_states_per_device(std::int64_t parameters, precision d, optimizer o,
                                               const partitioning& p) {
  if (p.zero_stage < 0 || p.zero_stage > 3) throw std::invalid_argument("archdesc: ZeRO stages are 0, 1, 2 and 3");
  if (p.devices < 1 || p.tensor_parallel < 1) throw std::invalid_argument("archdesc: device counts start at 1");
  const model_state_bytes b = model_state_bytes_per_parameter(d, o);
  const std::int64_t local = parameters / p.tensor_parallel + (parameters % p.tensor_parallel != 0 ? 1 : 0);
  const std::int64_t partition = local / p.devices + (local % p.devices != 0 ? 1 : 0);
  const auto held = [&](std::int64_t bytes, int partitioned_from_stage) {
    return checked_mul(bytes, p.zero_stage >= partitioned_from_stage ? partition : local);
  };
  return checked_add(checked_add(held(b.weights, 3), held(b.gradients, 2)), held(b.optimizer_states, 1));
}

// Which activations the backward pass recomputes (Korthikanti et al., section 5): none; the
// attention's softmax, its dropout and the products around them (selective); everything but
// each layer's input (full).
enum class recompute { none, selective, full };

struct activation_options {
  std::int64_t tensor_parallel = 1;
  bool sequence_parallel = false;
  archdesc::recompute recompute = recompute::none;
};

// The activations one transformer layer keeps for its backward pass (Korthikanti et al., table 2),
// with s tokens, b sequences, hidden size h and a heads. In 16-bit, sbh(34 + 5as/h) bytes:
// 4sbh replicated across tensor-parallel devices (the two layer norms' inputs, the attention's
// and the MLP's inputs) plus 2sbh of dropout masks (a byte each), 24sbh split (Q, K, V, the
// projection's input, the GeLU's input and output), and 5as²b split (softmax output, its dropout
// mask and output). Sequence parallelism splits the replicated part too; selective recompute drops
// the 5as²b; full recompute keeps only each layer's input, 2sbh. Other dtypes scale the values
// (16 per sbh, 2 per as²b) and keep the one-byte masks.
constexpr std::int64_t layer_activation_bytes(const transformer_geometry& g, const workload& w, precision d,
                                              const activation_options& o = {}) {
  if (o.tensor_parallel < 1) throw std::invalid_argument("archdesc: the tensor-parallel degree starts at 1");
  const std::int64_t value = bytes_of(1, d);
  const std::int64_t sbh = checked_mul(checked_mul(w.sequence, w.batch), g.hidden_size);
  const std::int64_t as2b = checked_mul(checked_mul(g.attention_heads, w.batch), checked_mul(w.sequence, w.sequence));
  const auto split = [&](std::int64_t bytes) { return bytes / o.tensor_parallel + (bytes % o.tensor_parallel != 0); };
  if (o.recompute == recompute::full) return checked_mul(value, sbh);
  const std::int64_t replicated = checked_mul(checked_add(checked_mul(4, value), 2), sbh);
  const std::int64_t parallel = checked_mul(checked_mul(12, value), sbh);
  const std::int64_t attention =
      o.recompute == recompute::selective ? 0 : checked_mul(checked_add(checked_mul(2, value), 1), as2b);
  const std::int64_t kept_whole = o.sequence_parallel ? 0 : replicated;
  const std::int64_t split_part = checked_add(checked_add(parallel, attention), o.sequence_parallel ? replicated : 0);
  return checked_add(kept_whole, split(split_part));
}

// Every layer's activations.
constexpr std::int64_t activation_bytes(const transformer_geometry& g, const workload& w, precision d,
                                        const activation_options& o = {}) {
  return checked_mul(g.layers, layer_activation_bytes(g, w, d, o));
}

// The fewest devices, from 1 to `most`, for which per_device(devices) <= capacity, or 0 if even
// `most` are too few; per_device must not grow with the count.
template <class PerDevice>
constexpr std::int64_t fewest_devices(std::int64_t capacity, std::int64_t most, const PerDevice& per_device) {
  if (most < 1 || per_device(most) > capacity) return 0;
  std::int64_t too_few = 0;  // per_device(too_few) > capacity, or too_few == 0
  while (most - too_few > 1) {
    const std::int64_t middle = too_few + (most - too_few) / 2;
    if (per_device(middle) <= capacity) {
      most = middle;
    } else {
      too_few = middle;
    }
  }
  return most;
}

}  // namespace archdesc
