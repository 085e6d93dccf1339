// F3's look ahead (issue 18) in the agent's words: the desk decides what is a repeat and what the norms
// are; this only says it, with working time as "4h 00m" and deadlines as clock times on the centre's clock.
#include "presenters/card_presenter.h"

namespace kartoteka::gui {
namespace {

/// The translated template with each "%s" replaced in turn (word order is the translation's).
std::string fill(std::string text, std::initializer_list<std::string> values) {
    std::size_t at = 0;
    for (const auto& v : values) {
        at = text.find("%s", at);
        if (at == std::string::npos) break;
        text.replace(at, 2, v);
        at += v.size();
    }
    return text;
}

}  // namespace

ComplaintPreviewView CardPresenter::complaint_preview(const desk::ComplaintPreview& p, model::Timestamp now) const {
    ComplaintPreviewView v;
    auto target = [&](const std::string& with_due, const std::string& without_due, std::int64_t seconds, model::Timestamp due) {
        const std::string within = format_working_time(seconds, m_tr);
        return due ? fill(with_due, {within, due_clock(due, now)}) : fill(without_due, {within});
    };
    if (p.policy.first_response > 0)
        v.sla = target(tr("First answer within %s, by %s."), tr("First answer within %s."), p.policy.first_response, p.first_response_due);
    if (p.policy.resolution > 0)
        v.sla += (v.sla.empty() ? "" : " ") +
                 target(tr("Resolution within %s, by %s."), tr("Resolution within %s."), p.policy.resolution, p.resolution_due);
    if (v.sla.empty()) v.sla = tr("No response norm for this problem.");
    if (p.same_problem.empty()) return v;
    const auto& t = p.same_problem.front();
    v.repeat_id = t.id;
    v.repeat = fill(tr("Already open on this problem: #%s “%s”, since %s (%s)."),
                    {std::to_string(t.id), t.subject, when(t.created_at), tr(model::to_string(t.status))});
    if (p.same_problem.size() > 1)
        v.repeat += " " + fill(tr("Others open on it: %s."), {std::to_string(p.same_problem.size() - 1)});
    return v;
}

}  // namespace kartoteka::gui
