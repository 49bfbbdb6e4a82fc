// new/delete versus malloc/free.
// new = allocate + construct, delete = destroy + deallocate; malloc/free only
// hand out raw bytes. On failure, new throws std::bad_alloc, new(std::nothrow)
// returns nullptr and malloc returns NULL.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g new_vs_malloc.cpp -o new_vs_malloc
//   ./new_vs_malloc
#include <cstdlib>
#include <iostream>
#include <new>
#include <string>

struct Tracked {
    std::string label = "initialised by the constructor";
    Tracked() { std::cout << "  Tracked() runs\n"; }
    ~Tracked() { std::cout << "  ~Tracked() runs\n"; }
};

// 2^62 bytes (4 EiB) cannot be satisfied on x86-64 Linux: user space has at most
// 2^47 (or, with 5-level paging, 2^56) bytes of addresses, so every request fails.
// volatile hides the value from the optimiser, which would otherwise warn about
// (or fold) an allocation this large.
volatile std::size_t absurd_bytes = std::size_t{1} << 62;
char* sink = nullptr;   // results are stored here so the allocations cannot be optimised away

int main() {
    std::cout << "new Tracked:\n";
    Tracked* t = new Tracked;
    std::cout << "  label: " << t->label << '\n';
    delete t;

    std::cout << "malloc(sizeof(Tracked)): raw bytes, no constructor runs\n";
    void* raw = std::malloc(sizeof(Tracked));
    std::cout << "placement new into those bytes:\n";
    Tracked* placed = new (raw) Tracked;   // construct in existing storage
    placed->~Tracked();                    // ...which must then be destroyed by hand
    std::free(raw);

    try {
        sink = new char[absurd_bytes];
        std::cout << "unexpected: the allocation succeeded\n";
    } catch (const std::bad_alloc&) {
        std::cout << "new char[2^62] threw std::bad_alloc\n";
    }

    sink = new (std::nothrow) char[absurd_bytes];
    std::cout << "new (std::nothrow) char[2^62] returned "
              << (sink == nullptr ? "nullptr" : "memory") << '\n';

    // Stored in the global sink, the result is used: with it unused, clang -O1
    // removes the malloc/free pair and assumes the call succeeded ("memory").
    sink = static_cast<char*>(std::malloc(absurd_bytes));
    std::cout << "malloc(2^62) returned " << (sink == nullptr ? "NULL" : "memory") << '\n';
    std::free(sink);   // free(NULL) is a no-op
}
