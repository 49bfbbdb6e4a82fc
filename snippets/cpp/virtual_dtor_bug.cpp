// BUG: deleting a Derived object through a Base* when ~Base() is not virtual.
// This is undefined behaviour: only ~Base() runs, and operator delete is told
// the wrong size. AddressSanitizer reports it as new-delete-type-mismatch: it
// sees the sizes differ through sized deallocation (-fsized-deallocation).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsized-deallocation -fsanitize=address virtual_dtor_bug.cpp -o virtual_dtor_bug
//   ./virtual_dtor_bug
#include <array>
#include <iostream>

struct Base {
    ~Base() { std::cout << "~Base()" << std::endl; }      // NOT virtual
    int id = 0;
};

struct Derived : Base {
    ~Derived() { std::cout << "~Derived()" << std::endl; } // never runs below
    std::array<long, 4> payload{};                          // sizeof(Derived) > sizeof(Base)
};

int main() {
    Base* p = new Derived;
    // std::endl flushes: the sanitizer ends the process without flushing stdout.
    std::cout << "deleting a Derived through Base*" << std::endl;
    delete p;   // undefined behaviour
    std::cout << "not reached under AddressSanitizer" << std::endl;
}
