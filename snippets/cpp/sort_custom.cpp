// Custom orderings for std::sort: a lambda, a function object, stable_sort for
// equal keys, and ranges::sort with a projection.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -Wno-deprecated-declarations sort_custom.cpp -o sort_custom
//   ./sort_custom
#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

struct Person {
    std::string name;
    int age;
};

// A function object: a type with operator(). It may carry state and can be inlined.
struct ByName {
    bool operator()(const Person& a, const Person& b) const { return a.name < b.name; }
};

void print(const char* label, const std::vector<Person>& people, bool with_names = true) {
    std::cout << std::left << std::setw(28) << label;
    for (const auto& p : people) {
        std::cout << ' ' << p.age;
        if (with_names) std::cout << ':' << p.name;
    }
    std::cout << '\n';
}

int main() {
    const std::vector<Person> people{{"Eve", 28}, {"Ben", 35}, {"Dana", 28}, {"Ari", 35}, {"Cleo", 42}};
    auto v = people;
    print("input:", v);

    // A comparator must be a strict weak ordering: use <, never <=.
    std::sort(v.begin(), v.end(), [](const Person& a, const Person& b) { return a.age > b.age; });
    // sort() is not stable: the order among equal ages is unspecified, so print ages only.
    print("lambda, age descending:", v, false);

    std::sort(v.begin(), v.end(), ByName{});
    print("function object, by name:", v);

    // stable_sort keeps equal elements in their previous order: here alphabetical
    // from the sort by name, not the input order.
    std::stable_sort(v.begin(), v.end(), [](const Person& a, const Person& b) { return a.age < b.age; });
    print("stable_sort by age:", v);

    // Several keys at once: compare tuples (age descending, then name).
    std::sort(v.begin(), v.end(), [](const Person& a, const Person& b) {
        return std::tie(b.age, a.name) < std::tie(a.age, b.name);
    });
    print("age descending, then name:", v);

    // C++20 ranges: a comparator plus a projection that picks the key.
    std::ranges::sort(v, std::ranges::greater{}, &Person::name);
    print("ranges::sort, name, greater:", v);
}
