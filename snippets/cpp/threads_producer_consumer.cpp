// A bounded blocking queue: producers wait while it is full, consumers wait
// while it is empty. condition_variable::wait(lock, predicate) rechecks the
// predicate after every wake-up, so spurious wake-ups are harmless.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_producer_consumer.cpp -o threads_producer_consumer
//   ./threads_producer_consumer
#include <condition_variable>
#include <cstddef>
#include <iostream>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <vector>

template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(T item) {
        std::unique_lock lock(m_);   // wait() needs a unique_lock: it unlocks while sleeping
        not_full_.wait(lock, [&] { return q_.size() < capacity_; });
        q_.push(std::move(item));
        if (q_.size() > max_seen_) max_seen_ = q_.size();
        not_empty_.notify_one();
    }
    // Returns std::nullopt once the queue is closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(m_);
        not_empty_.wait(lock, [&] { return !q_.empty() || closed_; });
        if (q_.empty()) return std::nullopt;
        T item = std::move(q_.front());
        q_.pop();
        not_full_.notify_one();
        return item;
    }
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
        not_empty_.notify_all();     // wake every consumer so it can see closed_
    }
    std::size_t max_seen() const { std::lock_guard lock(m_); return max_seen_; }

private:
    mutable std::mutex m_;
    std::condition_variable not_full_, not_empty_;
    std::queue<T> q_;
    std::size_t capacity_, max_seen_ = 0;
    bool closed_ = false;
};

int main() {
    constexpr int producers = 3, consumers = 2, items_each = 1000;
    BoundedQueue<int> queue(8);
    // One slot per consumer: no two threads write the same element, so there is
    // no data race. The slots do share a cache line (false sharing), which costs
    // speed, not correctness.
    std::vector<long> sums(consumers, 0);
    std::vector<int> counts(consumers, 0);
    std::vector<std::thread> consumer_threads, producer_threads;
    for (int c = 0; c < consumers; ++c)
        consumer_threads.emplace_back([&, c] {
            while (auto item = queue.pop()) { sums[c] += *item; ++counts[c]; }
        });
    for (int p = 0; p < producers; ++p)
        producer_threads.emplace_back([&] { for (int i = 1; i <= items_each; ++i) queue.push(i); });
    for (auto& t : producer_threads) t.join();
    queue.close();                                   // no more items: wake the consumers
    for (auto& t : consumer_threads) t.join();       // they drain the queue and return
    long sum = 0;
    int count = 0;
    for (int c = 0; c < consumers; ++c) { sum += sums[c]; count += counts[c]; }
    std::cout << "consumed " << count << " items, sum " << sum
              << " (expected " << producers * items_each * (items_each + 1) / 2 << ")\n";
    std::cout << "queue never held more than 8: " << std::boolalpha << (queue.max_seen() <= 8) << '\n';
}
