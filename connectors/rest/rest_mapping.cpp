#include "rest_mapping.h"

#include <algorithm>
#include <cmath>

#include "error.h"
#include "rest_errors.h"
#include "util/text.h"
#include "util/time.h"

namespace kartoteka::connectors::rest {
namespace {

using nlohmann::json;

bool is_time_field(const std::string& f) {
    return f == "at" || f == "valid_from" || f == "valid_until" || f == "as_of" || f == "opened" || f == "closed" ||
           (f.size() > 3 && f.compare(f.size() - 3, 3, "_at") == 0);
}

Transform default_transform(const std::string& f) {
    if (is_time_field(f)) return Transform::iso_time;
    if (f == "severity" || f == "priority" || f == "discount_percent" || f == "score" || f == "balance_minor")
        return Transform::integer;
    if (f == "phones" || f == "emails" || f == "allowed_channels" || f == "unsubscribed") return Transform::text_list;
    if (f == "written_only" || f == "do_not_call" || f == "calls_themselves") return Transform::boolean;
    return Transform::text;
}

Transform parse_transform(config::MapReader& r, const std::string& field) {
    static const std::vector<std::string> names = {"text", "integer", "iso_time", "epoch_s", "epoch_ms", "text_list", "boolean"};
    const std::string fallback = names[static_cast<std::size_t>(default_transform(field))];
    const std::string v = r.get_choice("as", fallback, names);
    return static_cast<Transform>(std::find(names.begin(), names.end(), v) - names.begin());
}

void check_pointer(config::MapReader& r, const std::string& key, const std::string& pointer) {
    try {
        json::json_pointer p(pointer);
    } catch (const json::exception& e) {
        r.fail(key, "'" + pointer + "' is not a JSON Pointer (" + e.what() + ")");
    }
}

FieldMap read_field(config::MapReader& fields, const std::string& name, const YAML::Node& node) {
    FieldMap f;
    f.transform = default_transform(name);
    if (node.IsScalar()) {
        f.pointer = node.Scalar();
        check_pointer(fields, name, f.pointer);
        return f;
    }
    config::MapReader r = fields.map(name);
    f.pointer = r.require_string("pointer");
    check_pointer(r, "pointer", f.pointer);
    f.transform = parse_transform(r, name);
    for (const auto& [from, to] : r.entries("map")) {
        if (!to.IsScalar()) r.fail("map", "each entry maps one backend value to one of ours");
        f.map[from] = to.Scalar();
    }
    if (r.has("default")) f.fallback = r.get_string("default", "");
    r.done();
    return f;
}

Pagination read_pagination(config::MapReader r) {
    Pagination p;
    const std::string mode = r.get_choice("mode", "none", {"none", "page", "offset", "next_link", "cursor"});
    p.mode = mode == "page"        ? Paging::page
             : mode == "offset"    ? Paging::offset
             : mode == "next_link" ? Paging::next_link
             : mode == "cursor"    ? Paging::cursor
                                   : Paging::none;
    p.param = r.get_string("param", p.mode == Paging::offset ? "offset" : p.mode == Paging::cursor ? "cursor" : "page");
    p.size_param = r.get_string("size_param", "");
    p.size = static_cast<int>(r.get_int("size", p.size, 1, 1000));
    p.start = static_cast<int>(r.get_int("start", p.mode == Paging::offset ? 0 : 1, 0, 1));
    p.next_pointer = r.get_string("next", p.next_pointer);
    check_pointer(r, "next", p.next_pointer);
    p.stop_pointer = r.get_string("stop", "");
    check_pointer(r, "stop", p.stop_pointer);
    p.more_pointer = r.get_string("more", "");
    check_pointer(r, "more", p.more_pointer);
    r.done();
    return p;
}

Since read_since(config::MapReader r) {
    Since s;
    s.param = r.require_string("param");
    s.unix_seconds = r.get_choice("format", "unix", {"unix", "iso8601"}) == "unix";
    s.next_pointer = r.get_string("next", "");
    check_pointer(r, "next", s.next_pointer);
    r.done();
    return s;
}

std::string scalar_text(const json& v, const std::string& field) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() || v.is_number_unsigned() || v.is_boolean()) return v.dump();
    if (v.is_number_float()) return v.dump();
    throw bad_data("field '" + field + "': expected text, found " + std::string(v.type_name()));
}

long long integer_of(const json& v, const std::string& field) {
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_number_unsigned()) return static_cast<long long>(v.get<unsigned long long>());
    if (v.is_number_float()) {
        // Range first: converting a double outside long long's range (1e300) is undefined behaviour.
        const double d = v.get<double>();
        if (d >= -9.2e18 && d <= 9.2e18 && d == std::trunc(d)) return static_cast<long long>(d);
    }
    if (v.is_string() && util::all_digits(v.get<std::string>()) && v.get<std::string>().size() < 19)
        return std::stoll(v.get<std::string>());
    throw bad_data("field '" + field + "': expected a whole number, found " + (v.is_string() ? "other text" : std::string(v.type_name())));
}

bool boolean_of(const json& v, const std::string& field) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_integer() || v.is_number_unsigned()) {
        if (v == 0 || v == 1) return v == 1;
    } else if (v.is_string()) {
        if (auto b = connector::parse_flag(v.get<std::string>())) return *b;
    }
    throw bad_data("field '" + field + "': expected true or false, found " + (v.is_string() ? "other text" : std::string(v.type_name())));
}

