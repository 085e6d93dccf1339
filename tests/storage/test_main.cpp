#define BOOST_TEST_MODULE kartoteka storage contract
#include <boost/test/unit_test.hpp>
