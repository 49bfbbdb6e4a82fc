// Lost updates without undefined behaviour: each increment is an atomic load
// followed by an atomic store, two steps instead of one read-modify-write. A
// store by another thread between the two is overwritten, and its increment
// is lost. The yield between the steps makes that unlucky moment (a thread
// switch between load and store) common, so the loss shows on one core as on
// many. Totals vary, so the program reports only whether a run ended short.

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
                while (!go.load()) std::this_thread::yield();   // start together
                for (int i = 0; i < per_thread; ++i) {
                    const int seen = counter.load(std::memory_order_relaxed);
                    if (i % 1000 == 0) std::this_thread::yield();   // let another thread in
                    counter.store(seen + 1, std::memory_order_relaxed);
                }
            });
        go.store(true);
        for (auto& t : pool) t.join();
        lost = counter.load() < threads * per_thread;
        ++runs;
    }
    std::cout << "some run ended below " << threads * per_thread << ": " << std::boolalpha << lost << '\n';
}
