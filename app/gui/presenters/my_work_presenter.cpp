#include "my_work_presenter.h"

#include <set>

#include "privacy/card_number_mask.h"
#include "retention/contact_policy.h"

namespace kartoteka::gui {

Table MyWorkPresenter::present(const std::vector<desk::WorkItem>& items, model::Timestamp now) const {
    Table t;
    t.columns = {tr("Due"), tr("What"), tr("Customer"), tr("About"), tr("May do now"), tr("Why not")};
    int overdue = 0, refused = 0;
    for (const auto& w : items) {
        // A planned contact is due on a day, the rest at a clock time.
        std::string due = w.due == 0 ? "—" : format_moment(m_tr, w.due, m_zone);
        if (w.kind == desk::WorkKind::planned_contact && w.due) due = due.substr(0, 10);
        const bool complaint = w.kind == desk::WorkKind::complaint;
        // "SLA: warning" as a label and its value: two words glued read "Срок предупреждение" in bg.
        std::string why = complaint ? tr("SLA") + ": " + tr(w.rule.c_str()) : w.may_now ? "" : tr(w.rule.c_str());
        if (!complaint && !w.may_now) {
            // The fact in the screen's language when the core gave its template; English otherwise.
            const std::string fact = w.message.empty() ? w.why : w.message.in(m_tr, [this](long long at) {
                return format_moment(m_tr, at, m_zone);
            });
            // A customer's own wish is its sentence alone ("asked not to be called: the customer asked
            // not to be called" said it twice); other rules keep their name before the fact ("too
            // early: agreed for 17:06").
            static const std::set<std::string> wishes{"written_only", "do_not_call", "calls_themselves",
                                                      "unsubscribed", "channel_not_allowed"};
            if (!fact.empty()) why = wishes.count(w.rule) ? fact : why + ": " + fact;
        }
        t.rows.push_back({{due, tr(desk::to_string(w.kind)), w.customer_name, privacy::mask_card_numbers(stored_text(m_tr, w.what)),
                           w.may_now ? tr("yes") : tr("no"), privacy::mask_card_numbers(why)},
                          w.overdue ? Tone::danger : w.may_now ? Tone::normal : Tone::muted, w.customer_id});
        overdue += w.overdue;
        refused += !w.may_now;
    }
    t.caption = counted(m_tr, NP_("{1} task", "{1} tasks"), static_cast<long long>(items.size())) + ", " +
                counted(m_tr, NP_("{1} overdue", "{1} overdue"), overdue) + ", " + counted(m_tr, NP_("{1} not now", "{1} not now"), refused);
    (void)now;
    return t;
}

}  // namespace kartoteka::gui
