#include "demo/demo_generator.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "demo/demo_names.h"
#include "error.h"
#include "sla/sla_engine.h"
#include "sla/sla_policy.h"
#include "storage/bulk_writer.h"
#include "util/time.h"

namespace kartoteka::demo {
namespace {

using model::Id;
using model::Timestamp;
constexpr Timestamp day = 86400;

/// splitmix64: tiny, fast, and good enough for demo data; seeded per customer so customer i is the same
/// whatever else the run generates.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    long long range(long long lo, long long hi) {  // inclusive
        return lo + static_cast<long long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int per_mille) { return static_cast<int>(next() % 1000) < per_mille; }
    template <typename T> const T& pick(std::span<const T> items) { return items[next() % items.size()]; }

private:
    std::uint64_t m_state;
};

// Mobile prefixes that libphonenumber accepts as valid mobile ranges.
constexpr std::array<const char*, 12> ru_prefixes{"903", "905", "909", "915", "916", "917", "919", "925", "926", "977", "985", "999"};
constexpr std::array<const char*, 3> bg_prefixes{"87", "88", "89"};
constexpr std::array<const char*, 6> uk_prefixes{"7400", "7500", "7711", "7722", "7811", "7922"};

Nation nation_of(long long index) {
    auto r = static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL >> 54;  // 0..1023, spread
    return r < 512 ? Nation::ru : r < 820 ? Nation::bg : Nation::uk;
}

/// A bijection of 0..modulus-1 (7919 is prime, so coprime with powers of ten) so consecutive customers
/// do not get consecutive numbers and no two customers share one.
long long scramble(long long n, long long modulus = 10000000) { return (n * 7919 + 1234567) % modulus; }

std::string digits(long long n, int width) {
    std::string s = std::to_string(n);
    return std::string(static_cast<std::size_t>(std::max<int>(0, width - static_cast<int>(s.size()))), '0') + s;
}

/// A notation an agent or a backend might have typed; normalized before storing.
std::string notation(const std::string& e164, Nation n, Rng& rng) {
    const std::string national = n == Nation::ru ? e164.substr(2) : n == Nation::bg ? e164.substr(4) : e164.substr(3);
    switch (rng.range(0, 3)) {
    case 0: return e164;
    case 1:
        if (n == Nation::ru)
            return "8 (" + national.substr(0, 3) + ") " + national.substr(3, 3) + "-" + national.substr(6, 2) + "-" +
                   national.substr(8);
        if (n == Nation::bg) return "0" + national.substr(0, 3) + " " + national.substr(3, 3) + " " + national.substr(6);
        return "0" + national.substr(0, 4) + " " + national.substr(4);
    case 2:
        if (n == Nation::ru) return "+7 " + national.substr(0, 3) + " " + national.substr(3);
        if (n == Nation::bg) return "00359 " + national;
        return "+44 (0)" + national.substr(0, 4) + " " + national.substr(4);
    default:
        if (n == Nation::ru) return "8-" + national.substr(0, 3) + "-" + national.substr(3, 3) + "-" + national.substr(6);
        if (n == Nation::bg) return "+359 " + national.substr(0, 2) + " " + national.substr(2, 3) + " " + national.substr(5);
        return "07" + national.substr(1);
    }
}

struct Staff {
    std::vector<Id> operators, service, supervisors;
};

