// A hot path that does not touch the heap: per-frame containers allocate from a
// buffer reserved at start-up through std::pmr::monotonic_buffer_resource, with
// null_memory_resource() upstream so that running out is an error, not a silent
// malloc. Heap allocations are counted by replacing the global operator new.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g pmr_frame.cpp -o pmr_frame
//   ./pmr_frame
#include <array>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <memory_resource>
#include <new>
#include <vector>

static int heap_allocations = 0;
void* operator new(std::size_t n) {
    ++heap_allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc{};
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

struct Point { float x, y, z; };

// One frame's work: filter points into a temporary vector that lives in `arena`.
std::size_t process_frame(std::pmr::memory_resource* arena, int frame) {
    std::pmr::vector<Point> near(arena);
    near.reserve(256);
    for (int i = 0; i < 200; ++i) {
        float d = static_cast<float>((i * 7 + frame) % 100);
        if (d < 30) near.push_back({d, 0, 0});
    }
    return near.size();
}

int main() {
    static std::array<std::byte, 16 * 1024> buffer;   // reserved once, before the hot path
    std::pmr::monotonic_buffer_resource arena(buffer.data(), buffer.size(),
                                              std::pmr::null_memory_resource());
    int before = heap_allocations;
    for (int frame = 0; frame < 3; ++frame) {
        std::size_t kept = process_frame(&arena, frame);
        arena.release();                              // everything from this frame, at once
        std::cout << "frame " << frame << ": kept " << kept << " points\n";
    }
    std::cout << "heap allocations on the hot path: " << heap_allocations - before << '\n';

    try {
        std::pmr::vector<Point> too_big(&arena);
        too_big.reserve(10'000);                      // 120 000 bytes > the 16 KiB buffer
    } catch (const std::bad_alloc&) {
        std::cout << "asking for more than the buffer: std::bad_alloc, no fallback to the heap\n";
    }
}
