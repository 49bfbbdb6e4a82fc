// The exception-safety guarantees, shown with an operation that throws halfway.
// basic:   no leak, the object still valid, but its value may have changed;
// strong:  commit or roll back, the value unchanged if it throws;
// nothrow: never throws (destructors, swap, moves marked noexcept).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g exception_safety.cpp -o exception_safety
//   ./exception_safety
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

int checked(int value) {
    if (value < 0) throw std::invalid_argument("negative value");
    return value;
}

struct Calibration {
    std::vector<int> offsets;

    // Basic guarantee: each element is replaced in place; a throw leaves a mix.
    void set_basic(const std::vector<int>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) offsets[i] = checked(values[i]);
    }
    // Strong guarantee: build the new state aside, then commit with a swap that cannot throw.
    void set_strong(const std::vector<int>& values) {
        std::vector<int> next(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) next[i] = checked(values[i]);
        offsets.swap(next);
    }
    std::string str() const {
        std::string s;
        for (int v : offsets) s += std::to_string(v) + ' ';
        return s;
    }
};

int live = 0;
struct Tracked {
    Tracked() { ++live; }
    ~Tracked() { --live; }
};

std::mutex m;

void work_that_throws() {
    std::lock_guard lock(m);                        // RAII: unlocked by the destructor
    auto resource = std::make_unique<Tracked>();    // RAII: deleted by the destructor
    checked(-1);
}

int main() {
    Calibration c{{1, 2, 3}};
    try {
        c.set_basic({10, -20, 30});
    } catch (const std::invalid_argument& e) {
        std::cout << "basic:  threw \"" << e.what() << "\", offsets now " << c.str() << '\n';
    }
    c = Calibration{{1, 2, 3}};
    try {
        c.set_strong({10, -20, 30});
    } catch (const std::invalid_argument& e) {
        std::cout << "strong: threw \"" << e.what() << "\", offsets now " << c.str() << '\n';
    }

    try {
        work_that_throws();
    } catch (const std::invalid_argument&) {
        std::cout << std::boolalpha << "after the throw: objects alive " << live
                  << ", mutex free " << m.try_lock() << '\n';
        m.unlock();
    }
}
