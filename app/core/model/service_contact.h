#pragma once
/// A planned service contact on the calendar (DOMAIN.md "Service contacts").
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

/// The short how-are-you questionnaire (004).
struct Questionnaire {
    int satisfaction = 0;      ///< 1..5; 0 = not asked
    std::string free_text;
    std::string problems;      ///< problems raised; non-empty opens a complaint ticket
};

struct ServiceContact {
    Id id = 0;
    Id customer_id = 0;
    ContactType type = ContactType::how_are_you;
    Date due = 0;
    Id assignee_id = 0;
    ContactStatus status = ContactStatus::planned;
    std::string outcome;
    Timestamp done_at = 0;
    Questionnaire answers;
};

}  // namespace kartoteka::model
