// The fix for sort_bad_comparator.cpp: use < (a strict weak ordering).
// Runs clean in the debug modes of libstdc++ and libc++.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -D_GLIBCXX_DEBUG -D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_DEBUG sort_good_comparator.cpp -o sort_good_comparator
//   ./sort_good_comparator
#include <algorithm>
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v{3, 1, 2, 3, 1};
    std::cout << "sorting with <" << std::endl;
    std::sort(v.begin(), v.end(), [](int a, int b) { return a < b; });
    std::cout << "sorted:";
    for (int x : v) std::cout << ' ' << x;
    std::cout << '\n';
}
