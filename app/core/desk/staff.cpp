// The desk's staff use cases (issue 15): a centre's agents and teams, added, changed, disabled and
// imported by its admins, each change audited in the same transaction as the change itself.
#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "access/permissions.h"
#include "desk/desk.h"
#include "error.h"
#include "storage/store.h"
#include "util/csv.h"
#include "util/text.h"

namespace kartoteka::desk {

namespace {

using model::Agent;
using model::Id;
using model::Role;
using model::Team;

const char* const kRoles = "operator, service, supervisor or admin";

/// Well-formed UTF-8 (a file saved in a legacy code page is refused rather than stored as mojibake).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range (no overlongs, no surrogates)
        if (c < 0x80) n = 0;
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else return false;
        if (i + n >= s.size() && n > 0) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return false;
        }
        i += n + 1;
    }
    return true;
}

bool has_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

/// Why a login cannot be used; empty when it can. A bad login is not repeated: a shifted column may
/// have put a person's name where the login belongs.
std::string login_problem(const std::string& login) {
    if (login.empty()) return "empty login";
    if (login.size() > 64) return "the login is longer than 64 bytes";
    if (!valid_utf8(login)) return "the login is not UTF-8 text";
    for (char ch : login) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && !std::isalnum(c) && ch != '.' && ch != '_' && ch != '-' && ch != '@')
            return "a login is one word of letters, digits and . _ - @";
    }
    return {};
}

std::string name_problem(const std::string& name, const char* what, std::size_t max) {
    if (name.empty()) return std::string("empty ") + what;
    if (name.size() > max) return std::string("the ") + what + " is longer than " + std::to_string(max) + " bytes";
    if (!valid_utf8(name)) return std::string("the ") + what + " is not UTF-8 text";
    if (has_control(name)) return std::string("the ") + what + " has a line break or control character";
    return {};
}

void require_valid(const std::string& problem) {
    if (!problem.empty()) throw Error(ErrorKind::invalid, problem);
}

int active_admins(storage::Store& s) {
    const auto all = s.agents();
    return static_cast<int>(std::count_if(all.begin(), all.end(), [](const Agent& a) { return a.active && a.role == Role::admin; }));
}

/// The last active admin may not stop being one: nobody would be left to manage the staff.
void keep_an_admin(storage::Store& s, const Agent& before, const Agent& after) {
    const bool was = before.active && before.role == Role::admin, is = after.active && after.role == Role::admin;
    if (was && !is && active_admins(s) <= 1)
        throw Error(ErrorKind::invalid, "agent '" + before.login + "' is the last active admin: add or enable another "
                                        "admin first, or nobody could manage the staff");
}

Agent existing_agent(storage::Store& s, const std::string& login) {
    auto a = s.agent_by_login(login);
    if (!a) throw Error(ErrorKind::not_found, "no agent with the login '" + login + "'");
    return *a;
}

/// The team called `name` (0 for an empty name). @throws Error{invalid} when the store has none.
Id team_id(storage::Store& s, const std::string& name) {
    if (name.empty()) return 0;
    auto t = s.team_by_name(name);
    if (!t) throw Error(ErrorKind::invalid, "no team '" + name + "' (add it first: team add --name NAME)");
    return t->id;
}

std::string team_name(storage::Store& s, Id id) {
    if (id == 0) return "none";
    for (const auto& t : s.teams())
        if (t.id == id) return t.name;
    return "#" + std::to_string(id);
}

/// Why `role` cannot be the database role an agent signs in as; empty when it can ("" = none).
std::string db_role_problem(storage::Store& s, const std::string& role, Id agent_id) {
    if (role.empty()) return {};
    if (s.database().dialect() != storage::Dialect::postgresql)
        return "a SQLite store is one seat and one user: database roles (--db-role) are for PostgreSQL";
    if (role.size() > 63) return "a database role is at most 63 bytes";
    if (auto why = login_problem(role); !why.empty()) return "database role: " + why;
    for (const auto& a : s.agents())
        if (a.db_role == role && a.id != agent_id)
            return "the database role '" + role + "' is already agent '" + a.login + "''s";
    return {};
}

