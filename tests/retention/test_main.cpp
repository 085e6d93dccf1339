#define BOOST_TEST_MODULE kartoteka retention rules
#include <boost/test/unit_test.hpp>
