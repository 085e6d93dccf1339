#pragma once
/// A fixed pool of threads for backend requests (card fetches, federated search): a backend that
/// stalls costs at most its deadline on one of these threads, never a new thread per request.
#include <cstddef>
#include <functional>
#include <memory>

namespace kartoteka::connector {

class FetchPool {
public:
    explicit FetchPool(std::size_t threads);
    /// Joins: queued jobs still run (each checks its own deadline and returns at once past it).
    ~FetchPool();
    FetchPool(const FetchPool&) = delete;
    FetchPool& operator=(const FetchPool&) = delete;

    void post(std::function<void()> job);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kartoteka::connector
