// libFuzzer target: phone normalization of arbitrary text (search queries, tel:/sip: URIs, backend data).
#include <cstddef>
#include <cstdint>
#include <string>

#include "phone/phone_normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const kartoteka::phone::PhoneNormalizer ru("RU"), bg("BG");
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const auto* n : {&ru, &bg}) {
        auto e164 = n->normalize(text);
        // Whatever comes out is E.164 and normalizes to itself.
        if (e164 && (e164->empty() || (*e164)[0] != '+' || n->normalize(*e164) != e164)) __builtin_trap();
    }
    kartoteka::phone::PhoneNormalizer::looks_like_phone(text);
    return 0;
}
