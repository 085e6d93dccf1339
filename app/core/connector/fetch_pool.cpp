#include "connector/fetch_pool.h"

#include <httplib.h>  // its ThreadPool: a plain, well-tried fixed pool

#include "util/quiet_threads.h"

namespace kartoteka::connector {

struct FetchPool::Impl {
    // Started with signals blocked, so SIGTERM and SIGINT reach the thread that handles them.
    explicit Impl(std::size_t n) : pool(util::with_signals_blocked([n] { return std::make_unique<httplib::ThreadPool>(n); })) {}
    std::unique_ptr<httplib::ThreadPool> pool;
};

FetchPool::FetchPool(std::size_t threads) : m_impl(std::make_unique<Impl>(threads)) {}

FetchPool::~FetchPool() { m_impl->pool->shutdown(); }

void FetchPool::post(std::function<void()> job) { m_impl->pool->enqueue(std::move(job)); }

}  // namespace kartoteka::connector
