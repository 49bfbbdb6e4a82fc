// BUG: <= is not a strict weak ordering (comp(a, a) must be false). Passing it
// to std::sort is undefined behaviour: in practice it can read past the end of
// the range or crash, depending on the data. The debug modes of libstdc++ and
// libc++ catch this case (each checks only part of the rules) and abort instead.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -D_GLIBCXX_DEBUG -D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_DEBUG sort_bad_comparator.cpp -o sort_bad_comparator
//   ./sort_bad_comparator
#include <algorithm>
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v{3, 1, 2, 3, 1};
    std::cout << "sorting with <=" << std::endl;   // flush: abort() does not flush stdout
    std::sort(v.begin(), v.end(), [](int a, int b) { return a <= b; });   // wrong
    std::cout << "not reached in debug mode" << std::endl;
}
