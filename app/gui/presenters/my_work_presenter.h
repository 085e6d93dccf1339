#pragma once
/// The "My work" page (issue 19), wx-free: the signed-in agent's planned contacts, callbacks, offers
/// and open complaints in one table by due time, each saying whether it may be done now and why not.
#include <string>
#include <vector>

#include "card_presenter.h"
#include "desk/my_work.h"

namespace kartoteka::gui {

class MyWorkPresenter {
public:
    MyWorkPresenter(Translate tr, std::string zone) : m_tr(std::move(tr)), m_zone(std::move(zone)) {}
    /// Rows carry the customer's id (Enter opens their card). Overdue rows are red, those that may not
    /// be done now grey.
    Table present(const std::vector<desk::WorkItem>& items, model::Timestamp now) const;

private:
    std::string tr(const char* s) const { return m_tr ? m_tr(s) : s; }
    Translate m_tr;
    std::string m_zone;
};

}  // namespace kartoteka::gui