Staff ensure_staff(storage::Store& store) {
    Staff staff;
    auto agents = store.agents();
    if (agents.empty()) {
        struct TeamDef { const char* name; };
        model::Team inbound1{0, "Inbound 1", 0}, inbound2{0, "Inbound 2", 0}, service{0, "Service", 0};
        store.insert_team(inbound1);
        store.insert_team(inbound2);
        store.insert_team(service);
        struct A { const char* login; const char* name; model::Role role; Id team; };
        const std::vector<A> defs{
            {"supervisor", "Марина Соколова", model::Role::supervisor, inbound1.id},
            {"supervisor2", "Георги Димитров", model::Role::supervisor, inbound2.id},
            {"service-lead", "Emily Clarke", model::Role::supervisor, service.id},
            {"operator", "Анна Петрова", model::Role::operator_, inbound1.id},
            {"operator2", "Иван Кузнецов", model::Role::operator_, inbound1.id},
            {"operator3", "Десислава Иванова", model::Role::operator_, inbound1.id},
            {"operator4", "James Walker", model::Role::operator_, inbound1.id},
            {"operator5", "Ольга Морозова", model::Role::operator_, inbound2.id},
            {"operator6", "Николай Петров", model::Role::operator_, inbound2.id},
            {"operator7", "Sophie Turner", model::Role::operator_, inbound2.id},
            {"operator8", "Павел Орлов", model::Role::operator_, inbound2.id},
            {"service", "Елена Васильева", model::Role::service, service.id},
            {"service2", "Стефан Колев", model::Role::service, service.id},
            {"service3", "Oliver Hughes", model::Role::service, service.id},
            {"admin", "Администратор", model::Role::admin, 0},
        };
        for (const auto& d : defs) {
            model::Agent a{0, d.login, d.name, d.role, d.team, true};
            store.insert_agent(a);
        }
        agents = store.agents();
        store.set_team_lead(inbound1.id, agents[0].id);
        store.set_team_lead(inbound2.id, agents[1].id);
        store.set_team_lead(service.id, agents[2].id);
    }
    for (const auto& a : agents) {
        if (!a.active) continue;
        if (a.role == model::Role::operator_) staff.operators.push_back(a.id);
        else if (a.role == model::Role::service) staff.service.push_back(a.id);
        else if (a.role == model::Role::supervisor) staff.supervisors.push_back(a.id);
    }
    if (staff.operators.empty() || staff.service.empty())
        throw Error(ErrorKind::invalid, "the store has agents but demo work needs at least one active operator and one active service agent: add them with agent add");
    return staff;
}

/// The customer's story, chosen once; the rest of the generation follows from it.
enum class Persona { active, at_risk, sleeping, lost, returned, lost_twice, do_not_retain, fresh };

Persona persona_of(Rng& rng) {
    auto r = rng.range(0, 999);
    if (r < 520) return Persona::active;
    if (r < 620) return Persona::at_risk;
    if (r < 770) return Persona::sleeping;
    if (r < 860) return Persona::lost;
    if (r < 910) return Persona::returned;
    if (r < 930) return Persona::lost_twice;
    if (r < 945) return Persona::do_not_retain;
    return Persona::fresh;
}

class Generator {
public:
    Generator(storage::BulkWriter& out, const Staff& staff, const DemoOptions& o,
              DemoStats& stats)
        : m_out(out), m_staff(staff), m_opt(o), m_stats(stats),
          m_regions{phone::PhoneNormalizer("RU"), phone::PhoneNormalizer("BG"), phone::PhoneNormalizer("GB")},
          m_policies(o.sla), m_calendars(o.calendars) {
    }

    void customer(long long index, Id id);

private:
    Id any(const std::vector<Id>& ids, Rng& rng) { return ids[rng.next() % ids.size()]; }
    /// The share of tickets still open, per mille: about 40 open per operator, as on a working day (a
    /// fixed 55% gave each agent of a 20,000-customer centre ~220), at most 55% on a small store.
    int open_per_mille() const {
        // About 13% of customers complain, a quarter of them twice: 0.1625 tickets per customer.
        const double tickets = std::max(1.0, 0.1625 * static_cast<double>(m_opt.customers));
        const double wanted = 40.0 * static_cast<double>(m_staff.operators.size()) * 1000.0 / tickets;
        return static_cast<int>(std::clamp(wanted, 20.0, 550.0));
    }
    std::vector<model::Order> orders(Id id, Persona p, Timestamp since, Rng& rng);
    void lifecycle(Id id, Persona p, std::vector<model::Order>& orders, Rng& rng);
    void interactions(Id id, Nation n, Timestamp since, long long index, Rng& rng);
    void tickets(Id id, Nation n, Rng& rng);
    /// Places an open ticket's creation (and reply) in time so its SLA clock at "now" is in a chosen state.
    void age_open_ticket(model::Ticket& t, std::vector<model::TicketEvent>& events, int k);
    void offers(Id id, Nation n, Persona p, const std::vector<model::Order>& orders, Rng& rng);
    void preferences(Id id, Nation n, Rng& rng);
    void contacts(Id id, Id manager, Persona p, Timestamp created, Rng& rng);
    /// Issue 20: a personal account with its balance, the tariffs and services of the products bought,
    /// and some reviews and survey answers. From their own random stream, so every other row the
    /// generator wrote before stays the same for the same seed.
    void holdings(Id id, Nation n, const std::vector<model::Order>& orders, long long index);
    void feedback(Id id, Nation n, long long index);

    storage::BulkWriter& m_out;
    const Staff& m_staff;
    const DemoOptions& m_opt;
    DemoStats& m_stats;
    std::array<phone::PhoneNormalizer, 3> m_regions;  ///< indexed by Nation
    sla::PolicySet m_policies;
    sla::CalendarSet m_calendars;
};

