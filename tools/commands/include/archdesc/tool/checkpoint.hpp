// archdesc/tool/checkpoint.hpp: a checkpoint as its files hold it (one .safetensors file, the
// shards a Hugging Face index names, or a directory of shards), read header by header without its
// weights, and compared with a model's state_dict() as PyTorch or transformers loads it.
//
//   const auto files = archdesc::tool::read_checkpoint("model.safetensors.index.json");
//   archdesc::tool::comparison_options options;
//   options.floating_dtype = archdesc::dtype::bfloat16;
//   const auto result = archdesc::tool::compare_checkpoint(files.tensors, archdesc::trace(net), options);
//   bool fits = files.problems.empty() && result.matches();
#pragma once

#include <archdesc/tool/safetensors.hpp>

#include <archdesc/dtype.hpp>
#include <archdesc/trace.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace archdesc::tool {

struct checkpoint_files {
  std::vector<checkpoint_tensor> tensors;  // file by file, each in its header's order; each name once
  std::size_t file_count = 0;
  // Where an index and its shards disagree: a tensor in another shard than the index names, in no
  // shard, in two shards; a total_size that is not the bytes of the tensors.
  std::vector<std::string> problems;
};

// `path` is a .safetensors file; a Hugging Face index (model.safetensors.index.json), whose
// weight_map names each tensor's shard, a file beside it; or a directory holding either an index
// and its shards or, without an index, shards whose union is the checkpoint. Only headers are read.
checkpoint_files read_checkpoint(const std::filesystem::path& path);

struct comparison_options {
  bool parameters_only = false;  // compare with named_parameters() rather than state_dict()
  // Every floating tensor must have this dtype (integer buffers keep theirs); without it, dtypes
  // are counted, not judged.
  std::optional<archdesc::dtype> floating_dtype{};
  // As transformers loads a checkpoint: a tensor named as one of the model's buffers, which
  // state_dict() leaves out (a non-persistent one), is ignored rather than unexpected.
  bool ignore_buffers_on_load = false;
};

struct checkpoint_comparison {
  std::vector<std::string> missing;                          // "name (a, b)": in the model, not in the checkpoint
  std::vector<std::string> unexpected;                       // in the checkpoint, not in the model
  std::vector<std::string> misshaped;                        // "name: checkpoint (a, b), model (c, d)"
  std::vector<std::string> wrong_dtype;                      // "name: checkpoint F32, expected BF16"
  std::vector<std::string> ignored;                          // "name (a, b) F32": a buffer the loader ignores
  std::vector<std::string> tied_absent;                      // tied parameters saved once, under the other name
  std::vector<std::pair<std::string, std::int64_t>> dtypes;  // the checkpoint's dtypes, by name, and their tensors
  std::size_t compared = 0;                                  // the tensors of the model compared with
  bool matches() const { return missing.empty() && unexpected.empty() && misshaped.empty() && wrong_dtype.empty(); }
};

checkpoint_comparison compare_checkpoint(const std::vector<checkpoint_tensor>& checkpoint, const trace_result& model,
                                         const comparison_options& options = {});

}  // namespace archdesc::tool
