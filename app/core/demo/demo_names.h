#pragma once
/// Name and text pools for the demo generator: Russian, Bulgarian and English customers.
#include <span>
#include <string_view>

namespace kartoteka::demo {

enum class Nation { ru, bg, uk };

struct NamePool {
    std::span<const std::string_view> male_first;
    std::span<const std::string_view> female_first;
    std::span<const std::string_view> last;        ///< male form; female forms derived (ru, bg)
    std::span<const std::string_view> patronymic_stems;  ///< father's names; empty for uk
};

const NamePool& names_for(Nation n);

/// Female form of a Russian or Bulgarian surname (Иванов -> Иванова, Петров -> Петрова).
std::string female_surname(std::string_view male, Nation n);
/// Patronymic from a father's name by the real rules (Иван -> Иванович/Ивановна, Павел -> Павлович,
/// Илья -> Ильич/Ильинична; Bulgarian: Иван -> Иванов/Иванова, Христо -> Христов, Николай -> Николаев).
std::string patronymic(std::string_view father, bool female, Nation n);
/// Latin transliteration for e-mail addresses.
std::string transliterate(std::string_view utf8);

std::span<const std::string_view> products();
std::span<const std::string_view> problem_types();
std::span<const std::string_view> interaction_summaries(Nation n);
/// The subjects a complaint of problem_types()[problem] may have, in the customer's language.
std::span<const std::string_view> ticket_subjects(Nation n, std::size_t problem);
std::span<const std::string_view> irritants(Nation n);
std::span<const std::string_view> office_addresses(Nation n);

}  // namespace kartoteka::demo
