// std::shared_mutex: many readers at once (std::shared_lock), or one writer
// alone (std::unique_lock). The writer keeps an invariant (value == 10 * version)
// that readers check; they never see a half-finished update.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_shared_mutex.cpp -o threads_shared_mutex
//   ./threads_shared_mutex
#include <atomic>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

class Config {
public:
    struct Snapshot { int version, value; };

    Snapshot read() const {
        std::shared_lock lock(m_);   // shared: other readers may hold it too
        return {version_, value_};
    }
    void update() {
        std::unique_lock lock(m_);   // exclusive: waits for all readers to leave
        ++version_;
        value_ = 10 * version_;
    }
private:
    mutable std::shared_mutex m_;    // mutable: locking is allowed in const read()
    int version_ = 0;
    int value_ = 0;
};

int main() {
    Config config;
    std::atomic<int> reads{0}, broken{0};
    std::vector<std::thread> threads;
    threads.emplace_back([&] { for (int i = 0; i < 200; ++i) config.update(); });
    for (int r = 0; r < 3; ++r)
        threads.emplace_back([&] {
            int last_version = 0;
            for (int i = 0; i < 1000; ++i) {
                const auto s = config.read();
                if (s.value != 10 * s.version || s.version < last_version) ++broken;
                last_version = s.version;
                ++reads;
            }
        });
    for (auto& t : threads) t.join();
    const auto final_state = config.read();
    std::cout << "reads: " << reads << ", inconsistent snapshots: " << broken << '\n';
    std::cout << "final version " << final_state.version << ", value " << final_state.value << '\n';
}