/// The field's map applied to one value; `value` itself when there is no map.
std::string mapped(const std::string& value, const FieldMap& f, const std::string& field) {
    if (f.map.empty()) return value;
    auto it = f.map.find(value);
    if (it == f.map.end()) it = f.map.find("*");
    if (it == f.map.end()) throw bad_data("field '" + field + "' (" + f.pointer + "): a value not in its map");
    return it->second;
}

/// An instant: text in any notation parse_instant reads, or an epoch number (seconds or milliseconds
/// by size, as parse_instant decides for digits).
std::string instant(const json& v, const FieldMap& f, const std::string& field, const date::time_zone& zone) {
    std::optional<model::Timestamp> t;
    if (v.is_string()) t = util::parse_instant(v.get<std::string>(), zone);
    else if (v.is_number()) t = util::parse_instant(v.dump(), zone);
    // The reason names the field, never the value: it reaches the source strip and the log.
    if (!t) throw bad_data("field '" + field + "' (" + f.pointer + "): not a time");
    return std::to_string(*t);
}

/// The value as our text, after the transform.
std::string convert(const json& v, const FieldMap& f, const std::string& field, const date::time_zone& zone) {
    switch (f.transform) {
    case Transform::text: return scalar_text(v, field);
    case Transform::integer:
    case Transform::epoch_s: return std::to_string(integer_of(v, field));
    case Transform::epoch_ms: {
        const long long ms = integer_of(v, field);
        return std::to_string(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));  // floor, like every other reading
    }
    case Transform::iso_time: return instant(v, f, field, zone);
    case Transform::text_list: {
        if (!v.is_array()) return mapped(scalar_text(v, field), f, field);
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : "\n") + mapped(scalar_text(item, field), f, field);
        return out;
    }
    case Transform::boolean: return boolean_of(v, field) ? "true" : "false";
    }
    return {};
}

/// The value as text, its map applied first to the backend's value as text (a text enum maps onto a
/// numeric field without an `as:`), then the transform to what the map gave; a list maps each item.
std::string transform(const json& v, const FieldMap& f, const std::string& field, const date::time_zone& zone) {
    if (f.map.empty() || f.transform == Transform::text_list) return convert(v, f, field, zone);
    const json as_text = mapped(scalar_text(v, field), f, field);
    return convert(as_text, f, field, zone);
}

}  // namespace


EntityMapping read_entity(config::MapReader r, const std::string& entity) {
    EntityMapping m;
    if (r.has("endpoint")) m.endpoints.push_back(r.get_string("endpoint", ""));
    for (const auto& e : r.get_string_list("endpoints")) m.endpoints.push_back(e);
    if (m.endpoints.empty()) r.fail("endpoint", "give an endpoint template such as /contacts?phone={phone}");
    m.list_pointer = r.get_string("list", "");
    check_pointer(r, "list", m.list_pointer);
    const auto& known = connector::mappable_fields(entity);
    config::MapReader fields = r.map("fields");
    for (const auto& [name, node] : r.entries("fields")) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            fields.fail(name, "not a field of " + entity + " (known: " + list + ")");
        }
        m.fields[name] = read_field(fields, name, node);
    }
    if (connector::has_record_ids(entity) && !m.fields.count("id"))
        r.fail("fields", "map at least 'id' (the backend's own id for the record)");
    if (!connector::has_record_ids(entity) && m.fields.empty())
        r.fail("fields", "map at least one field of " + entity);
    m.pagination = read_pagination(r.map("pagination"));
    if (entity == "directory" && r.has("since")) m.since = read_since(r.map("since"));
    r.done();
    return m;
}

json parse_json(const std::string& body, int max_depth) {
    json::parser_callback_t guard = [max_depth](int depth, json::parse_event_t, json&) {
        if (depth > max_depth) throw bad_data("JSON nested deeper than " + std::to_string(max_depth) + " levels");
        return true;
    };
    try {
        return json::parse(body, guard);
    } catch (const json::exception& e) {
        // Not only parse_error: a number too large for a double (1e999) is out_of_range, and any
        // library exception escaping here would reach the card as "unexpected error", not bad data.
        throw malformed_json(e);
    }
}

std::vector<json> records(const json& doc, const std::string& list_pointer) {
    const json::json_pointer p(list_pointer);
    if (!doc.contains(p)) throw bad_data("no list at '" + list_pointer + "' in the response");
    const json& at = doc.at(p);
    if (at.is_array()) return std::vector<json>(at.begin(), at.end());
    if (at.is_object()) return {at};
    if (at.is_null()) return {};
    throw bad_data("expected a list or an object at '" + list_pointer + "', found " + std::string(at.type_name()));
}

Row map_record(const json& record, const EntityMapping& mapping) {
    static const date::time_zone* utc = util::find_zone("UTC");
    return map_record(record, mapping, *utc);
}

Row map_record(const json& record, const EntityMapping& mapping, const date::time_zone& zone) {
    if (!record.is_object()) throw bad_data(std::string("expected each record to be an object, found ") + record.type_name());
    Row row;
    for (const auto& [name, f] : mapping.fields) {
        const json::json_pointer p(f.pointer);
        std::optional<std::string> value;
        if (record.contains(p) && !record.at(p).is_null()) value = transform(record.at(p), f, name, zone);
        if (!value) value = f.fallback;
        if (value) row[name] = *value;
    }
    return row;
}

}  // namespace kartoteka::connectors::rest
