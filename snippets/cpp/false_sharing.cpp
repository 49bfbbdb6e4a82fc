// False sharing: two threads update two different counters. Packed, the counters
// share one 64-byte cache line, which then bounces between the two cores on
// every write; padded with alignas(64), each has a line of its own. By default
// the program checks the results and prints the layout only (timings vary from
// run to run); FALSE_SHARING_TIMES=1 also prints how long each variant took.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread false_sharing.cpp -o false_sharing
//   ./false_sharing
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <thread>

constexpr long increments = 5'000'000;

struct Packed {
    std::atomic<long> a{0};
    std::atomic<long> b{0};
};

struct Padded {
    alignas(64) std::atomic<long> a{0};   // 64: the cache line size of x86-64 and most ARM cores
    alignas(64) std::atomic<long> b{0};
};

template <class Counters>
void run(const char* name, bool show_time) {
    Counters c;
    auto start = std::chrono::steady_clock::now();
    std::thread t1([&] { for (long i = 0; i < increments; ++i) c.a.fetch_add(1, std::memory_order_relaxed); });
    std::thread t2([&] { for (long i = 0; i < increments; ++i) c.b.fetch_add(1, std::memory_order_relaxed); });
    t1.join();
    t2.join();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    auto distance = reinterpret_cast<const char*>(&c.b) - reinterpret_cast<const char*>(&c.a);
    std::cout << name << ": counters " << distance << " bytes apart, sizeof " << sizeof(Counters)
              << ", a = " << c.a << ", b = " << c.b;
    if (show_time) std::cout << ", " << ms.count() << " ms";
    std::cout << '\n';
}

int main() {
    const char* env = std::getenv("FALSE_SHARING_TIMES");
    bool show_time = env != nullptr && env[0] == '1';
    run<Packed>("packed", show_time);
    run<Padded>("padded", show_time);
}
