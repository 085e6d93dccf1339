#pragma once
/// Starting the core's long-lived worker threads so that they never take the host's signals.
#include <pthread.h>
#include <signal.h>

#include <utility>

namespace kartoteka::util {

/// Runs `start` (which starts threads) with every signal blocked in the calling thread, so the new
/// threads inherit a full mask: a process-wide SIGTERM then reaches the thread the host chose (the
/// CLI's sigwait), never a pool thread whose default action would kill the process mid-answer.
template <class Start>
decltype(auto) with_signals_blocked(Start&& start) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    struct Restore {
        sigset_t mask;
        ~Restore() { pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
    } restore{old};
    return std::forward<Start>(start)();
}

}  // namespace kartoteka::util
