// The fix for iter_invalidation_bug.cpp: iterate by index over the elements
// that existed before the loop. An index stays meaningful across reallocation;
// an iterator, pointer or reference into the old buffer does not.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address iter_invalidation_fixed.cpp -o iter_invalidation_fixed
//   ./iter_invalidation_fixed
#include <cstddef>
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v{1, 2, 3, 4};
    std::cout << "size " << v.size() << ", capacity " << v.capacity() << std::endl;
    const std::size_t n = v.size();          // only look at the original elements
    for (std::size_t i = 0; i < n; ++i) {
        if (v[i] % 2 == 0) v.push_back(v[i] * 10);
    }
    // Alternatives: v.reserve(2 * n) first (no reallocation, so iterators stay
    // valid), or collect the new elements in a second vector and append them.
    std::cout << "result:";
    for (int x : v) std::cout << ' ' << x;
    std::cout << '\n';
}
