#define BOOST_TEST_MODULE kartoteka sla
#include <boost/test/unit_test.hpp>