/// Sets the agent's database password (PostgreSQL; the database refuses unless an admin or the owner).
void set_password(storage::Store& s, const Agent& a, const std::string& password) {
    if (password.empty()) return;
    if (a.db_role.empty()) throw Error(ErrorKind::invalid, "a password is for a database role: give --db-role too");
    s.set_seat_password(a.db_role, password);
}

std::string db_role_note(const Agent& a, bool password) {
    return (a.db_role.empty() ? "" : ", database role " + a.db_role) + (password ? ", password set" : "");
}

Agent agent_from(const AgentDraft& d) {
    Agent a;
    a.login = util::trim(d.login);
    a.name = util::trim(d.name);
    a.role = d.role;
    a.db_role = util::trim(d.db_role);
    return a;
}

void audit_staff(storage::Store& s, model::Timestamp now, Id actor, const char* action, const char* entity, Id id,
                 std::string detail) {
    audit::AuditLog(s).record({0, now, actor, "", action, 0, entity, id, std::move(detail)});
}

/// Runs `f` on one of the desk's store connections and returns what it returns. (The connection pool
/// is private to desk.cpp; with_store is its door.)
template <typename F>
auto on_store(Desk& desk, F&& f) {
    decltype(f(std::declval<storage::Store&>())) out{};
    desk.with_store([&](storage::Store& s) { out = f(s); });
    return out;
}

}  // namespace

// --- who may change the staff --------------------------------------------------------------------

Id Desk::staff_actor(storage::Store& store, bool bootstrap_allowed) {
    // A centre starts from an empty store: whoever can open it adds the first admin (nobody is
    // signed in yet, so the audit row names no actor).
    const auto bootstrap = [&] { return bootstrap_allowed && store.agents().empty(); };
    // Checked before the lock too: on PostgreSQL only an admin's database role may take it, and a
    // non-admin is told so in the desk's words rather than the database's.
    if (!bootstrap()) access::require(signed_in(store), access::Action::administer);
    store.lock_staff();
    if (bootstrap()) return 0;
    auto me = signed_in(store);
    access::require(me, access::Action::administer);
    return me.id;
}

void Desk::forget_agent() {
    std::lock_guard lock(m_mutex);
    m_agent.reset();
}

// --- reading -------------------------------------------------------------------------------------

std::vector<model::Agent> Desk::agents() {
    return on_store(*this, [&](storage::Store& s) {
        auto all = s.agents();
        if (!all.empty()) signed_in(s);
        return all;
    });
}

std::vector<model::Team> Desk::teams() {
    return on_store(*this, [&](storage::Store& s) {
        if (!s.agents().empty()) signed_in(s);
        return s.teams();
    });
}

// --- agents --------------------------------------------------------------------------------------

model::Agent Desk::add_agent(const AgentDraft& draft) {
    Agent a = agent_from(draft);
    require_valid(login_problem(a.login));
    require_valid(name_problem(a.name, "name", 200));
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, true);
        if (actor == 0 && a.role != Role::admin)
            throw Error(ErrorKind::forbidden, "the store has no agents yet: the first one must be an admin (--role admin)");
        if (s.agent_by_login(a.login)) throw Error(ErrorKind::invalid, "the login '" + a.login + "' is already taken");
        require_valid(db_role_problem(s, a.db_role, 0));
        const std::string team = util::trim(draft.team);
        a.team_id = team_id(s, team);
        s.insert_agent(a);  // on PostgreSQL the database creates or maps the role (migration 7)
        set_password(s, a, draft.password);
        audit_staff(s, m_clock(), actor, "add_agent", "agent", a.id,
                    std::string(actor == 0 ? "first admin of an empty store, " : "") + "login " + a.login + ", role " +
                        model::to_string(a.role) + ", team " + (team.empty() ? "none" : team) +
                        db_role_note(a, !draft.password.empty()));
        tx.commit();
        return a;
    });
}

