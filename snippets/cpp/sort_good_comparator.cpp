// The fix for sort_bad_comparator.cpp: use < (a strict weak ordering).
// Runs clean in libstdc++'s debug mode (-D_GLIBCXX_DEBUG).
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
