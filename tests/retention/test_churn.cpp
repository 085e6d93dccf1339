// Churn figures: DOMAIN.md "Churn figures" worked examples, by formula. The same figures over stored
// histories are the retention report's (test_retention_report.cpp, test_loss_facts.cpp).
#include <boost/test/unit_test.hpp>

#include "retention/churn_report.h"

using namespace kartoteka;


BOOST_AUTO_TEST_SUITE(churn)

BOOST_AUTO_TEST_CASE(formulas_reproduce_the_worked_figures) {
    BOOST_TEST(retention::count_churn_percent(200, 1000) == 20.0);
    BOOST_TEST(retention::money_churn(200, 200000, 6) == 240000000);   // 200 x 2000 RUB x 6 = 2,400,000 RUB
    BOOST_TEST(retention::value_lost(100, 2500000) == 250000000);      // 100 x 25,000 RUB = 2,500,000 RUB
    BOOST_TEST(retention::count_churn_percent(5, 0) == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
