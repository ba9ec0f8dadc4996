// The differential test against torchvision: random valid constructor arguments per family
// (tools/goldens/make_random_variants.py, seeded), each replayed as --set assignments on a built-in
// of the family; the report must be torchvision's, byte for byte.
#include <archdesc/report.hpp>
#include <builtin_models.hpp>
#include <test_data.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace random_variants_test {

namespace {

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

}  // namespace

TEST_CASE("reports of random variants made with --set are torchvision's, byte for byte") {
  std::istringstream variants(archdesc::test::read_file(archdesc::test::data_path("goldens/random/variants.tsv")));
  int replayed = 0;
  for (std::string line; std::getline(variants, line);) {
    const auto fields = fields_of(line);
    REQUIRE(fields.size() >= 2);
    const std::string& name = fields[0];
    INFO(line);
    const auto* base = archdesc::tool::find_builtin(fields[1]);
    REQUIRE(base != nullptr);
    auto net = base->configure();
    for (std::size_t i = 2; i < fields.size(); ++i) {
      const auto [knob, value] = archdesc::parse_knob_assignment(fields[i]);
      net->set(knob, value);
    }
    const std::string expected = archdesc::test::read_file(archdesc::test::data_path("goldens/random/" + name + ".md"));
    REQUIRE(!expected.empty());
    CHECK(archdesc::markdown_report(name, net->trace(net->default_input())) == expected);
    ++replayed;
  }
  CHECK(replayed >= 200);
}

}  // namespace random_variants_test
