// libFuzzer target: the caller-id parser on arbitrary text (search queries, tel:/sip:/callto: URIs, SIP
// header values, backend data).
#include <cstddef>
#include <cstdint>
#include <string>

#include "phone/phone_normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kartoteka::phone::CallerId;
    static const kartoteka::phone::PhoneNormalizer ru("RU"), bg("BG");
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const auto* n : {&ru, &bg}) {
        const CallerId id = n->parse(text);
        switch (id.kind) {
        case CallerId::Kind::number:
            // E.164 that normalizes to itself, and an extension of digits that stayed out of it.
            if (id.e164.size() < 2 || id.e164[0] != '+' || n->normalize(id.e164) != id.e164) __builtin_trap();
            if (id.extension.size() > 15) __builtin_trap();
            for (char c : id.extension)
                if (c < '0' || c > '9') __builtin_trap();
            break;
        case CallerId::Kind::withheld:
            if (!id.e164.empty() || !id.extension.empty()) __builtin_trap();
            break;
        case CallerId::Kind::invalid:
            if (!id.e164.empty() || id.why.empty()) __builtin_trap();
            break;
        }
        if (n->normalize(text).has_value() != id.is_number()) __builtin_trap();
    }
    kartoteka::phone::PhoneNormalizer::looks_like_phone(text);
    (void)kartoteka::phone::mask_caller_id(text);
    return 0;
}
