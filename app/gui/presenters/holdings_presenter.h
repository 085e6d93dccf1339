#pragma once
/// The card's "Holdings" tab (issue 20), wx-free: what the customer holds with each balance's time and
/// source (a down backend's last good read marked stale with its age, never as current), the
/// satisfaction index with every input behind it, and the loyalty grade's privileges with what the
/// next grade would add and what it takes.
#include <string>
#include <vector>

#include "card/card.h"
#include "presenters/card_presenter.h"

namespace kartoteka::gui {

struct HoldingsView {
    Table holdings;                 ///< kind, product, number, balance, status, as of, source
    std::string satisfaction;       ///< "3.83 of 5 (4 ratings)"
    Tone satisfaction_tone = Tone::normal;
    std::vector<std::string> why;   ///< one line per channel, then one per rating
    std::string grade;              ///< "Grade C"
    std::vector<std::string> privileges;
    std::string next;               ///< "Grade B would add:"; empty for A
    std::vector<std::string> next_adds;
    std::vector<std::string> missing;  ///< what it takes to get there
};

class HoldingsPresenter {
public:
    /// `language`: the UI's ("en", "ru", "bg"), for the configured privileges' texts; `zone` the centre's.
    HoldingsPresenter(Translate tr, std::string language = "en", std::string zone = "UTC");
    HoldingsView present(const card::Card& card) const;

    /// "2h 05m" for an age in seconds ("45s", "12m", "3d 4h").
    std::string age(model::Timestamp seconds) const;

private:
    std::string tr(const char* s) const { return m_tr(s); }  // English without a catalogue
    std::string format(const char* english, ...) const;
    void add_holdings(HoldingsView& v, const card::Card& c) const;
    void add_satisfaction(HoldingsView& v, const retention::Satisfaction& s) const;
    void add_grade(HoldingsView& v, const retention::GradeView& g) const;
    std::string when(model::Timestamp t) const;

    Translate m_tr;
    std::string m_language;
    std::string m_zone;
};

}  // namespace kartoteka::gui