void Generator::customer(long long index, Id id) {
    Rng rng(m_opt.seed * 0x100000001B3ULL ^ static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL);
    const Nation n = nation_of(index);
    const NamePool& pool = names_for(n);
    const bool female = rng.chance(500);
    model::Customer c;
    c.id = id;
    c.first_name = std::string(female ? rng.pick(pool.female_first) : rng.pick(pool.male_first));
    const std::string last(rng.pick(pool.last));
    c.last_name = female ? female_surname(last, n) : last;
    if (!pool.patronymic_stems.empty()) c.middle_name = patronymic(rng.pick(pool.patronymic_stems), female, n);
    c.language = n == Nation::ru ? "ru" : n == Nation::bg ? "bg" : "en";
    c.manager_id = any(m_staff.operators, rng);
    const Persona p = persona_of(rng);
    const Timestamp age = p == Persona::fresh ? rng.range(1, 40) * day : rng.range(200, 1500) * day;
    c.created_at = m_opt.now - age;
    // Second numbers stay unique only below a million customers (see demo_phone).
    const int phone_count = rng.chance(250) && index < 1000000 ? 2 : 1;
    for (int which = 0; which < phone_count; ++which) {
        // Stored numbers go through the normalizer from a typed notation, as real imports do.
        // A national notation is read in the customer's own country, as their home system would.
        auto e164 = m_regions[static_cast<int>(n)].normalize(notation(demo_phone(index, which), n, rng));
        if (!e164) throw Error(ErrorKind::invalid, "demo generator made an invalid phone " + demo_phone(index, which));
        c.phones.push_back(*e164);
    }
    if (rng.chance(700)) {
        static constexpr std::array<std::string_view, 3> ru_mail{"mail.ru", "yandex.ru", "gmail.com"};
        static constexpr std::array<std::string_view, 3> bg_mail{"abv.bg", "mail.bg", "gmail.com"};
        static constexpr std::array<std::string_view, 3> uk_mail{"gmail.com", "outlook.com", "btinternet.com"};
        std::span<const std::string_view> domains = n == Nation::ru ? std::span<const std::string_view>(ru_mail)
                                                    : n == Nation::bg ? std::span<const std::string_view>(bg_mail)
                                                                      : std::span<const std::string_view>(uk_mail);
        c.emails.push_back(transliterate(c.first_name) + "." + transliterate(c.last_name) + std::to_string(id) + "@" +
                           std::string(rng.pick(domains)));
    }
    c.refs.push_back({"billing", "B-" + digits(id, 8)});
    if (rng.chance(600)) c.refs.push_back({"crm", "CRM-" + std::to_string(100000 + id)});
    m_out.add(c, m_opt.now);
    ++m_stats.customers;
    m_stats.phones += static_cast<long long>(c.phones.size());
    m_stats.emails += static_cast<long long>(c.emails.size());

    auto order_list = orders(id, p, c.created_at, rng);
    // Each country pays in its own money (Bulgaria in euro since 2026-01-01), at its own price level.
    for (auto& o : order_list) {
        o.currency = n == Nation::ru ? "RUB" : n == Nation::bg ? "EUR" : "GBP";
        if (n != Nation::ru) o.amount = std::max<model::Money>(500, o.amount / 90);
    }
    lifecycle(id, p, order_list, rng);
    for (const auto& o : order_list) m_out.add(o);
    m_stats.orders += static_cast<long long>(order_list.size());
    interactions(id, n, c.created_at, index, rng);
    if (rng.chance(130)) tickets(id, n, rng);
    offers(id, n, p, order_list, rng);
    if (rng.chance(350)) preferences(id, n, rng);
    contacts(id, c.manager_id, p, c.created_at, rng);
    holdings(id, n, order_list, index);
    feedback(id, n, index);
}

