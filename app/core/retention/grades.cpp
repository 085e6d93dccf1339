#include "retention/grades.h"

#include <algorithm>

namespace kartoteka::retention {
namespace {

const std::vector<config::Privilege>& privileges_of(const config::GradeRules& rules, char grade) {
    static const std::vector<config::Privilege> none;
    auto it = rules.privileges.find(grade);
    return it == rules.privileges.end() ? none : it->second;
}

}  // namespace

GradeView grade_view(const CustomerValue& value, const config::GradeRules& rules) {
    GradeView v;
    v.grade = value.tier;
    v.privileges = privileges_of(rules, v.grade);
    v.next = v.grade == 'C' ? 'B' : v.grade == 'B' ? 'A' : 0;
    if (!v.next) return v;
    // What moving up adds: a privilege both grades list (by its English text) is not news.
    for (const auto& p : privileges_of(rules, v.next))
        if (std::find(v.privileges.begin(), v.privileges.end(), p) == v.privileges.end()) v.next_adds.push_back(p);
    v.missing = value.missing_for_next;
    return v;
}

std::string privilege_text(const config::Privilege& privilege, const std::string& language) {
    auto it = privilege.text.find(language);
    if (it != privilege.text.end() && !it->second.empty()) return it->second;
    it = privilege.text.find("en");
    return it == privilege.text.end() ? std::string() : it->second;
}

}  // namespace kartoteka::retention
