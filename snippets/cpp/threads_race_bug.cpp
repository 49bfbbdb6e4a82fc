// BUG: several threads increment a plain int. ++counter is a read-modify-write;
// unsynchronised concurrent access is a data race, i.e. undefined behaviour
// (in practice increments get lost). ThreadSanitizer reports the race.
// Compile: g++ -std=c++20 -g -fsanitize=thread threads_race_bug.cpp
#include <iostream>
#include <thread>
#include <vector>

int counter = 0;   // shared and unprotected

int main() {
    constexpr int threads = 4, per_thread = 100'000;
    std::cout << threads << " threads x " << per_thread << " increments of a plain int" << std::endl;
    {
        std::vector<std::jthread> pool;   // jthread joins in its destructor
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([] { for (int i = 0; i < per_thread; ++i) ++counter; });
    }
    // Without ThreadSanitizer this line prints, often with a total below 400000.
    std::cout << "counter = " << counter << std::endl;
}
