// BUG: push_back while iterating. When the vector is full, push_back moves the
// elements to a bigger buffer and frees the old one, so `it` dangles and the
// next *it reads freed memory. AddressSanitizer reports heap-use-after-free.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address iter_invalidation_bug.cpp -o iter_invalidation_bug
//   ./iter_invalidation_bug
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v{1, 2, 3, 4};   // capacity 4 (libstdc++, libc++): the first push_back reallocates
    std::cout << "size " << v.size() << ", capacity " << v.capacity() << std::endl;
    // Goal: append ten times every even element.
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (*it % 2 == 0) v.push_back(*it * 10);   // invalidates it (and end())
    }
    std::cout << "not reached under AddressSanitizer" << std::endl;
}
