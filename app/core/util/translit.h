#pragma once
/// A name's Latin search key: the same key for a Cyrillic name and for the ways people spell it in
/// Latin letters, so "Mariya", "Maria", "Mariia" and "Мария" meet without trying every spelling at
/// query time.
///
/// Cyrillic is first written in Latin letters (Russian as in passports, ICAO 9303; Bulgarian as its
/// transliteration law has it: щ sht, ъ a, ж zh, ц ts, ю yu, я ya), then every Latin spelling is folded:
///  - the sounds the schemes spell differently become one letter: shch/sch/sht (щ), zh (ж), ch/tch (ч),
///    sh (ш), ts/tz/cz/c (ц), kh/h (х), x = ks, w = v, ph = f, th = t, q = k;
///  - y and j become i (й, ы and the y/i/j of я, ю, е in GOST 7.79, BGN and ICAO: "Yulia", "Iuliia",
///    "Julia"), then doubled letters are written once ("Kirill"/"Kiril", "Mariia"/"Maria");
///  - "ie" and "io" become "e" (BGN "Yevgeniy" and ICAO "Evgenii"; "Fyodor"/"Fedor"; "Dmitriev");
///  - apostrophes (the soft sign in BGN) and the soft sign itself are dropped.
/// The key can make two names meet that are not the same (that is a search's job: more candidates, never
/// a missed one); it is never shown. Words are kept apart by one space, so prefixes work word by word.
#include <string>
#include <string_view>

namespace kartoteka::util {

/// The Latin search key of a name in any case, in Latin or Cyrillic (other letters pass through).
std::string latin_key(std::string_view utf8);

}  // namespace kartoteka::util
