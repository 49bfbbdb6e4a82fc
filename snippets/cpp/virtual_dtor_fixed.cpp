// The fix for virtual_dtor_bug.cpp: a base class meant to be deleted through a
// base pointer needs a virtual destructor. Then `delete p` runs ~Derived() first,
// then ~Base(), and frees the right size. Runs clean under AddressSanitizer.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsized-deallocation -fsanitize=address virtual_dtor_fixed.cpp -o virtual_dtor_fixed
//   ./virtual_dtor_fixed
#include <array>
#include <iostream>
#include <memory>

struct Base {
    virtual ~Base() { std::cout << "~Base()" << std::endl; }
    int id = 0;
};

struct Derived : Base {
    ~Derived() override { std::cout << "~Derived()" << std::endl; }
    std::array<long, 4> payload{};
};

int main() {
    Base* p = new Derived;
    std::cout << "deleting a Derived through Base*" << std::endl;
    delete p;

    // Same rule for smart pointers: unique_ptr<Base> calls delete on a Base*.
    std::unique_ptr<Base> owner = std::make_unique<Derived>();
    std::cout << "resetting a unique_ptr<Base> that owns a Derived" << std::endl;
    owner.reset();
}
