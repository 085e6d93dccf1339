#pragma once
/// The people who use Kartoteka, with role and team (DOMAIN.md "Who uses it").
#include <string>

#include "enums.h"
#include "types.h"

namespace kartoteka::model {

struct Team {
    Id id = 0;
    std::string name;
    Id lead_id = 0;  ///< the team lead: SLA escalations go here; 0 = none yet
};

struct Agent {
    Id id = 0;
    std::string login;
    std::string name;
    Role role = Role::operator_;
    Id team_id = 0;
    bool active = true;
    /// PostgreSQL: the database login role this agent signs in as (the seat's identity); empty on SQLite
    /// and for an agent who works only through a maintenance connection.
    std::string db_role = {};
};

}  // namespace kartoteka::model
