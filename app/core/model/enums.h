#pragma once
/// Enumerations of the domain (DOMAIN.md) with their stable text names, used in the database, in JSON
/// and in configuration. The names never change once released: they are data.
#include <optional>
#include <string_view>

namespace kartoteka::model {

enum class Channel { phone, email, sms, letter, chat, messenger, meeting, web };
enum class Direction { inbound, outbound };
enum class Role { operator_, service, supervisor, admin };

/// Lifecycle statuses (DOMAIN.md "Lifecycle status").
enum class LifecycleStatus { active, at_risk, sleeping, lost, returned, lost_twice, do_not_retain };

/// Reasons of loss: the taxonomy of DOMAIN.md (000, 001).
enum class LossReason { competitor, product, service, new_rules, moved_away, needs_changed, other };

/// What the lifecycle record says happened, as an event in the customer's history.
enum class LifecycleEventKind { lost, returned, do_not_retain };

enum class OfferStatus { planned, in_progress, accepted, declined, postponed, expired, suppressed };
enum class OfferKind { regular, winback };
/// The concrete next step that closes interest during a call (DOMAIN.md: office within 3 days, ...).
enum class NextStepKind { none, office, appointment, courier, callback };

enum class TicketStatus { open, waiting_customer, resolved, closed };
enum class TicketCause { unknown, human, technical };
/// What happened to a ticket; the SLA engine replays these to compute deadlines.
enum class TicketEventKind {
    created, agent_reply, customer_reply, waiting_customer, resolved, reopened, closed, changed
};

enum class ContactType { welcome_letter, service_call, how_are_you, new_idea, stay_informed, become_part };
enum class ContactStatus { planned, done, skipped };

/// What a customer holds (issue 20): a bank account, a payment card, a subscription, a tariff plan, a
/// linked service.
enum class HoldingKind { account, card, subscription, tariff, service };
/// A holding's state; only active, blocked and suspended ones are owned (closed ones are history).
enum class HoldingStatus { active, blocked, suspended, closed };
/// Where a rating was given (003): in a contact with staff, in a review, in a (monthly) survey.
enum class FeedbackChannel { contact, review, survey };

const char* to_string(Channel v) noexcept;
const char* to_string(Direction v) noexcept;
const char* to_string(Role v) noexcept;
const char* to_string(LifecycleStatus v) noexcept;
const char* to_string(LossReason v) noexcept;
const char* to_string(LifecycleEventKind v) noexcept;
const char* to_string(OfferStatus v) noexcept;
const char* to_string(OfferKind v) noexcept;
const char* to_string(NextStepKind v) noexcept;
const char* to_string(TicketStatus v) noexcept;
const char* to_string(TicketCause v) noexcept;
const char* to_string(TicketEventKind v) noexcept;
const char* to_string(ContactType v) noexcept;
const char* to_string(ContactStatus v) noexcept;
const char* to_string(HoldingKind v) noexcept;
const char* to_string(HoldingStatus v) noexcept;
const char* to_string(FeedbackChannel v) noexcept;

/// Parse a stable text name; nullopt when the text is not one of the names.
template <typename E> std::optional<E> parse(std::string_view text) noexcept;

}  // namespace kartoteka::model
