// Fix 1 for threads_race_bug.cpp: std::atomic<int>. Each fetch_add is one
// indivisible read-modify-write (on x86-64 a single `lock add` instruction).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_atomic.cpp -o threads_atomic
//   ./threads_atomic
#include <atomic>
#include <iostream>
#include <thread>
#include <vector>

std::atomic<int> counter{0};

int main() {
    constexpr int threads = 4, per_thread = 100'000;
    std::cout << threads << " threads x " << per_thread << " increments of a std::atomic<int>" << std::endl;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([] {
            // relaxed is enough for a pure counter: no other data is published
            // through it, and joining the threads orders the final read below.
            for (int i = 0; i < per_thread; ++i) counter.fetch_add(1, std::memory_order_relaxed);
        });
    for (auto& t : pool) t.join();
    std::cout << "counter = " << counter.load() << std::endl;
}
