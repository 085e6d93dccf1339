#include "customer.h"

namespace kartoteka::model {

std::string Customer::display_name() const {
    std::string out = last_name;
    for (const std::string* part : {&first_name, &middle_name}) {
        if (part->empty()) continue;
        if (!out.empty()) out += ' ';
        out += *part;
    }
    if (out.empty()) out = company;
    return out;
}

}  // namespace kartoteka::model
