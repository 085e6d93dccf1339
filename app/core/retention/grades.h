#pragma once
/// What a customer's loyalty grade gives them and what the next one would (004: "customers in C should
/// see which privileges they could count on in B, and customers in B what awaits them in A").
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "retention/customer_value.h"

namespace kartoteka::retention {

struct GradeView {
    char grade = 'C';
    std::vector<config::Privilege> privileges;  ///< the current grade's
    char next = 0;                              ///< the grade above; 0 for A
    std::vector<config::Privilege> next_adds;   ///< the next grade's privileges the current one lacks
    std::vector<util::Message> missing;         ///< each unmet condition of the next grade, as a template
};

/// The view of `value.tier` under the configured grades.
GradeView grade_view(const CustomerValue& value, const config::GradeRules& rules);

/// The privilege in `language` ("en", "ru", "bg"); English when that language has no text.
std::string privilege_text(const config::Privilege& privilege, const std::string& language);

}  // namespace kartoteka::retention
