#pragma once
/// The satisfaction index (003): ratings given in contacts with staff, in reviews and in surveys, on a
/// 5-point scale, each channel's mean weighted as `retention.satisfaction.weights` says; under the
/// configured 4.5 is a warning. Every input is kept so the card can say why the index is what it is.
#include <string>
#include <vector>

#include "config/retention_config.h"
#include "model/holding.h"
#include "model/service_contact.h"

namespace kartoteka::retention {

/// One rating that went into the index.
struct SatisfactionInput {
    model::FeedbackChannel channel = model::FeedbackChannel::contact;
    int score = 0;
    model::Timestamp at = 0;
    std::string source;  ///< "local" for a logged how-are-you contact, else the system that sent it
    std::string text;    ///< what they said (free text: masked wherever it is shown)
};

/// One channel's part of the index.
struct ChannelScore {
    model::FeedbackChannel channel = model::FeedbackChannel::contact;
    int ratings = 0;
    double mean = 0;
    double weight = 0;  ///< as configured; 0 = shown, not counted
};

struct Satisfaction {
    double index = 0;     ///< the weighted mean of the channel means; 0 when nothing counted
    int ratings = 0;      ///< ratings that counted
    bool warning = false; ///< under the configured threshold (003)
    double warn_below = 0;
    std::vector<ChannelScore> channels;      ///< every channel with ratings, in contact/review/survey order
    std::vector<SatisfactionInput> inputs;   ///< every rating, newest first: the "why"
};

/// The index from the done how-are-you contacts' ratings (channel contact, source local) and the
/// feedback records, up to `now`: sum(weight x channel mean) / sum(weight) over channels with ratings.
Satisfaction satisfaction_index(const std::vector<model::ServiceContact>& contacts,
                                const std::vector<model::Feedback>& feedback, const config::SatisfactionRules& weights,
                                double warn_below, model::Timestamp now);

/// "4.5 x1 (2 ratings)" lines for the agent: one per channel, then one per rating.
std::vector<std::string> explain(const Satisfaction& s);

}  // namespace kartoteka::retention
