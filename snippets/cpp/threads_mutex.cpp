// Fix 2 for threads_race_bug.cpp: a std::mutex held through a std::lock_guard
// (RAII: unlocked when the guard goes out of scope, even on an exception).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_mutex.cpp -o threads_mutex
//   ./threads_mutex
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int counter = 0;
std::mutex counter_mutex;   // protects counter

int main() {
    constexpr int threads = 4, per_thread = 100'000;
    std::cout << threads << " threads x " << per_thread << " increments under a std::mutex" << std::endl;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([] {
            for (int i = 0; i < per_thread; ++i) {
                std::lock_guard lock(counter_mutex);
                ++counter;
            }
        });
    for (auto& t : pool) t.join();
    std::cout << "counter = " << counter << std::endl;
}
