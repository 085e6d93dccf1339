// Store: agents and teams.
#include <soci/soci.h>

#include "storage/store.h"
#include "storage/store_util.h"

namespace kartoteka::storage {

using model::Agent;
using model::Id;
using model::Team;

Id Store::insert_team(Team& t) {
    return guarded("save team", [&] {
        session() << "INSERT INTO teams(name, lead_id) VALUES(:n, :l) RETURNING id", soci::use(t.name),
            soci::use(t.lead_id), soci::into(t.id);
        return t.id;
    });
}

void Store::set_team_lead(Id team_id, Id lead_id) {
    guarded("save team lead", [&] {
        session() << "UPDATE teams SET lead_id = :l WHERE id = :t", soci::use(lead_id), soci::use(team_id);
    });
}

Id Store::insert_agent(Agent& a) {
    return guarded("save agent", [&] {
        std::string role = model::to_string(a.role);
        int active = a.active ? 1 : 0;
        session() << "INSERT INTO agents(login, name, role, team_id, active, db_role) VALUES(:l, :n, :r, :t, :a, :d) "
                     "RETURNING id",
            soci::use(a.login), soci::use(a.name), soci::use(role), soci::use(a.team_id), soci::use(active),
            soci::use(a.db_role), soci::into(a.id);
        return a.id;
    });
}

namespace {

template <typename Key>
std::vector<Agent> select_agents(soci::session& s, const std::string& where, const Key* key) {
    std::vector<Agent> out;
    Agent a;
    std::string role;
    int active = 1;
    std::string sql = "SELECT id, login, name, role, team_id, active, db_role FROM agents " + where + " ORDER BY id";
    soci::statement st(s);
    st.exchange(soci::into(a.id));
    st.exchange(soci::into(a.login));
    st.exchange(soci::into(a.name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(a.team_id));
    st.exchange(soci::into(active));
    st.exchange(soci::into(a.db_role));
    if (key) st.exchange(soci::use(*key));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        a.role = enum_or(role, model::Role::operator_);
        a.active = active != 0;
        out.push_back(a);
    }
    return out;
}

}  // namespace

std::optional<Agent> Store::agent(Id id) {
    return guarded("read agent", [&]() -> std::optional<Agent> {
        auto v = select_agents(session(), "WHERE id = :k", &id);
        if (v.empty()) return std::nullopt;
        return v.front();
    });
}

std::optional<Agent> Store::agent_by_login(const std::string& login) {
    return guarded("read agent", [&]() -> std::optional<Agent> {
        auto v = select_agents(session(), "WHERE login = :k", &login);
        if (v.empty()) return std::nullopt;
        return v.front();
    });
}

std::vector<Agent> Store::agents() {
    return guarded("read agents", [&] { return select_agents<int>(session(), "", nullptr); });
}

std::vector<Team> Store::teams() {
    return guarded("read teams", [&] {
        std::vector<Team> out;
        Team t;
        soci::statement st = (session().prepare << "SELECT id, name, lead_id FROM teams ORDER BY id",
                              soci::into(t.id), soci::into(t.name), soci::into(t.lead_id));
        st.execute();
        while (st.fetch()) out.push_back(t);
        return out;
    });
}

void Store::update_agent(const Agent& a) {
    guarded("save agent", [&] {
        std::string role = model::to_string(a.role);
        int active = a.active ? 1 : 0;
        session() << "UPDATE agents SET name = :n, role = :r, team_id = :t, active = :a, db_role = :d WHERE id = :i",
            soci::use(a.name), soci::use(role), soci::use(a.team_id), soci::use(active), soci::use(a.db_role),
            soci::use(a.id);
    });
}

std::optional<Team> Store::team_by_name(const std::string& name) {
    return guarded("read team", [&]() -> std::optional<Team> {
        Team t;
        soci::indicator ind = soci::i_ok;
        session() << "SELECT id, name, lead_id FROM teams WHERE name = :n", soci::into(t.id, ind), soci::into(t.name),
            soci::into(t.lead_id), soci::use(name);
        if (!session().got_data() || ind != soci::i_ok) return std::nullopt;
        return t;
    });
}

void Store::lock_staff() {
    if (m_db.dialect() != Dialect::postgresql) return;
    // SHARE ROW EXCLUSIVE conflicts with itself and with every write, not with plain reads: a seat
    // opening a card still reads who it is while an admin changes the staff.
    guarded("lock the staff tables", [&] {
        session() << "LOCK TABLE teams, agents IN SHARE ROW EXCLUSIVE MODE";
    });
}

}  // namespace kartoteka::storage
