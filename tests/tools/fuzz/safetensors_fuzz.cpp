// libFuzzer target: arbitrary bytes as a whole .safetensors file. The parser must return the
// tensors or throw checkpoint_error; anything else (another exception, a crash, a sanitizer
// report, a hang, an allocation beyond -rss_limit_mb) is a finding.
#include <archdesc/tool/safetensors.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const auto tensors = archdesc::tool::parse_safetensors_header(bytes, bytes.size());
    // An accepted header's tensors cover the data exactly: their sizes add up to it.
    std::uint64_t header_length = 0;
    for (int i = 7; i >= 0; --i) header_length = header_length << 8 | data[i];
    std::uint64_t covered = 0;
    for (const auto& tensor : tensors) {
      if (tensor.name == "__metadata__" || tensor.shape.size() > static_cast<std::size_t>(archdesc::shape::max_rank) ||
          tensor.data_offsets[0] > tensor.data_offsets[1])
        std::abort();
      covered += tensor.data_offsets[1] - tensor.data_offsets[0];
    }
    if (covered != size - 8 - header_length) std::abort();
  } catch (const archdesc::tool::checkpoint_error&) {
    // a refusal with a reason: the expected outcome for most inputs
  } catch (const std::exception& e) {
    std::fprintf(stderr, "safetensors_fuzz: unexpected exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}
