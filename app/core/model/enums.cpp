#include "enums.h"

#include <array>
#include <utility>

namespace kartoteka::model {
namespace {

// One table per enum: the single source of truth for both directions of the mapping.
template <typename E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

constexpr Names<Channel, 8> channel_names{{{Channel::phone, "phone"}, {Channel::email, "email"},
    {Channel::sms, "sms"}, {Channel::letter, "letter"}, {Channel::chat, "chat"},
    {Channel::messenger, "messenger"}, {Channel::meeting, "meeting"}, {Channel::web, "web"}}};
constexpr Names<Direction, 2> direction_names{{{Direction::inbound, "inbound"}, {Direction::outbound, "outbound"}}};
constexpr Names<Role, 4> role_names{{{Role::operator_, "operator"}, {Role::service, "service"},
    {Role::supervisor, "supervisor"}, {Role::admin, "admin"}}};
constexpr Names<LifecycleStatus, 7> lifecycle_names{{{LifecycleStatus::active, "active"},
    {LifecycleStatus::at_risk, "at_risk"}, {LifecycleStatus::sleeping, "sleeping"},
    {LifecycleStatus::lost, "lost"}, {LifecycleStatus::returned, "returned"},
    {LifecycleStatus::lost_twice, "lost_twice"}, {LifecycleStatus::do_not_retain, "do_not_retain"}}};
constexpr Names<LossReason, 7> loss_reason_names{{{LossReason::competitor, "competitor"},
    {LossReason::product, "product"}, {LossReason::service, "service"}, {LossReason::new_rules, "new_rules"},
    {LossReason::moved_away, "moved_away"}, {LossReason::needs_changed, "needs_changed"},
    {LossReason::other, "other"}}};
constexpr Names<LifecycleEventKind, 3> lifecycle_event_names{{{LifecycleEventKind::lost, "lost"},
    {LifecycleEventKind::returned, "returned"}, {LifecycleEventKind::do_not_retain, "do_not_retain"}}};
constexpr Names<OfferStatus, 7> offer_status_names{{{OfferStatus::planned, "planned"},
    {OfferStatus::in_progress, "in_progress"}, {OfferStatus::accepted, "accepted"},
    {OfferStatus::declined, "declined"}, {OfferStatus::postponed, "postponed"},
    {OfferStatus::expired, "expired"}, {OfferStatus::suppressed, "suppressed"}}};
constexpr Names<OfferKind, 2> offer_kind_names{{{OfferKind::regular, "regular"}, {OfferKind::winback, "winback"}}};
constexpr Names<NextStepKind, 5> next_step_names{{{NextStepKind::none, "none"}, {NextStepKind::office, "office"},
    {NextStepKind::appointment, "appointment"}, {NextStepKind::courier, "courier"},
    {NextStepKind::callback, "callback"}}};
constexpr Names<TicketStatus, 4> ticket_status_names{{{TicketStatus::open, "open"},
    {TicketStatus::waiting_customer, "waiting_customer"}, {TicketStatus::resolved, "resolved"},
    {TicketStatus::closed, "closed"}}};
constexpr Names<TicketCause, 3> ticket_cause_names{{{TicketCause::unknown, "unknown"},
    {TicketCause::human, "human"}, {TicketCause::technical, "technical"}}};
constexpr Names<TicketEventKind, 8> ticket_event_names{{{TicketEventKind::created, "created"},
    {TicketEventKind::agent_reply, "agent_reply"}, {TicketEventKind::customer_reply, "customer_reply"},
    {TicketEventKind::waiting_customer, "waiting_customer"}, {TicketEventKind::resolved, "resolved"},
    {TicketEventKind::reopened, "reopened"}, {TicketEventKind::closed, "closed"},
    {TicketEventKind::changed, "changed"}}};
constexpr Names<ContactType, 6> contact_type_names{{{ContactType::welcome_letter, "welcome_letter"},
    {ContactType::service_call, "service_call"}, {ContactType::how_are_you, "how_are_you"},
    {ContactType::new_idea, "new_idea"}, {ContactType::stay_informed, "stay_informed"},
    {ContactType::become_part, "become_part"}}};
constexpr Names<ContactStatus, 3> contact_status_names{{{ContactStatus::planned, "planned"},
    {ContactStatus::done, "done"}, {ContactStatus::skipped, "skipped"}}};
constexpr Names<HoldingKind, 5> holding_kind_names{{{HoldingKind::account, "account"},
    {HoldingKind::card, "card"}, {HoldingKind::subscription, "subscription"}, {HoldingKind::tariff, "tariff"},
    {HoldingKind::service, "service"}}};
constexpr Names<HoldingStatus, 4> holding_status_names{{{HoldingStatus::active, "active"},
    {HoldingStatus::blocked, "blocked"}, {HoldingStatus::suspended, "suspended"}, {HoldingStatus::closed, "closed"}}};
constexpr Names<FeedbackChannel, 3> feedback_channel_names{{{FeedbackChannel::contact, "contact"},
    {FeedbackChannel::review, "review"}, {FeedbackChannel::survey, "survey"}}};

template <typename E, std::size_t N>
const char* name_of(const Names<E, N>& names, E v) noexcept {
    for (const auto& [value, name] : names)
        if (value == v) return name;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const Names<E, N>& names, std::string_view text) noexcept {
    for (const auto& [value, name] : names)
        if (text == name) return value;
    return std::nullopt;
}

}  // namespace

#define KARTOTEKA_ENUM_NAMES(Type, table)                                                     \
    const char* to_string(Type v) noexcept { return name_of(table, v); }                   \
    template <> std::optional<Type> parse<Type>(std::string_view t) noexcept { return value_of(table, t); }

KARTOTEKA_ENUM_NAMES(Channel, channel_names)
KARTOTEKA_ENUM_NAMES(Direction, direction_names)
KARTOTEKA_ENUM_NAMES(Role, role_names)
KARTOTEKA_ENUM_NAMES(LifecycleStatus, lifecycle_names)
KARTOTEKA_ENUM_NAMES(LossReason, loss_reason_names)
KARTOTEKA_ENUM_NAMES(LifecycleEventKind, lifecycle_event_names)
KARTOTEKA_ENUM_NAMES(OfferStatus, offer_status_names)
KARTOTEKA_ENUM_NAMES(OfferKind, offer_kind_names)
KARTOTEKA_ENUM_NAMES(NextStepKind, next_step_names)
KARTOTEKA_ENUM_NAMES(TicketStatus, ticket_status_names)
KARTOTEKA_ENUM_NAMES(TicketCause, ticket_cause_names)
KARTOTEKA_ENUM_NAMES(TicketEventKind, ticket_event_names)
KARTOTEKA_ENUM_NAMES(ContactType, contact_type_names)
KARTOTEKA_ENUM_NAMES(ContactStatus, contact_status_names)
KARTOTEKA_ENUM_NAMES(HoldingKind, holding_kind_names)
KARTOTEKA_ENUM_NAMES(HoldingStatus, holding_status_names)
KARTOTEKA_ENUM_NAMES(FeedbackChannel, feedback_channel_names)

#undef KARTOTEKA_ENUM_NAMES

}  // namespace kartoteka::model
