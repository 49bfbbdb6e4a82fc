// How a vector's capacity grows as elements are pushed one by one. The growth
// factor is not in the standard: libstdc++ and libc++ double the capacity,
// MSVC's library multiplies it by 1.5. Each growth moves the elements into a new buffer.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g vector_growth.cpp -o vector_growth
//   ./vector_growth
#include <iostream>
#include <vector>

int main() {
    std::vector<int> v;
    std::cout << "size capacity new-buffer\n";
    std::cout << v.size() << ' ' << v.capacity() << " -\n";
    for (int i = 0; i < 40; ++i) {
        const int* before = v.data();
        v.push_back(i);
        std::cout << v.size() << ' ' << v.capacity() << (v.data() != before ? " yes" : " no") << '\n';
    }
}
