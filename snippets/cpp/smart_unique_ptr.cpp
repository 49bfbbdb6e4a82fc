// std::unique_ptr: exactly one owner. Ownership can be moved, never copied,
// and the object is destroyed when its (last) owner goes away.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g smart_unique_ptr.cpp -o smart_unique_ptr
//   ./smart_unique_ptr
#include <iostream>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

struct Resource {
    std::string name;
    explicit Resource(std::string n) : name(std::move(n)) { std::cout << "acquire " << name << '\n'; }
    ~Resource() { std::cout << "release " << name << '\n'; }
};

// Copying is a compile error (see errors/unique_ptr_copy.cpp); moving is cheap and cannot throw.
static_assert(!std::is_copy_constructible_v<std::unique_ptr<Resource>>);
static_assert(std::is_nothrow_move_constructible_v<std::unique_ptr<Resource>>);

// Taking a unique_ptr by value: the caller has to hand over ownership explicitly.
void consume(std::unique_ptr<Resource> r) {
    std::cout << "consume() now owns " << r->name << '\n';
}   // r is destroyed here, and with it the Resource

int main() {
    auto a = std::make_unique<Resource>("A");
    std::unique_ptr<Resource> b = std::move(a);   // ownership moves from a to b
    std::cout << "a is " << (a ? "set" : "empty") << ", b owns " << b->name << '\n';

    consume(std::move(b));
    std::cout << "back in main, b is " << (b ? "set" : "empty") << '\n';

    {
        auto c = std::make_unique<Resource>("C");
        std::cout << "leaving inner scope\n";
    }   // c released here, even if the scope had been left by an exception

    auto d = std::make_unique<Resource>("D");
    d = std::make_unique<Resource>("E");   // assignment releases the old object (D)
    std::cout << "end of main\n";
}   // E released here
