// Placement new constructs an object in memory you already have; the object's
// destructor must then be called by hand, and the memory released separately.
// alignof/alignas state alignment; since C++17 plain `new` honours an
// over-aligned type.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g placement_new.cpp -o placement_new
//   ./placement_new
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <memory>
#include <new>
#include <string>

struct Track {
    int id;
    std::string label;
    Track(int i, std::string l) : id(i), label(std::move(l)) { std::cout << "  Track(" << id << ")\n"; }
    ~Track() { std::cout << "  ~Track(" << id << ")\n"; }
};

struct alignas(64) CacheLineBlock {   // over-aligned: more than alignof(std::max_align_t)
    std::byte bytes[64];
};

bool aligned_to(const void* p, std::size_t a) { return reinterpret_cast<std::uintptr_t>(p) % a == 0; }

int main() {
    std::cout << std::boolalpha;
    // Storage with the size and alignment of a Track, but no Track in it yet.
    alignas(Track) std::byte storage[sizeof(Track)];
    std::cout << "placement new:\n";
    Track* t = new (storage) Track(7, "pedestrian");
    std::cout << "  same address as the storage: " << (static_cast<void*>(t) == storage) << '\n';
    t->~Track();                       // no delete: the storage is not from new
    std::cout << "construct_at / destroy_at:\n";
    t = std::construct_at(reinterpret_cast<Track*>(storage), 8, "cyclist");
    std::destroy_at(t);

    std::cout << "alignof(std::max_align_t) = " << alignof(std::max_align_t)
              << ", alignof(CacheLineBlock) = " << alignof(CacheLineBlock) << '\n';
    auto* block = new CacheLineBlock;  // C++17: calls operator new(size_t, align_val_t)
    std::cout << "new CacheLineBlock is 64-byte aligned: " << aligned_to(block, 64) << '\n';
    delete block;
}
