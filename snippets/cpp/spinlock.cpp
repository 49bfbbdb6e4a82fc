// A spin lock: a thread that finds the lock taken keeps trying instead of
// sleeping. Correct here (acquire on lock, release on unlock, ThreadSanitizer
// is clean); fast only when the lock is held very briefly and each thread has a core.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread spinlock.cpp -o spinlock
//   ./spinlock
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

class SpinLock {
    std::atomic<bool> locked_{false};

public:
    void lock() {
        for (;;) {
            if (!locked_.exchange(true, std::memory_order_acquire))
                return;                                   // it was free: now it is ours
            while (locked_.load(std::memory_order_relaxed))
                std::this_thread::yield();                // wait by reading, and give the core away
        }
    }
    void unlock() { locked_.store(false, std::memory_order_release); }
};

int main() {
    SpinLock spin;
    long counter = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10000; ++i) {
                std::lock_guard guard(spin);              // any type with lock()/unlock() works
                ++counter;
            }
        });
    for (auto& th : threads) th.join();
    std::cout << "counter = " << counter << '\n';
}
