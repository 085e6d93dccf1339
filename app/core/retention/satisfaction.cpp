#include "retention/satisfaction.h"

#include <algorithm>
#include <cstdio>

#include "privacy/card_number_mask.h"
#include "util/time.h"

namespace kartoteka::retention {
namespace {

std::vector<SatisfactionInput> inputs_of(const std::vector<model::ServiceContact>& contacts,
                                         const std::vector<model::Feedback>& feedback, model::Timestamp now) {
    std::vector<SatisfactionInput> out;
    for (const auto& c : contacts) {
        const int s = c.answers.satisfaction;
        if (c.status != model::ContactStatus::done || s < 1 || s > 5 || c.done_at > now) continue;
        out.push_back({model::FeedbackChannel::contact, s, c.done_at, "local", c.answers.free_text});
    }
    for (const auto& f : feedback) {
        if (f.score < 1 || f.score > 5 || f.at > now) continue;
        out.push_back({f.channel, f.score, f.at, f.source_system.empty() ? "local" : f.source_system, f.text});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
    return out;
}

std::string decimal(double v, const char* format = "%.2f") {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

}  // namespace

Satisfaction satisfaction_index(const std::vector<model::ServiceContact>& contacts,
                                const std::vector<model::Feedback>& feedback, const config::SatisfactionRules& weights,
                                double warn_below, model::Timestamp now) {
    Satisfaction s;
    s.warn_below = warn_below;
    s.inputs = inputs_of(contacts, feedback, now);
    double weighted = 0, total_weight = 0;
    for (int i = 0; i <= static_cast<int>(model::FeedbackChannel::survey); ++i) {
        const auto channel = static_cast<model::FeedbackChannel>(i);
        ChannelScore c{channel, 0, 0, 0};
        int sum = 0;
        for (const auto& in : s.inputs)
            if (in.channel == channel) sum += in.score, ++c.ratings;
        if (c.ratings == 0) continue;
        c.mean = static_cast<double>(sum) / c.ratings;
        auto w = weights.weights.find(channel);
        c.weight = w == weights.weights.end() ? 0 : w->second;
        if (c.weight > 0) {
            weighted += c.weight * c.mean;
            total_weight += c.weight;
            s.ratings += c.ratings;
        }
        s.channels.push_back(c);
    }
    if (total_weight <= 0) return s;
    s.index = weighted / total_weight;
    s.warning = s.index < warn_below;
    return s;
}

std::vector<std::string> explain(const Satisfaction& s) {
    std::vector<std::string> out;
    for (const auto& c : s.channels)
        out.push_back(std::string(model::to_string(c.channel)) + ": mean " + decimal(c.mean) + " of " +
                      std::to_string(c.ratings) + (c.ratings == 1 ? " rating" : " ratings") + ", weight " +
                      decimal(c.weight, "%g") + (c.weight > 0 ? "" : " (not counted)"));
    for (const auto& in : s.inputs)
        out.push_back("  " + std::to_string(in.score) + " in a " + model::to_string(in.channel) + " on " +
                      util::format_date(util::date_of(in.at)) + " [" + in.source + "]" +
                      (in.text.empty() ? "" : ": " + privacy::mask_card_numbers(in.text)));
    return out;
}

}  // namespace kartoteka::retention