void Generator::holdings(Id id, Nation n, const std::vector<model::Order>& orders, long long index) {
    Rng rng(m_opt.seed * 0x2545F4914F6CDD1DULL ^ static_cast<std::uint64_t>(index) * 0xD1B54A32D192ED03ULL);
    model::Holding account;
    account.customer_id = id;
    account.kind = model::HoldingKind::account;
    account.product = n == Nation::ru ? "Лицевой счёт" : n == Nation::bg ? "Клиентска сметка" : "Customer account";
    account.number = "40817810" + digits(scramble(id, 100000000) * 100 + id % 100, 12);
    account.balance = model::Balance{rng.range(-150000, 900000), n == Nation::ru ? "RUB" : n == Nation::bg ? "BGN" : "GBP"};
    account.opened = util::date_of(m_opt.now) - static_cast<model::Date>(rng.range(200, 1500));
    account.as_of = m_opt.now - rng.range(60, 6 * 3600);
    account.source_system = "billing";
    account.external_id = "ACC-" + std::to_string(id);
    m_out.add(account);
    // What they bought is what they hold: an offer for one of these is suppressed on the card (001).
    std::set<std::string> seen;
    for (const auto& o : orders) {
        if (!seen.insert(o.product).second) continue;
        model::Holding h;
        h.customer_id = id;
        h.kind = o.product.rfind("Home", 0) == 0 || o.product.rfind("Mobile", 0) == 0 ? model::HoldingKind::tariff
                 : o.product.rfind("TV", 0) == 0 || o.product == "Cloud Backup"      ? model::HoldingKind::subscription
                                                                                     : model::HoldingKind::service;
        h.product = o.product;
        h.number = "CN" + digits(id * 10 + static_cast<long long>(seen.size()), 10);  // a contract number
        h.status = rng.chance(80) ? model::HoldingStatus::suspended : model::HoldingStatus::active;
        h.opened = util::date_of(o.placed_at);
        h.as_of = account.as_of;
        h.source_system = "billing";
        h.external_id = "CTR-" + std::to_string(id) + "-" + std::to_string(seen.size());
        m_out.add(h);
        if (seen.size() >= 3) break;
    }
}

void Generator::feedback(Id id, Nation n, long long index) {
    Rng rng(m_opt.seed * 0x9FB21C651E98DF25ULL ^ static_cast<std::uint64_t>(index) * 0xC2B2AE3D27D4EB4FULL);
    if (!rng.chance(400)) return;
    const int how_many = static_cast<int>(rng.range(1, 3));
    for (int k = 0; k < how_many; ++k) {
        model::Feedback f;
        f.customer_id = id;
        f.channel = rng.chance(500) ? model::FeedbackChannel::survey : model::FeedbackChannel::review;
        f.score = static_cast<int>(rng.range(2, 5));
        f.at = m_opt.now - rng.range(2, 300) * day;
        if (f.channel == model::FeedbackChannel::review)
            f.text = f.score >= 4 ? (n == Nation::ru ? "Всё работает, спасибо" : n == Nation::bg ? "Всичко работи, благодаря" : "All works, thanks")
                                  : (n == Nation::ru ? "Долго ждал ответа" : n == Nation::bg ? "Чаках дълго за отговор" : "Waited long for an answer");
        f.source_system = f.channel == model::FeedbackChannel::survey ? "survey" : "reviews";
        f.external_id = "F-" + std::to_string(id) + "-" + std::to_string(k);
        m_out.add(f);
    }
}

std::vector<model::Order> Generator::orders(Id id, Persona p, Timestamp since, Rng& rng) {
    std::vector<model::Order> out;
    // Value tiers come from the money: a few big spenders, many small ones.
    const auto tier = rng.range(0, 99);
    const model::Money base = tier < 6 ? rng.range(800000, 3000000) : tier < 30 ? rng.range(150000, 600000)
                                                                                : rng.range(30000, 150000);
    const Timestamp cadence = rng.range(20, 60) * day;
    Timestamp last;  // when the last order before now falls, by persona
    switch (p) {
    case Persona::active: last = m_opt.now - rng.range(0, 30) * day; break;
    case Persona::at_risk: last = m_opt.now - rng.range(46, 85) * day; break;
    case Persona::sleeping: last = m_opt.now - rng.range(90, 420) * day; break;
    case Persona::fresh: last = since + day; break;
    default: last = m_opt.now - rng.range(200, 700) * day; break;
    }
    if (last < since) last = since;
    int count = p == Persona::fresh ? 1 : static_cast<int>(std::min<long long>(8, (last - since) / cadence + 1));
    const bool falling = p == Persona::at_risk && rng.chance(600);
    const std::string product(rng.pick(products()));
    for (int k = count - 1; k >= 0; --k) {
        model::Order o;
        o.customer_id = id;
        o.placed_at = last - k * cadence + rng.range(0, 3) * day;
        if (o.placed_at > m_opt.now) o.placed_at = m_opt.now;
        // Falling average purchase: an early-warning signal (004).
        o.amount = falling ? base * (k + 3) / 3 : base + rng.range(-base / 5, base / 5);
        o.product = k == count - 1 || rng.chance(700) ? product : std::string(rng.pick(products()));
        o.source_system = "billing";
        o.external_id = "O-" + std::to_string(id) + "-" + std::to_string(count - k);
        out.push_back(o);
    }
    return out;
}

