// Value categories. decltype((e)) reveals the category of an expression e:
// T& for an lvalue, T&& for an xvalue, plain T for a prvalue. "Can appear on the
// left of =" is only a rule of thumb: some lvalues cannot be assigned to, and a
// class-type prvalue can be.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g value_categories.cpp -o value_categories
//   ./value_categories
#include <iomanip>
#include <iostream>
#include <string>
#include <type_traits>
#include <utility>

template <typename T> constexpr const char* category = "prvalue";
template <typename T> constexpr const char* category<T&> = "lvalue";
template <typename T> constexpr const char* category<T&&> = "xvalue";

#define SHOW(...) std::cout << std::left << std::setw(16) << #__VA_ARGS__ \
                            << category<decltype((__VA_ARGS__))> << '\n'

int make() { return 1; }
int& element(int* p) { return *p; }

int main() {
    int x = 0;
    [[maybe_unused]] const int cx = 0;   // only named inside decltype below
    int arr[3] = {};
    int&& rref = 5;     // binds to a temporary, but rref itself has a name

    SHOW(x);
    SHOW(cx);           // an lvalue, yet cx = 1 does not compile
    SHOW(arr);          // an lvalue, yet arrays cannot be assigned
    SHOW("text");       // a string literal is an lvalue (an array in static storage)
    SHOW(rref);         // a named rvalue reference is an lvalue
    SHOW(element(arr)); // a function returning T& gives an lvalue
    SHOW(++x);
    SHOW(x++);
    SHOW(42);
    SHOW(x + 1);
    SHOW(make());       // returning by value gives a prvalue
    SHOW(std::move(x)); // std::move(x) is a cast to int&&: an xvalue

    static_assert(!std::is_assignable_v<const int&, int>);   // const lvalue: not assignable
    static_assert(!std::is_assignable_v<int(&)[3], int(&)[3]>);
    // A class prvalue on the left of = is fine: it calls std::string::operator=.
    std::cout << (std::string("temporary") = "assigned to an rvalue") << '\n';
}
