// Lost updates without undefined behaviour: each increment is an atomic load
// followed by an atomic store, two steps instead of one read-modify-write. A
// store by another thread between the two is overwritten, and its increment
// is lost. Totals vary from run to run, so the program reports only whether
// some run (of at most 100) ended short.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread threads_lost_update.cpp -o threads_lost_update
//   ./threads_lost_update
#include <atomic>
#include <iostream>
#include <thread>
#include <vector>

int main() {
    constexpr int threads = 4, per_thread = 100'000, max_runs = 100;
    std::cout << threads << " threads x " << per_thread << " increments as a load, then a store\n";
    int runs = 0;
    bool lost = false;
    while (!lost && runs < max_runs) {
        std::atomic<int> counter{0};
        std::atomic<bool> go{false};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                while (!go.load()) {}   // start together
                for (int i = 0; i < per_thread; ++i)
                    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
            });
        go.store(true);
        for (auto& t : pool) t.join();
        lost = counter.load() < threads * per_thread;
        ++runs;
    }
    std::cout << "some run ended below " << threads * per_thread << ": " << std::boolalpha << lost << '\n';
}