void Generator::lifecycle(Id id, Persona p, std::vector<model::Order>& orders, Rng& rng) {
    if (p == Persona::do_not_retain) {
        m_out.add(model::LifecycleEvent{0, id, model::LifecycleEventKind::do_not_retain,
                                        m_opt.now - rng.range(10, 300) * day, model::LossReason::other,
                                        // A store seeded with its own staff may have no supervisor.
                                        m_staff.supervisors.empty() ? 0 : any(m_staff.supervisors, rng),
                                        "Threatened staff on the phone"});
        return;
    }
    if (p != Persona::lost && p != Persona::returned && p != Persona::lost_twice) return;
    const Timestamp last_order = orders.empty() ? m_opt.now - 400 * day : orders.back().placed_at;
    const Timestamp lost_at = std::min<Timestamp>(m_opt.now - 5 * day, last_order + rng.range(20, 120) * day);
    auto reason = static_cast<model::LossReason>(rng.range(0, 5));
    m_out.add(model::LifecycleEvent{0, id, model::LifecycleEventKind::lost, lost_at, reason, any(m_staff.operators, rng), ""});
    if (p == Persona::lost) return;
    // Returned only with a new order after the loss (000): a small trial order first.
    Timestamp back = std::min<Timestamp>(m_opt.now - 1 * day, lost_at + rng.range(10, 90) * day);
    if (p == Persona::lost_twice) back = lost_at + (m_opt.now - lost_at) / 3;
    model::Order trial;
    trial.customer_id = id;
    trial.placed_at = back;
    trial.amount = orders.empty() ? 50000 : orders.back().amount / 2;
    trial.currency = orders.empty() ? "" : orders.back().currency;
    trial.product = orders.empty() ? "Mobile Unlimited" : orders.back().product;
    trial.source_system = "billing";
    trial.external_id = "O-" + std::to_string(id) + "-r";
    orders.push_back(trial);
    m_out.add(model::LifecycleEvent{0, id, model::LifecycleEventKind::returned, back, model::LossReason::other, 0, ""});
    if (p == Persona::lost_twice)
        m_out.add(model::LifecycleEvent{0, id, model::LifecycleEventKind::lost, back + (m_opt.now - back) / 2,
                                        static_cast<model::LossReason>(rng.range(0, 5)), any(m_staff.operators, rng), ""});
}

void Generator::interactions(Id id, Nation n, Timestamp since, long long index, Rng& rng) {
    static constexpr std::array<model::Channel, 20> channel_mix{
        model::Channel::phone, model::Channel::phone, model::Channel::phone, model::Channel::phone, model::Channel::phone,
        model::Channel::phone, model::Channel::phone, model::Channel::phone, model::Channel::phone, model::Channel::email,
        model::Channel::email, model::Channel::email, model::Channel::email, model::Channel::chat, model::Channel::chat,
        model::Channel::sms, model::Channel::messenger, model::Channel::letter, model::Channel::meeting, model::Channel::web};
    static constexpr std::array<const char*, 4> systems{"local", "crm", "billing", "helpdesk"};
    const int avg = m_opt.interactions_per_customer;
    // One customer in 5000 has a long history, so paging is exercised on real-looking data.
    long long count = index % 5000 == 7 ? 3000 : rng.range(0, 2LL * avg);
    const auto summaries = interaction_summaries(n);
    for (long long k = 0; k < count; ++k) {
        model::Interaction i;
        i.customer_id = id;
        i.channel = channel_mix[rng.next() % channel_mix.size()];
        i.direction = rng.chance(620) ? model::Direction::inbound : model::Direction::outbound;
        // Daytime in the centre's hours (07:00-19:00 UTC), on any day of the customer's life with us.
        const Timestamp days_alive = std::max<Timestamp>(1, (m_opt.now - since) / day);
        i.occurred_at = (since / day + rng.range(0, days_alive - 1)) * day + rng.range(7 * 3600, 19 * 3600);
        if (i.occurred_at > m_opt.now) i.occurred_at = m_opt.now - rng.range(60, 3600);
        i.agent_id = any(m_staff.operators, rng);
        i.summary = std::string(summaries[rng.next() % summaries.size()]);
        i.source_system = systems[rng.next() % systems.size()];
        if (i.source_system != "local") i.external_id = i.source_system.substr(0, 1) + std::to_string(id) + "-" + std::to_string(k);
        m_out.add(i);
    }
    m_stats.interactions += count;
}

