#include <test_data.hpp>

#include <architectures/torchvision/mobilenet_v2.hpp>
#include <architectures/torchvision/resnet.hpp>

#include <archdesc/report.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <utility>

namespace reports_test {

using archdesc::test::data_path;
using archdesc::test::read_file;

TEST_CASE("mobilenet_v2's report is the seed, byte for byte", "[report][seed]") {
  const std::string seed = read_file(data_path("reference_reports/mobilenet_v2.md"));
  REQUIRE(!seed.empty());
  CHECK(archdesc::markdown_report("mobilenet_v2", archdesc::trace(archdesc::mobilenet_v2::mobilenet_v2())) == seed);
}

TEST_CASE("resnext50_32x4d's report is the seed but for the blank line the older tool left out", "[report][seed]") {
  std::string seed = read_file(data_path("reference_reports/resnext50_32x4d.md"));
  const std::string table_end = "| \n**Proportional of parameters by form**";
  const auto at = seed.find(table_end);
  REQUIRE(at != std::string::npos);
  // Inserting a char at an iterator: g++ 12's -Wrestrict warns falsely on insert(pos, "\n") at -O3.
  seed.insert(seed.begin() + static_cast<std::ptrdiff_t>(at + 2), '\n');
  CHECK(archdesc::markdown_report("resnext50_32x4d", archdesc::trace(archdesc::resnet::resnext50_32x4d())) == seed);
}

TEST_CASE("every model's report equals torchvision's golden, byte for byte", "[report][golden]") {
  for (const auto& model : archdesc::test::all_models()) {
    DYNAMIC_SECTION(model.name) {
      const std::string golden = read_file(data_path("goldens/reports/" + model.name + ".md"));
      REQUIRE(!golden.empty());
      CHECK(archdesc::markdown_report(model.name, model.trace()) == golden);
    }
  }
}

TEST_CASE("index.tsv gives every golden model's tensors and parameters, as torchvision counts them", "[golden]") {
  std::map<std::string, std::pair<std::size_t, std::int64_t>> index;  // name -> tensors, parameters
  std::istringstream lines(read_file(data_path("goldens/index.tsv")));
  std::string name;
  std::size_t tensors = 0;
  std::int64_t parameters = 0;
  while (lines >> name >> tensors >> parameters) {
    INFO(name << " is listed twice");
    CHECK(index.emplace(name, std::pair{tensors, parameters}).second);
  }
  CHECK(lines.eof());  // every line read: none malformed
  const auto models = archdesc::test::all_models();
  CHECK(index.size() == models.size());  // no row without a model
  for (const auto& model : models) {
    INFO(model.name);
    const auto row = index.find(model.name);
    CHECK(row != index.end());
    if (row == index.end()) continue;
    const archdesc::trace_result traced = model.trace();
    CHECK(row->second.first == traced.parameters.size());
    CHECK(row->second.second == traced.parameter_total);
  }
}

TEST_CASE("every model's state_dict() equals torchvision's golden: names, order, shapes, dtypes",
          "[state_dict][golden]") {
  for (const auto& model : archdesc::test::all_models()) {
    DYNAMIC_SECTION(model.name) {
      const std::string golden = read_file(data_path("goldens/state_dicts/" + model.name + ".tsv"));
      REQUIRE(!golden.empty());
      std::string listed;
      for (const archdesc::tensor_info& entry : model.trace().state_dict)
        listed +=
            fmt::format("{}\t{}\t{}\n", entry.name, archdesc::shape_text(entry.dims), archdesc::torch_name(entry.type));
      CHECK(listed == golden);
    }
  }
}

}  // namespace reports_test
