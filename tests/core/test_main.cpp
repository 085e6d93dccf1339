#define BOOST_TEST_MODULE kartoteka core
#include <boost/test/unit_test.hpp>
