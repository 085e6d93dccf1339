#include "desk/program_texts.h"

#include <string_view>

#include "util/message.h"

namespace kartoteka::desk {

const char* raised_in(model::ContactType type) noexcept {
    switch (type) {
    case model::ContactType::welcome_letter: return N_("Raised in a welcome letter");
    case model::ContactType::service_call: return N_("Raised in a service call");
    case model::ContactType::how_are_you: return N_("Raised in a \"how are you\" call");
    case model::ContactType::new_idea: return N_("Raised in a new idea contact");
    case model::ContactType::stay_informed: return N_("Raised in a stay informed contact");
    case model::ContactType::become_part: return N_("Raised in a become part contact");
    }
    return N_("Raised in a planned contact");
}

std::string current_form(const std::string& stored) {
    // Before the subjects were catalogue sentences, they were built as "Raised in a " + type + " contact".
    constexpr std::string_view head = "Raised in a ", tail = " contact";
    const std::string_view s = stored;
    if (s.size() > head.size() + tail.size() && s.substr(0, head.size()) == head && s.substr(s.size() - tail.size()) == tail)
        if (auto type = model::parse<model::ContactType>(s.substr(head.size(), s.size() - head.size() - tail.size())))
            return raised_in(*type);
    return stored;
}

}  // namespace kartoteka::desk
