// A function template and a class template, constrained with C++20 concepts.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g templates_concepts.cpp -o templates_concepts
//   ./templates_concepts
#include <array>
#include <concepts>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// Function template: T is deduced from the arguments; std::totally_ordered
// requires <, >, <=, >=, == and != (see errors/concept_not_satisfied.cpp).
template <std::totally_ordered T>
const T& max_of(const T& a, const T& b) {
    return a < b ? b : a;
}

// A home-made concept: anything with a size() convertible to std::size_t.
template <typename C>
concept Sized = requires(const C& c) {
    { c.size() } -> std::convertible_to<std::size_t>;
};

void report(const Sized auto& c) {   // abbreviated template syntax
    std::cout << "size " << c.size() << '\n';
}

// Class template with a type parameter and a non-type (value) parameter.
// The requires-clause states everything the body needs: std::array<T, N>
// default-constructs its slots, and push/pop move elements in and out.
template <typename T, std::size_t Capacity>
    requires std::movable<T> && std::default_initializable<T>
class FixedStack {
public:
    bool push(T value) {
        if (size_ == Capacity) return false;
        items_[size_++] = std::move(value);
        return true;
    }
    std::optional<T> pop() {
        if (size_ == 0) return std::nullopt;
        return std::move(items_[--size_]);
    }
    std::size_t size() const { return size_; }
private:
    std::array<T, Capacity> items_{};
    std::size_t size_ = 0;
};

struct Point { int x, y; };   // no operator<

int main() {
    std::cout << "max_of(3, 7) = " << max_of(3, 7) << '\n';
    std::cout << "max_of(string pear, string apple) = " << max_of(std::string("pear"), std::string("apple")) << '\n';
    std::cout << "max_of<double>(2.5, 1) = " << max_of<double>(2.5, 1) << '\n';   // explicit T: 1 converts

    FixedStack<std::string, 2> stack;
    std::cout << std::boolalpha << "push a: " << stack.push("a") << ", push b: " << stack.push("b")
              << ", push c: " << stack.push("c") << '\n';                      // full: false
    while (auto top = stack.pop()) std::cout << "pop " << *top << '\n';
    report(stack);
    report(std::vector<int>{1, 2, 3});

    std::cout << "totally_ordered<int>   = " << std::totally_ordered<int> << '\n';
    std::cout << "totally_ordered<Point> = " << std::totally_ordered<Point> << '\n';
    std::cout << "Sized<std::string>     = " << Sized<std::string> << '\n';
    std::cout << "Sized<int>             = " << Sized<int> << '\n';
}