model::Agent Desk::set_agent(const std::string& login, const AgentChange& change) {
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, false);
        const Agent before = existing_agent(s, util::trim(login));
        Agent after = before;
        std::string detail;
        auto note = [&](const std::string& what) { detail += (detail.empty() ? "" : ", ") + what; };
        if (change.role && *change.role != before.role) {
            after.role = *change.role;
            note(std::string("role ") + model::to_string(before.role) + " -> " + model::to_string(after.role));
        }
        if (change.team) {
            after.team_id = team_id(s, util::trim(*change.team));
            if (after.team_id != before.team_id)
                note("team " + team_name(s, before.team_id) + " -> " + team_name(s, after.team_id));
        }
        if (change.name) {
            after.name = util::trim(*change.name);
            require_valid(name_problem(after.name, "name", 200));
            if (after.name != before.name) note("name changed");  // never the name itself
        }
        if (change.db_role && util::trim(*change.db_role) != before.db_role) {
            after.db_role = util::trim(*change.db_role);
            require_valid(db_role_problem(s, after.db_role, before.id));
            note("database role " + (before.db_role.empty() ? "none" : before.db_role) + " -> " +
                 (after.db_role.empty() ? "none" : after.db_role));
        }
        const std::string password = change.password.value_or("");
        if (!password.empty()) note("password set");
        if (detail.empty()) return before;  // nothing to change, nothing to audit
        keep_an_admin(s, before, after);
        s.update_agent(after);
        set_password(s, after, password);
        audit_staff(s, m_clock(), actor, "set_agent", "agent", after.id, "login " + after.login + ": " + detail);
        tx.commit();
        forget_agent();  // it may have been the signed-in agent
        return after;
    });
}

bool Desk::disable_agent(const std::string& login) {
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, false);
        const Agent before = existing_agent(s, util::trim(login));
        if (!before.active) return false;
        Agent after = before;
        after.active = false;
        keep_an_admin(s, before, after);
        s.update_agent(after);
        audit_staff(s, m_clock(), actor, "disable_agent", "agent", after.id, "login " + after.login);
        tx.commit();
        forget_agent();
        return true;
    });
}

bool Desk::enable_agent(const std::string& login) {
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, false);
        Agent a = existing_agent(s, util::trim(login));
        if (a.active) return false;
        a.active = true;
        s.update_agent(a);
        audit_staff(s, m_clock(), actor, "enable_agent", "agent", a.id, "login " + a.login);
        tx.commit();
        forget_agent();
        return true;
    });
}

// --- teams ---------------------------------------------------------------------------------------

namespace {

/// The active agent who is to lead a team; 0 for an empty login.
Id lead_id(storage::Store& s, const std::string& login) {
    if (login.empty()) return 0;
    const Agent lead = existing_agent(s, login);
    if (!lead.active) throw Error(ErrorKind::invalid, "agent '" + login + "' is disabled and cannot lead a team");
    return lead.id;
}

}  // namespace

model::Team Desk::add_team(const std::string& name, const std::string& lead_login) {
    Team t;
    t.name = util::trim(name);
    require_valid(name_problem(t.name, "team name", 100));
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, false);
        if (s.team_by_name(t.name)) throw Error(ErrorKind::invalid, "there already is a team '" + t.name + "'");
        const std::string lead = util::trim(lead_login);
        t.lead_id = lead_id(s, lead);
        s.insert_team(t);
        audit_staff(s, m_clock(), actor, "add_team", "team", t.id,
                    t.name + ", lead " + (lead.empty() ? std::string("none") : lead));
        tx.commit();
        return t;
    });
}

