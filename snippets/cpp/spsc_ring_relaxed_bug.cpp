// BUG: spsc_ring.cpp with every ordering relaxed. The indices are still
// atomic, but a relaxed store of tail_ no longer carries the slot's contents to
// the consumer: reading the slot is a data race. ThreadSanitizer reports it
// (and halt_on_error=1 stops the program at the first report).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread spsc_ring_relaxed_bug.cpp -o spsc_ring_relaxed_bug
//   TSAN_OPTIONS=halt_on_error=1 ./spsc_ring_relaxed_bug
#include <array>
#include <atomic>
#include <cstddef>
#include <iostream>
#include <optional>
#include <thread>

template <class T, std::size_t N>
class SpscRing {
    static_assert(N >= 2 && (N & (N - 1)) == 0, "N must be a power of two");
    std::array<T, N> slots_{};
    alignas(64) std::atomic<std::size_t> head_{0};   // next slot to read; written by the consumer
    alignas(64) std::atomic<std::size_t> tail_{0};   // next slot to write; written by the producer

public:
    // noinline: push and pop stay separate functions, as in a library. (Inlined into
    // main at -O1, clang 19's ThreadSanitizer missed the relaxed version's race in our runs.)
    [[gnu::noinline]] bool push(const T& value) {
        const std::size_t tail = tail_.load(std::memory_order_relaxed);   // our own index
        if (tail - head_.load(std::memory_order_relaxed) == N) return false;   // full
        slots_[tail % N] = value;
        tail_.store(tail + 1, std::memory_order_relaxed);                // publishes nothing
        return true;
    }
    [[gnu::noinline]] std::optional<T> pop() {
        const std::size_t head = head_.load(std::memory_order_relaxed);
        if (head == tail_.load(std::memory_order_relaxed)) return std::nullopt;   // empty
        T value = slots_[head % N];
        head_.store(head + 1, std::memory_order_relaxed);                // orders nothing
        return value;
    }
};

int main() {
    std::cout << "relaxed ring: producer and consumer start" << std::endl;
    SpscRing<long, 64> ring;
    constexpr long count = 20000;
    std::thread producer([&] {
        for (long i = 1; i <= count; ++i)
            while (!ring.push(i)) std::this_thread::yield();
    });
    long sum = 0, received = 0, out_of_order = 0, expected = 1;
    while (received < count) {
        if (auto v = ring.pop()) {
            out_of_order += (*v != expected);
            expected = *v + 1;
            sum += *v;
            ++received;
        } else {
            std::this_thread::yield();
        }
    }
    producer.join();
    std::cout << "received " << received << " values in order (" << out_of_order
              << " out of order), sum " << sum << '\n';
}
