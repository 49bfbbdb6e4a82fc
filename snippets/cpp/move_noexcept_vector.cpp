// When a std::vector grows, it relocates its elements to a new buffer. To keep
// the strong exception guarantee of push_back, it moves them only if the move
// constructor is noexcept (or if the type cannot be copied at all); otherwise
// it copies them (std::move_if_noexcept).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g move_noexcept_vector.cpp -o move_noexcept_vector
//   ./move_noexcept_vector
#include <iomanip>
#include <iostream>
#include <vector>

template <bool NoexceptMove, bool Copyable>
struct Item {
    static inline int copies = 0, moves = 0;
    Item() = default;
    Item(const Item&) requires Copyable { ++copies; }
    Item(Item&&) noexcept(NoexceptMove) { ++moves; }
};

template <typename T>
void grow(const char* label) {
    std::vector<T> v;
    v.reserve(4);
    while (v.size() < v.capacity()) v.emplace_back();   // fill exactly to capacity
    const auto old_size = v.size();
    T::copies = T::moves = 0;
    v.emplace_back();                                   // no room left: must reallocate
    std::cout << std::left << std::setw(22) << label << ": relocated " << old_size << " elements with "
              << T::copies << " copies and " << T::moves << " moves\n";
}

int main() {
    // reserve(4) gives capacity exactly 4 in libstdc++ and libc++ (the standard says "at least 4").
    grow<Item<true, true>>("noexcept move");
    grow<Item<false, true>>("move that may throw");
    grow<Item<false, false>>("move-only, may throw");   // no copy to fall back on: moves anyway
}
