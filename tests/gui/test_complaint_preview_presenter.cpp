// F3's look ahead as the agent reads it (issue 18): working time with minutes, deadlines as clock times on
// the centre's clock ("today 19:06"), and the open complaint it would repeat.
#include <boost/test/unit_test.hpp>

#include "presenters/card_presenter.h"

using namespace kartoteka;

BOOST_AUTO_TEST_SUITE(complaint_preview_presenter)

BOOST_AUTO_TEST_CASE(norms_deadlines_and_the_repeat) {
    phone::PhoneNormalizer ru("RU");
    gui::CardPresenter p(ru, nullptr, "RUB", "Europe/Moscow");
    const model::Timestamp now = 1795000000;  // 2026-11-18 14:06:40 in Moscow
    desk::ComplaintPreview preview;
    preview.policy.first_response = 4 * 3600;
    preview.policy.resolution = 16 * 3600;
    preview.first_response_due = now + 5 * 3600;
    preview.resolution_due = now + 2 * 86400;
    auto v = p.complaint_preview(preview, now);
    BOOST_TEST(v.sla == "First answer within 4h 00m, by today 19:06. Resolution within 16h 00m, by 2026-11-20 14:06.");
    BOOST_TEST(v.repeat.empty());
    BOOST_TEST(v.repeat_id == 0);

    model::Ticket open;
    open.id = 12;
    open.subject = "Интернет пропадает каждый вечер";
    open.created_at = now - 3 * 86400;
    open.status = model::TicketStatus::waiting_customer;
    preview.same_problem = {open, open};
    preview.policy.resolution = 0;
    preview.resolution_due = 0;
    v = p.complaint_preview(preview, now);
    BOOST_TEST(v.sla == "First answer within 4h 00m, by today 19:06.");
    BOOST_TEST(v.repeat_id == 12);
    BOOST_TEST(v.repeat == "Already open on this problem: #12 “Интернет пропадает каждый вечер”, since 2026-11-15 14:06 "
                           "(waiting_customer). Others open on it: 1.");

    v = p.complaint_preview(desk::ComplaintPreview{}, now);
    BOOST_TEST(v.sla == "No response norm for this problem.");
}

BOOST_AUTO_TEST_SUITE_END()