void Generator::tickets(Id id, Nation n, Rng& rng) {
    const int how_many = rng.chance(250) ? 2 : 1;
    for (int k = 0; k < how_many; ++k) {
        model::Ticket t;
        t.customer_id = id;
        const std::size_t problem = rng.next() % problem_types().size();
        t.problem_type = std::string(problem_types()[problem]);
        t.severity = static_cast<int>(rng.range(1, 5));
        t.cause = static_cast<model::TicketCause>(rng.range(0, 2));
        t.owner_id = any(m_staff.operators, rng);
        t.subject = std::string(rng.pick(ticket_subjects(n, problem)));  // one that fits its type
        t.description = t.subject;
        const bool open = rng.chance(open_per_mille());
        t.created_at = m_opt.now - (open ? rng.range(600, 6 * 86400) : rng.range(10, 300) * day);
        std::vector<model::TicketEvent> events;
        const Timestamp reply = t.created_at + rng.range(1800, 20 * 3600);
        if (open) {
            // The draws that used to age it stay, so the rest of the customer's data is drawn as before.
            if (rng.chance(400) && reply < m_opt.now) rng.chance(300);
            age_open_ticket(t, events, k);
        } else {
            if (reply < m_opt.now) {
                t.first_response_at = reply;
                events.push_back({0, 0, model::TicketEventKind::agent_reply, reply, t.owner_id, ""});
            }
            t.status = rng.chance(500) ? model::TicketStatus::closed : model::TicketStatus::resolved;
            t.resolved_at = reply + rng.range(3600, 5 * 86400);
            events.push_back({0, 0, model::TicketEventKind::resolved, t.resolved_at, t.owner_id, ""});
        }
        t.updated_at = events.empty() ? t.created_at : events.back().at;
        m_out.add(t);
        m_out.add(model::TicketEvent{0, t.id, model::TicketEventKind::created, t.created_at, t.owner_id, ""});
        for (auto& e : events) {
            e.ticket_id = t.id;
            m_out.add(e);
        }
        ++m_stats.tickets;
    }
}

namespace {

/// The largest share of its allowance any running clock of the ticket has used at `now`; 0 when none runs.
double used_share(const model::Ticket& t, const sla::Policy& policy, sla::BusinessCalendar& cal, Timestamp now) {
    double share = 0;
    for (const auto& c : sla::SlaEngine::evaluate(t, policy, cal, now).targets)
        if (c.stopped_at == 0 && c.allowed > 0) share = std::max(share, static_cast<double>(c.used) / static_cast<double>(c.allowed));
    return share;
}

}  // namespace

void Generator::age_open_ticket(model::Ticket& t, std::vector<model::TicketEvent>& events, int k) {
    // An age drawn in calendar time would make the board's colour depend on the weekday and hour of
    // "now" and on each type's norm (1 h to 40 h of working time): mostly red. Instead each ticket gets a
    // state first (a working centre: most on track, some at risk, a few breached, some waiting for the
    // customer), then the creation instant that puts its clock there, found by bisection with the SLA
    // engine itself. Its own stream, so the rest of the customer's data is drawn as before.
    Rng rng(m_opt.seed * 0xD6E8FEB86659FD93ULL ^ static_cast<std::uint64_t>(t.customer_id * 4 + k) * 0x9E3779B97F4A7C15ULL);
    const sla::Policy& policy = m_policies.resolve(t.problem_type, t.severity);
    sla::BusinessCalendar* cal = m_calendars.find(policy.calendar);
    if (!cal) cal = m_calendars.find("");
    const double warn = policy.warning_percent / 100.0;
    const auto roll = rng.range(0, 999);
    const bool waiting = roll >= 880;                       // 12% waiting for the customer (clocks paused)
    double share = roll < 100   ? 1.03 + static_cast<double>(rng.range(0, 700)) / 1000  // 10% breached
                   : roll < 280 ? warn + 0.02 + (0.97 - warn - 0.02) * static_cast<double>(rng.range(0, 1000)) / 1000  // 18% at risk
                                : 0.05 + (warn - 0.12) * static_cast<double>(rng.range(0, 1000)) / 1000;  // on track
    // Some tickets have had an answer; then the clocks still running are next response and resolution.
    const bool replied = waiting || (policy.next_response > 0 || policy.resolution > 0 ? rng.chance(400) : false);
    const Timestamp paused_for = waiting ? rng.range(2 * 3600, 3 * 86400) : 0;  // time since the customer was asked
    const Timestamp until = m_opt.now - paused_for;  // the clocks' "now": at the pause for waiting tickets
    const double reply_at = 0.1 + 0.3 * static_cast<double>(rng.range(0, 1000)) / 1000;
    auto build = [&](Timestamp created) {
        t.created_at = created;
        t.first_response_at = 0;
        t.events.assign(1, {0, 0, model::TicketEventKind::created, created, t.owner_id, ""});
        if (replied) {
            const Timestamp reply = std::max(created + 60, created + static_cast<Timestamp>(reply_at * static_cast<double>(until - created)));
            t.first_response_at = reply;
            t.events.push_back({0, 0, model::TicketEventKind::agent_reply, reply, t.owner_id, ""});
        }
    };
    // Bisection on the creation instant: the earlier, the more of the allowance is used.
    Timestamp lo = until - 90 * day, hi = until - 120;
    build(lo);
    if (used_share(t, policy, *cal, until) < share) hi = lo;  // no clock could get there: as old as allowed
    while (hi - lo > 60) {
        const Timestamp mid = lo + (hi - lo) / 2;
        build(mid);
        (used_share(t, policy, *cal, until) >= share ? lo : hi) = mid;
    }
    build(hi);
    if (used_share(t, policy, *cal, until) == 0) build(until - rng.range(3600, 3 * 86400));  // nothing runs: any recent age
    t.status = model::TicketStatus::open;
    for (std::size_t i = 1; i < t.events.size(); ++i) events.push_back(t.events[i]);
    if (waiting) {
        t.status = model::TicketStatus::waiting_customer;
        events.push_back({0, 0, model::TicketEventKind::waiting_customer, until, t.owner_id, ""});
    }
    t.events.clear();
}

