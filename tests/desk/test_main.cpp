#define BOOST_TEST_MODULE kartoteka desk
#include <boost/test/unit_test.hpp>