model::Team Desk::set_team_lead(const std::string& team, const std::string& lead_login) {
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, false);
        auto t = s.team_by_name(util::trim(team));
        if (!t) throw Error(ErrorKind::not_found, "no team '" + util::trim(team) + "'");
        const std::string lead = util::trim(lead_login);
        t->lead_id = lead_id(s, lead);
        s.set_team_lead(t->id, t->lead_id);
        audit_staff(s, m_clock(), actor, "set_team_lead", "team", t->id,
                    t->name + ", lead " + (lead.empty() ? std::string("none") : lead));
        tx.commit();
        return *t;
    });
}

}  // namespace kartoteka::desk

// --- agent import --------------------------------------------------------------------------------

namespace kartoteka::desk {

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Every bad row of a file, reported together (the admin fixes the file once, not once per row).
class Problems {
public:
    void add(int line, std::string why) { m_rows.push_back({line, std::move(why)}); }
    bool empty() const { return m_rows.empty(); }
    /// @throws Error{invalid}: each problem on its own line, by line number.
    [[noreturn]] void raise(std::size_t rows) {
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string text = "agent import: nothing was imported, " + std::to_string(m_rows.size()) + " problem" +
                           (m_rows.size() == 1 ? "" : "s") + " in " + std::to_string(rows) + " rows:";
        const std::size_t shown = std::min<std::size_t>(m_rows.size(), 100);
        for (std::size_t i = 0; i < shown; ++i) text += "\n  line " + std::to_string(m_rows[i].first) + ": " + m_rows[i].second;
        if (shown < m_rows.size()) text += "\n  ... and " + std::to_string(m_rows.size() - shown) + " more";
        throw Error(ErrorKind::invalid, text);
    }

private:
    std::vector<std::pair<int, std::string>> m_rows;
};

/// Which field holds which column: the header names login, name, role and optionally team, in any order.
struct Columns {
    int login = -1, name = -1, role = -1, team = -1, db_role = -1;
    std::size_t count = 0;
};

Columns read_header(const util::CsvRecord& h) {
    const std::string at = "line " + std::to_string(h.line) + ": ";
    if (!h.problem.empty()) throw Error(ErrorKind::invalid, "agent import: " + at + h.problem);
    Columns c;
    c.count = h.fields.size();
    for (std::size_t i = 0; i < h.fields.size(); ++i) {
        const std::string key = lower_ascii(util::trim(h.fields[i]));
        int* slot = key == "login"     ? &c.login
                    : key == "name"    ? &c.name
                    : key == "role"    ? &c.role
                    : key == "team"    ? &c.team
                    : key == "db_role" ? &c.db_role
                                       : nullptr;
        // The unknown text is not repeated: a file without a header has a person's name there.
        if (!slot)
            throw Error(ErrorKind::invalid, "agent import: " + at + "column " + std::to_string(i + 1) +
                                                " of the header is not login, name, role, team or db_role (the first "
                                                "line must be a header such as login,name,role,team)");
        if (*slot >= 0) throw Error(ErrorKind::invalid, "agent import: " + at + "the header names '" + key + "' twice");
        *slot = static_cast<int>(i);
    }
    if (c.login < 0 || c.name < 0 || c.role < 0)
        throw Error(ErrorKind::invalid, "agent import: " + at + "the header must name the columns login, name and role "
                                                                "(team and db_role are optional)");
    return c;
}

struct ImportRow {
    int line = 0;
    AgentDraft draft;
};

/// The row as a draft, or nullopt with its problems added.
std::optional<ImportRow> read_row(const util::CsvRecord& r, const Columns& c, Problems& problems) {
    if (!r.problem.empty()) return problems.add(r.line, r.problem), std::nullopt;
    if (r.fields.size() != c.count)
        return problems.add(r.line, std::to_string(r.fields.size()) + " fields where the header has " +
                                        std::to_string(c.count) + " (quote a field that holds a comma)"),
               std::nullopt;
    auto field = [&](int i) { return i < 0 ? std::string() : util::trim(r.fields[static_cast<std::size_t>(i)]); };
    ImportRow row{r.line, {field(c.login), field(c.name), Role::operator_, field(c.team), field(c.db_role)}};
    const std::string bad_login = login_problem(row.draft.login);
    const std::string who = bad_login.empty() ? "login '" + row.draft.login + "': " : std::string();
    bool ok = bad_login.empty();
    if (!ok) problems.add(r.line, bad_login);
    if (auto p = name_problem(row.draft.name, "name", 200); !p.empty()) problems.add(r.line, who + p), ok = false;
    if (auto role = model::parse<Role>(lower_ascii(field(c.role)))) row.draft.role = *role;
    else problems.add(r.line, who + "unknown role (" + kRoles + ")"), ok = false;
    if (!row.draft.team.empty())
        if (auto p = name_problem(row.draft.team, "team name", 100); !p.empty()) problems.add(r.line, who + p), ok = false;
    if (!ok) return std::nullopt;
    return row;
}

/// Every row of the file checked against the others and the store; the good ones, in file order.
std::vector<ImportRow> read_rows(std::string_view csv, storage::Store& s, Problems& problems, std::size_t& count) {
    const auto records = util::parse_csv(csv);
    if (records.empty()) throw Error(ErrorKind::invalid, "agent import: the file is empty (it needs a header line and a row per agent)");
    const Columns columns = read_header(records.front());
    count = records.size() - 1;
    if (count == 0) throw Error(ErrorKind::invalid, "agent import: the file has a header but no agents");
    std::vector<ImportRow> rows;
    std::map<std::string, int> first_line, first_db_role;
    for (std::size_t i = 1; i < records.size(); ++i) {
        auto row = read_row(records[i], columns, problems);
        if (!row) continue;
        const std::string& login = row->draft.login;
        const std::string& db_role = row->draft.db_role;
        if (auto [it, fresh] = first_line.emplace(login, row->line); !fresh)
            problems.add(row->line, "login '" + login + "' is also on line " + std::to_string(it->second));
        else if (s.agent_by_login(login))
            problems.add(row->line, "login '" + login + "' is already in the store");
        else if (auto why = db_role_problem(s, db_role, 0); !why.empty())
            problems.add(row->line, "login '" + login + "': " + why);
        else if (auto [at, first] = first_db_role.emplace(db_role, row->line); !db_role.empty() && !first)
            problems.add(row->line, "database role '" + db_role + "' is also on line " + std::to_string(at->second));
        else
            rows.push_back(std::move(*row));
    }
    return rows;
}

}  // namespace