namespace {

/// `product`, or when the customer already has an offer of it, the next product in the list they have
/// none of: two "TV Premium" offers side by side read as a mistake (the draws stay as they were).
std::string not_yet_offered(std::string product, std::vector<std::string>& offered) {
    const auto all = products();
    auto at = static_cast<std::size_t>(std::find(all.begin(), all.end(), product) - all.begin());
    for (std::size_t step = 0; step < all.size() && std::find(offered.begin(), offered.end(), product) != offered.end(); ++step)
        product = std::string(all[at = (at + 1) % all.size()]);
    offered.push_back(product);
    return product;
}

}  // namespace

void Generator::offers(Id id, Nation n, Persona p, const std::vector<model::Order>& orders, Rng& rng) {
    if (!rng.chance(450) || p == Persona::do_not_retain) return;
    const int how_many = static_cast<int>(rng.range(1, 3));
    std::vector<std::string> offered;
    for (int k = 0; k < how_many; ++k) {
        model::Offer o;
        o.customer_id = id;
        // Now and then an offer for a product the customer already has: the rules must suppress it.
        o.product = rng.chance(100) && !orders.empty() ? orders.back().product : std::string(rng.pick(products()));
        o.product = not_yet_offered(o.product, offered);
        o.priority = static_cast<int>(rng.range(1, 5));
        o.channel = rng.chance(700) ? model::Channel::phone : model::Channel::email;
        o.valid_from = m_opt.now - rng.range(1, 20) * day;
        o.valid_until = m_opt.now + rng.range(5, 60) * day;
        o.assignee_id = any(m_staff.operators, rng);
        o.updated_at = o.valid_from;
        o.source_system = "marketing";
        o.external_id = "M-" + std::to_string(id) + "-" + std::to_string(k);
        if (rng.chance(150)) {
            o.status = rng.chance(500) ? model::OfferStatus::accepted : model::OfferStatus::declined;
            o.outcome = o.status == model::OfferStatus::accepted ? "Agreed to visit the office" : "Not interested now";
            if (o.status == model::OfferStatus::accepted) {
                o.next_step = {model::NextStepKind::office, m_opt.now + rng.range(1, 3) * day,
                               std::string(rng.pick(office_addresses(n))), ""};
            }
        }
        m_out.add(o);
        ++m_stats.offers;
    }
}

void Generator::preferences(Id id, Nation n, Rng& rng) {
    model::ContactPreferences p;
    p.customer_id = id;
    p.written_only = rng.chance(150);
    p.do_not_call = !p.written_only && rng.chance(100);
    p.calls_themselves = rng.chance(80);
    if (rng.chance(350)) p.quiet_hours = {21 * 60, 9 * 60};
    if (rng.chance(250)) p.unsubscribed.insert(model::Channel::sms);
    if (rng.chance(100)) p.unsubscribed.insert(model::Channel::email);
    static constexpr std::array<model::Channel, 4> preferred{model::Channel::phone, model::Channel::email,
                                                             model::Channel::messenger, model::Channel::sms};
    p.preferred_channel = p.written_only ? model::Channel::email : preferred[rng.next() % preferred.size()];
    p.timezone = n == Nation::ru ? "Europe/Moscow" : n == Nation::bg ? "Europe/Sofia" : "Europe/London";
    if (rng.chance(450)) p.irritants = std::string(rng.pick(irritants(n)));
    p.updated_at = m_opt.now - rng.range(1, 200) * day;
    p.version = 1;
    m_out.add(p);
    ++m_stats.preferences;
}

