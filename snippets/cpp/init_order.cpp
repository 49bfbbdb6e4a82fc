// Members are initialized in the order they are declared in the class, bases
// first, whatever order the member initializer list is written in; destruction
// runs in reverse. (Writing the list in another order draws -Wreorder, part of -Wall.)

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g init_order.cpp -o init_order
//   ./init_order
#include <cstddef>
#include <iostream>
#include <string>
#include <utility>

struct Noisy {
    std::string name;
    explicit Noisy(std::string n) : name(std::move(n)) { std::cout << "  construct " << name << '\n'; }
    ~Noisy() { std::cout << "  destroy " << name << '\n'; }
};

struct Base {
    Noisy base_part{"Base member"};
};

struct Frame : Base {
    Noisy header;
    Noisy payload;
    std::size_t payload_size;
    // The list names the members in declaration order; each may use the ones before it.
    explicit Frame(const std::string& data)
        : header("header"), payload("payload " + data), payload_size(payload.name.size()) {
        std::cout << "  constructor body, payload_size = " << payload_size << '\n';
    }
};

struct Meters {
    double value;
    explicit Meters(double v) : value(v) {}
};

double twice(Meters m) { return 2 * m.value; }

int main() {
    std::cout << "building a Frame:\n";
    {
        Frame f("abc");
        std::cout << "leaving the scope:\n";
    }
    // explicit: twice(3.0) does not compile; the conversion must be written out.
    std::cout << "twice(Meters{3.0}) = " << twice(Meters{3.0}) << '\n';
}
