#include <archdesc/report.hpp>

#include <catch2/catch.hpp>

namespace shape_test {

using archdesc::form;
using archdesc::form_name;
using archdesc::form_of;
using archdesc::shape;
using archdesc::shape_text;

TEST_CASE("squeeze removes every dimension of size 1, at any rank", "[shape]") {
  CHECK(shape{1}.squeezed() == shape{});
  CHECK(shape{1, 1, 1, 1}.squeezed() == shape{});
  CHECK(shape{64}.squeezed() == shape{64});
  CHECK(shape{128, 64, 1, 1}.squeezed() == shape{128, 64});
  CHECK(shape{32, 1, 3, 3}.squeezed() == shape{32, 3, 3});
  CHECK(shape{1, 1, 768}.squeezed() == shape{768});
  CHECK(shape{2, 3, 4, 5, 6}.squeezed() == shape{2, 3, 4, 5, 6});
  CHECK(shape{}.squeezed() == shape{});
}

TEST_CASE("the form is the rank of the squeezed shape", "[shape]") {
  CHECK(form_of(shape{1}) == form{0});
  CHECK(form_of(shape{1, 1}) == form{0});
  CHECK(form_of(shape{64}) == form{1});
  CHECK(form_of(shape{1, 1, 768}) == form{1});
  CHECK(form_of(shape{1000, 2048}) == form{2});
  CHECK(form_of(shape{16, 32, 1, 1}) == form{2});
  CHECK(form_of(shape{96, 1, 3, 3}) == form{3});
  CHECK(form_of(shape{64, 3, 7, 7}) == form{4});
  CHECK(form_of(shape{8, 4, 3, 3, 3}) == form{5});
}

TEST_CASE("forms are named as in the reference reports", "[shape][report]") {
  CHECK(form_name(form{0}) == "Tensor rank 0");
  CHECK(form_name(form{1}) == "Vector");
  CHECK(form_name(form{2}) == "Matrix");
  CHECK(form_name(form{3}) == "Tensor rank 3");
  CHECK(form_name(form{4}) == "Tensor rank 4");
  CHECK(form_name(form{5}) == "Tensor rank 5");
}

TEST_CASE("element counts are the product of the sizes, 1 for no dimension", "[shape]") {
  CHECK(shape{}.elements() == 1);
  CHECK(shape{1}.elements() == 1);
  CHECK(shape{64, 3, 7, 7}.elements() == 9408);
  CHECK(shape{50257, 12288}.elements() == 617'558'016);
  CHECK_THROWS_AS((shape{1 << 30, 1 << 30, 1 << 30}.elements()), std::overflow_error);
}

TEST_CASE("shapes are written as Python tuples", "[shape][report]") {
  CHECK(shape_text(shape{}) == "()");
  CHECK(shape_text(shape{64}) == "(64,)");
  CHECK(shape_text(shape{1000, 1280}) == "(1000, 1280)");
  CHECK(shape_text(shape{64, 3, 7, 7}) == "(64, 3, 7, 7)");
}

TEST_CASE("negative axes count from the end, as in Python", "[shape]") {
  constexpr shape s{1, 3, 224, 224};
  STATIC_REQUIRE(s[-1] == 224);
  STATIC_REQUIRE(s[-3] == 3);
  CHECK_THROWS_AS(s[4], std::out_of_range);
  CHECK_THROWS_AS(s[-5], std::out_of_range);
}

}  // namespace shape_test
