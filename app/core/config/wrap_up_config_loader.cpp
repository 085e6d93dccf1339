// Reads the `wrap_up:` and `callbacks:` sections with the strict MapReader: every error names the file,
// line and key, and unknown keys are errors.
#include <algorithm>

#include "config/wrap_up_config.h"
#include "config/yaml_reader.h"

namespace kartoteka::config {
namespace {

bool is_code(const std::string& s) {
    return !s.empty() && s.size() <= 40 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Disposition read_disposition(MapReader& r) {
    Disposition d;
    d.code = r.require_string("code");
    if (!is_code(d.code))
        r.fail("code", "'" + d.code + "' is not a code: use lower-case latin letters, digits and _ (at most 40)");
    d.needs_callback = r.get_bool("needs_callback", false);
    MapReader label = r.map("label");
    if (!r.has("label")) r.fail("code", "disposition '" + d.code + "' needs a label: {en: ..., ru: ..., bg: ...}");
    d.label["en"] = label.require_string("en");
    for (const char* lang : {"ru", "bg"}) {
        const std::string text = label.get_string(lang, "");
        if (!text.empty()) d.label[lang] = text;
    }
    label.done();
    r.done();
    return d;
}

}  // namespace

WrapUpConfig read_wrap_up(MapReader r) {
    WrapUpConfig c;
    c.required = r.get_bool("required", c.required);
    for (auto item : r.map_list("dispositions")) {
        Disposition d = read_disposition(item);
        if (c.find(d.code)) item.fail("code", "disposition '" + d.code + "' is listed twice");
        c.dispositions.push_back(std::move(d));
    }
    if (c.required && c.dispositions.empty())
        r.fail("required", "is true but no dispositions are listed: an agent could log nothing");
    r.done();
    return c;
}

CallbacksConfig read_callbacks(MapReader r) {
    CallbacksConfig c;
    c.remind_before_minutes = static_cast<int>(r.get_int("remind_before_minutes", c.remind_before_minutes, 0, 24 * 60));
    r.done();
    return c;
}

}  // namespace kartoteka::config
