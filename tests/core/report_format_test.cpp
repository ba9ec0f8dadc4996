#include <archdesc/report.hpp>

#include <catch2/catch.hpp>

namespace report_format_test {

using archdesc::count_text;
using archdesc::form;
using archdesc::percent_text;

TEST_CASE("parameter totals: the integer below 1000, then K, M, G, T with two decimals", "[report]") {
  CHECK(count_text(0) == "0");
  CHECK(count_text(999) == "999");
  CHECK(count_text(1000) == "1.00K");
  CHECK(count_text(1005) == "1.00K");  // 1.005 is below 1.005 in binary
  CHECK(count_text(999'994) == "999.99K");
  CHECK(count_text(999'999) == "1000.00K");
  CHECK(count_text(1'000'000) == "1.00M");
  CHECK(count_text(3'504'872) == "3.50M");
  CHECK(count_text(25'028'904) == "25.03M");
  CHECK(count_text(999'999'999) == "1000.00M");
  CHECK(count_text(1'000'000'000) == "1.00G");
  CHECK(count_text(174'604'259'328) == "174.60G");
  CHECK(count_text(999'999'999'999) == "1000.00G");
  CHECK(count_text(1'000'000'000'000) == "1.00T");
  CHECK(count_text(1'600'000'000'000'000) == "1600.00T");
}

TEST_CASE("percentages are rounded correctly from the double quotient", "[report]") {
  CHECK(percent_text(1, 3) == "33.33");
  CHECK(percent_text(2, 3) == "66.67");
  CHECK(percent_text(1, 8) == "12.50");
  CHECK(percent_text(1, 800) == "0.12");  // 0.125 exactly: ties go to even, as printf and Python do
  CHECK(percent_text(3, 800) == "0.38");  // 0.375 exactly
  CHECK(percent_text(0, 5) == "0.00");
  CHECK(percent_text(5, 5) == "100.00");
  CHECK(percent_text(105, 158) == "66.46");  // mobilenet_v2's Vector share
}

TEST_CASE("form columns: Vector and Matrix always, then the other ranks present by their text", "[report]") {
  archdesc::form_totals totals;
  totals.tensors[4] = 3;
  totals.tensors[0] = 1;
  totals.tensors[3] = 2;
  totals.tensors[1] = 9;
  const auto columns = archdesc::report_columns(totals);
  REQUIRE(columns.size() == 5);
  CHECK(columns[0] == form{1});
  CHECK(columns[1] == form{2});
  CHECK(columns[2] == form{0});
  CHECK(columns[3] == form{3});
  CHECK(columns[4] == form{4});

  archdesc::form_totals vectors_only;
  vectors_only.tensors[1] = 2;
  const auto two = archdesc::report_columns(vectors_only);
  REQUIRE(two.size() == 2);
  CHECK(two[1] == form{2});
}

}  // namespace report_format_test
