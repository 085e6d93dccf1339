#pragma once
/// `kartoteka-cli demo serve`: the demo store served over loopback in the Freshdesk API's shape
/// (config/presets/freshdesk.yaml), so the demo's card goes through the real rest connector:
/// GET /api/v2/contacts?phone=|email=, GET /api/v2/contacts/{id}, GET /api/v2/tickets?requester_id=,
/// POST /api/v2/tickets (idempotent by the Idempotency-Key header), and beyond Freshdesk's API the demo's
/// billing and survey data: GET /api/v2/contacts/{id}/holdings and /api/v2/contacts/{id}/ratings. Basic auth "KEY:X". Contacts carry
/// the customer's contact preferences in `custom_fields`, as a Freshdesk account keeps consent flags.
#include <memory>
#include <string>

#include "phone/phone_normalizer.h"
#include "storage/store.h"

namespace kartoteka::demo {

class DemoBackend {
public:
    /// `store` is only used under this object's lock; `api_key` is the basic-auth user it accepts.
    DemoBackend(storage::Store& store, const phone::PhoneNormalizer& phones, std::string api_key);
    ~DemoBackend();
    DemoBackend(const DemoBackend&) = delete;
    DemoBackend& operator=(const DemoBackend&) = delete;

    /// Binds 127.0.0.1:port (0 = any); returns the port. @throws Error{invalid}
    int bind(int port);
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kartoteka::demo
