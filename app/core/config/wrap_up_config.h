#pragma once
/// Call wrap-up and callbacks (issue 18): the centre's disposition codes, each with its label in the
/// UI languages, and when a callback's reminder comes up. Read from the `wrap_up:` and `callbacks:`
/// sections by wrap_up_config_loader.cpp.
#include <map>
#include <string>
#include <vector>

namespace kartoteka::config {

class MapReader;

/// One result code an agent picks when a call ends ("resolved", "no answer / voicemail", ...).
struct Disposition {
    std::string code;                          ///< stable, stored on the interaction: a-z, 0-9, _
    std::map<std::string, std::string> label;  ///< by language (en, ru, bg); en is always there
    bool needs_callback = false;               ///< choosing it asks for a "call back at" time

    /// The label in `language`, else the English one.
    const std::string& label_in(const std::string& language) const {
        auto it = label.find(language);
        return it != label.end() && !it->second.empty() ? it->second : label.at("en");
    }
};

struct WrapUpConfig {
    std::vector<Disposition> dispositions;  ///< in the order the agent sees them; empty = no wrap-up codes
    bool required = false;                  ///< every logged contact must carry one (when there are any)

    /// The disposition with that code; nullptr when the centre has none.
    const Disposition* find(const std::string& code) const {
        for (const auto& d : dispositions)
            if (d.code == code) return &d;
        return nullptr;
    }
};

struct CallbacksConfig {
    int remind_before_minutes = 2;  ///< the owner's window announces a callback this long before it is due
};

WrapUpConfig read_wrap_up(MapReader r);
CallbacksConfig read_callbacks(MapReader r);

}  // namespace kartoteka::config
