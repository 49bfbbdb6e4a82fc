// const in its different positions, and constexpr.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g const_and_constexpr.cpp -o const_and_constexpr
//   ./const_and_constexpr
#include <array>
#include <iostream>
#include <type_traits>

class Counter {
public:
    int value() const { return value_; }      // const member function: promises not to modify *this
    void increment() { ++value_; }            // non-const: cannot be called on a const Counter
    int reads() const { return ++reads_; }    // mutable members may change even in const functions
private:
    int value_ = 0;
    mutable int reads_ = 0;
};

constexpr int square(int x) { return x * x; }   // usable at compile time and at run time

int main() {
    int a = 1, b = 2;

    const int* to_const = &a;     // pointer to const: *to_const is read-only, the pointer can move
    to_const = &b;                // OK  (*to_const = 5; does not compile)
    int* const fixed = &a;        // const pointer: always points at a, but *fixed is writable
    *fixed = 10;                  // OK  (fixed = &b; does not compile)
    const int* const both = &b;   // neither may change
    std::cout << "*to_const = " << *to_const << ", a = " << a << ", *both = " << *both << '\n';

    // Read the declaration right to left: "to_const is a pointer to const int".
    static_assert(std::is_const_v<std::remove_pointer_t<decltype(to_const)>>);
    static_assert(!std::is_const_v<decltype(to_const)>);
    static_assert(std::is_const_v<decltype(fixed)>);
    static_assert(!std::is_const_v<std::remove_pointer_t<decltype(fixed)>>);

    Counter c;
    c.increment();
    const Counter& view = c;      // a const view of a non-const object
    std::cout << "view.value() = " << view.value() << '\n';   // view.increment() does not compile
    view.reads();
    std::cout << "view.reads() = " << view.reads() << '\n';

    constexpr int n = square(4);              // evaluated by the compiler
    std::array<int, square(3)> cells{};       // a constant expression can size an array
    static_assert(n == 16 && cells.size() == 9);
    int runtime = a;                          // not a constant: square runs at run time here
    std::cout << "n = " << n << ", cells = " << cells.size() << ", square(a) = " << square(runtime) << '\n';
}
