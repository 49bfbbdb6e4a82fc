// std::vector: four ways to traverse, checked vs unchecked access, and what
// clear(), shrink_to_fit() and the swap idiom do to the capacity.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g vector_basics.cpp -o vector_basics
//   ./vector_basics
#include <iostream>
#include <stdexcept>
#include <vector>

void sizes(const char* when, const std::vector<int>& v) {
    std::cout << when << "size " << v.size() << ", capacity " << v.capacity() << '\n';
}

int main() {
    std::vector<int> v{10, 20, 30};

    std::cout << "index:    ";
    for (std::size_t i = 0; i < v.size(); ++i) std::cout << ' ' << v[i];
    std::cout << "\nat():     ";
    for (std::size_t i = 0; i < v.size(); ++i) std::cout << ' ' << v.at(i);
    std::cout << "\niterator: ";
    for (auto it = v.begin(); it != v.end(); ++it) std::cout << ' ' << *it;
    std::cout << "\nrange-for:";
    for (int x : v) std::cout << ' ' << x;
    std::cout << '\n';

    // at() checks the index and throws; v[3] would be undefined behaviour
    // (no check at all, unless compiled with -D_GLIBCXX_ASSERTIONS).
    try {
        std::cout << v.at(3) << '\n';
    } catch (const std::out_of_range& e) {
        std::cout << "at(3) threw std::out_of_range: " << e.what() << '\n';   // the text is the library's own
    }

    // Capacities below are libstdc++'s and libc++'s: a vector built with n elements
    // allocates exactly n, and shrink_to_fit() (formally only a non-binding
    // request) really does release the spare memory.
    std::vector<int> big(1000);
    sizes("constructed with 1000: ", big);
    big.clear();                                 // destroys the elements, keeps the buffer
    sizes("after clear():         ", big);
    big.shrink_to_fit();                         // asks to drop the unused capacity
    sizes("after shrink_to_fit(): ", big);

    big.resize(1000);
    sizes("after resize(1000):    ", big);
    std::vector<int>().swap(big);                // swap idiom: big takes the empty buffer,
    sizes("after swap idiom:      ", big);       // the temporary frees the old one
}
