// Publishing data through an atomic flag. The release store "publishes" every
// write made before it; an acquire load that sees the flag set also sees those
// writes. So the consumer is guaranteed to read the complete message, and
// ThreadSanitizer finds no race.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread atomics_release_acquire.cpp -o atomics_release_acquire
//   ./atomics_release_acquire
#include <atomic>
#include <iostream>
#include <string>
#include <thread>

std::string message;                 // plain data, written once before publishing
int numbers[3];
std::atomic<bool> ready{false};

int main() {
    std::thread consumer([] {
        while (!ready.load(std::memory_order_acquire))   // acquire: pairs with the release below
            std::this_thread::yield();
        std::cout << "consumer read: " << message << ", "
                  << numbers[0] + numbers[1] + numbers[2] << '\n';
    });
    std::thread producer([] {
        message = "hello from the producer";
        numbers[0] = 1; numbers[1] = 2; numbers[2] = 3;
        ready.store(true, std::memory_order_release);    // release: publishes the writes above
    });
    producer.join();
    consumer.join();
}
