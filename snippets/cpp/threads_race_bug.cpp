// BUG: several threads increment a plain int. ++counter is a read-modify-write;
// unsynchronised concurrent access is a data race: undefined behaviour,
// whatever total it prints. ThreadSanitizer reports the race.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_race_bug.cpp -o threads_race_bug
//   TSAN_OPTIONS=halt_on_error=1 ./threads_race_bug
#include <iostream>
#include <thread>
#include <vector>

int counter = 0;   // shared and unprotected

int main() {
    constexpr int threads = 4, per_thread = 100'000;
    std::cout << threads << " threads x " << per_thread << " increments of a plain int" << std::endl;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([] { for (int i = 0; i < per_thread; ++i) ++counter; });
    for (auto& t : pool) t.join();
    // Not reached under ThreadSanitizer with halt_on_error=1. Without it, any total
    // may print: the race is undefined behaviour even when the total looks right.
    std::cout << "counter = " << counter << std::endl;
}
