// The special member functions of a resource-owning class, counted. Buffer
// owns a heap array, so it needs all five (rule of five); its assignment is
// copy-and-swap, one operator for copy and move assignment.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g rule_of_five.cpp -o rule_of_five
//   ./rule_of_five
#include <algorithm>
#include <cstddef>
#include <iostream>
#include <type_traits>
#include <utility>

struct Counts {
    int copies = 0, moves = 0;
};
Counts counts;

class Buffer {
    std::size_t size_ = 0;
    int* data_ = nullptr;

public:
    explicit Buffer(std::size_t n) : size_(n), data_(new int[n]()) {}
    ~Buffer() { delete[] data_; }
    Buffer(const Buffer& other) : size_(other.size_), data_(new int[other.size_]) {
        std::copy(other.data_, other.data_ + size_, data_);
        ++counts.copies;
    }
    Buffer(Buffer&& other) noexcept
        : size_(std::exchange(other.size_, 0)), data_(std::exchange(other.data_, nullptr)) {
        ++counts.moves;
    }
    // Copy-and-swap: `other` is built by the copy or the move constructor, then
    // swapped in; the old contents die with `other`. Self-assignment is safe.
    Buffer& operator=(Buffer other) noexcept {
        swap(*this, other);
        return *this;
    }
    friend void swap(Buffer& a, Buffer& b) noexcept {
        std::swap(a.size_, b.size_);
        std::swap(a.data_, b.data_);
    }
    std::size_t size() const { return size_; }
};

// Rule of zero: members that manage themselves, no special members written.
struct Frame {
    Buffer pixels{4};
};

// A user-declared destructor, even an empty one, suppresses the implicit move
// operations: "moving" a Logged copies its Buffer.
struct Logged {
    Buffer pixels{4};
    ~Logged() {}
};

struct NonCopyable {
    NonCopyable() = default;
    NonCopyable(const NonCopyable&) = delete;
    NonCopyable& operator=(const NonCopyable&) = delete;
};

void report(const char* what) {
    std::cout << what << ": copies " << counts.copies << ", moves " << counts.moves << '\n';
    counts = {};
}

int main() {
    Buffer a(3);
    Buffer b = a;
    report("Buffer b = a");
    Buffer c = std::move(a);
    report("Buffer c = std::move(a)");
    b = c;
    report("b = c");
    b = std::move(c);
    report("b = std::move(c)");
    b = Buffer(5);
    report("b = Buffer(5)");

    Frame f1;
    Frame f2 = std::move(f1);
    report("Frame moved");
    Logged l1;
    Logged l2 = std::move(l1);
    report("Logged \"moved\"");

    std::cout << std::boolalpha
              << "NonCopyable is copy constructible: " << std::is_copy_constructible_v<NonCopyable> << '\n'
              << "Buffer is nothrow move constructible: " << std::is_nothrow_move_constructible_v<Buffer> << '\n';
}
