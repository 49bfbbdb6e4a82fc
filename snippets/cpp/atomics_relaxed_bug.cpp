// BUG: the same as atomics_release_acquire.cpp, but with memory_order_relaxed.
// A relaxed flag is itself race-free, yet it orders nothing else: seeing
// ready == true does not make the write to payload visible, so reading
// payload is a data race. ThreadSanitizer reports it. (On x86-64 the hardware
// happens to keep this order, but the compiler is free not to: this is still
// undefined behaviour.)

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread atomics_relaxed_bug.cpp -o atomics_relaxed_bug
//   TSAN_OPTIONS=halt_on_error=1 ./atomics_relaxed_bug
#include <atomic>
#include <iostream>
#include <thread>

int payload = 0;
std::atomic<bool> ready{false};

int main() {
    std::cout << "publishing with memory_order_relaxed" << std::endl;
    std::thread consumer([] {
        while (!ready.load(std::memory_order_relaxed))   // wrong: should be acquire
            std::this_thread::yield();
        std::cout << "consumer read: " << payload << std::endl;
    });
    std::thread producer([] {
        payload = 42;
        ready.store(true, std::memory_order_relaxed);    // wrong: should be release
    });
    producer.join();
    consumer.join();
}
