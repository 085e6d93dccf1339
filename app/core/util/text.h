#pragma once
/// UTF-8 text helpers for the scripts our customers' names come in (Latin and Cyrillic).
#include <string>
#include <string_view>
#include <vector>

namespace kartoteka::util {

/// Lower-case Latin, Cyrillic (Russian, Bulgarian, Ukrainian letters) and Greek in UTF-8; other bytes
/// pass through. Folds "ё" to "е" so a search for "Семенов" finds "Семёнов".
std::string fold_case(std::string_view utf8);

std::string trim(std::string_view s);
std::vector<std::string> split_words(std::string_view s);

/// The text with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD:
/// for text from outside (a backend's error, a driver's message) that ends up in JSON or on screen.
std::string valid_utf8(std::string_view s);

/// True when every byte is an ASCII digit (and there is at least one).
bool all_digits(std::string_view s);

}  // namespace kartoteka::util