void Generator::contacts(Id id, Id manager, Persona p, Timestamp created, Rng& rng) {
    const model::Date today = util::date_of(m_opt.now);
    auto add = [&](model::ContactType type, model::Date due, Id assignee, bool done) {
        model::ServiceContact c;
        c.customer_id = id;
        c.type = type;
        c.due = due;
        c.assignee_id = assignee;
        if (done) {
            c.status = model::ContactStatus::done;
            c.done_at = util::start_of(due) + 11 * 3600;
            c.outcome = "Reached; all fine";
            if (type == model::ContactType::how_are_you) c.answers = {static_cast<int>(rng.range(3, 5)), "Happy overall", ""};
        }
        m_out.add(c);
        ++m_stats.contacts;
    };
    if (p == Persona::fresh) {
        // A new deal: the welcome letter from the manager who closed it, the service call a month later
        // from the service team (004).
        const model::Date deal = util::date_of(created);
        add(model::ContactType::welcome_letter, deal, manager, deal < today - 1);
        Id service = any(m_staff.service, rng);
        // A service call whose month passed more than two days ago was made: a working centre has a few
        // overdue calls, not every one since the demo's start.
        add(model::ContactType::service_call, deal + 30, service, deal + 30 < today - 2);
        return;
    }
    if (p == Persona::lost || p == Persona::lost_twice || p == Persona::do_not_retain) return;
    if (!rng.chance(250)) return;
    static constexpr std::array<model::ContactType, 4> types{model::ContactType::how_are_you, model::ContactType::new_idea,
                                                             model::ContactType::stay_informed, model::ContactType::become_part};
    if (rng.chance(500)) add(types[rng.next() % types.size()], today - static_cast<model::Date>(rng.range(20, 90)),
                             any(m_staff.service, rng), true);
    // Mostly today or later; about one in eight a day or two overdue.
    add(types[rng.next() % types.size()], today + static_cast<model::Date>(rng.range(-2, 14)), any(m_staff.service, rng), false);
}

}  // namespace

std::string demo_phone(long long index, int which) {
    const Nation n = nation_of(index);
    const long long slot = index + (which ? 5000000 : 0);
    switch (n) {
    case Nation::ru: {
        const char* prefix = ru_prefixes[static_cast<std::size_t>(slot) % ru_prefixes.size()];
        return std::string("+7") + prefix + digits(scramble(slot / static_cast<long long>(ru_prefixes.size())), 7);
    }
    case Nation::bg: {
        const char* prefix = bg_prefixes[static_cast<std::size_t>(slot) % bg_prefixes.size()];
        return std::string("+359") + prefix + digits(scramble(slot / static_cast<long long>(bg_prefixes.size())), 7);
    }
    case Nation::uk: {
        const char* prefix = uk_prefixes[static_cast<std::size_t>(slot) % uk_prefixes.size()];
        return std::string("+44") + prefix + digits(scramble(slot / static_cast<long long>(uk_prefixes.size()), 1000000), 6);
    }
    }
    return {};
}

DemoStats seed_demo(storage::Store& store, const DemoOptions& options,
                    const Progress& progress) {
    if (options.customers < 0) throw Error(ErrorKind::invalid, "the number of customers cannot be negative");
    DemoOptions opt = options;
    if (opt.now == 0) opt.now = util::system_now();
    DemoStats stats;
    const Staff staff = ensure_staff(store);
    stats.agents = static_cast<long long>(store.agents().size());
    storage::BulkWriter out(store.database());
    const long long base = store.customer_count();  // index continues after earlier seeds: phones stay unique
    Generator gen(out, staff, opt, stats);
    constexpr long long batch = 2000;
    for (long long k = 0; k < opt.customers; ++k) {
        gen.customer(base + k, out.next_customer_id());
        if ((k + 1) % batch == 0 || k + 1 == opt.customers) {
            out.flush();
            if (progress) progress(k + 1, opt.customers);
        }
    }
    out.flush();
    return stats;
}

}  // namespace kartoteka::demo