StaffImport Desk::import_agents(std::string_view csv) {
    return on_store(*this, [&](storage::Store& s) {
        storage::Store::Transaction tx(s);
        const Id actor = staff_actor(s, true);
        Problems problems;
        std::size_t count = 0;
        const auto rows = read_rows(csv, s, problems, count);
        if (!problems.empty()) problems.raise(count);
        if (actor == 0 && std::none_of(rows.begin(), rows.end(), [](const ImportRow& r) { return r.draft.role == Role::admin; }))
            throw Error(ErrorKind::forbidden, "agent import: the store has no agents yet, so the file must bring at least one admin");
        // Teams the file names and the store lacks are created: a centre's first import brings them all.
        StaffImport out;
        const auto now = m_clock();
        for (const auto& row : rows) {
            Agent a = agent_from(row.draft);
            if (!row.draft.team.empty()) {
                auto team = s.team_by_name(row.draft.team);
                if (!team) {
                    Team t{0, row.draft.team, 0};
                    s.insert_team(t);
                    audit_staff(s, now, actor, "add_team", "team", t.id, t.name + ", created by agent import");
                    out.teams.push_back(t);
                    team = t;
                }
                a.team_id = team->id;
            }
            s.insert_agent(a);
            audit_staff(s, now, actor, "add_agent", "agent", a.id,
                        "imported from line " + std::to_string(row.line) + ", login " + a.login + ", role " +
                            model::to_string(a.role) + ", team " + (row.draft.team.empty() ? "none" : row.draft.team) +
                            db_role_note(a, false));
            out.agents.push_back(std::move(a));
        }
        tx.commit();
        return out;
    });
}

}  // namespace kartoteka::desk
