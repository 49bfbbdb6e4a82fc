// Copy versus move, std::move, guaranteed copy elision and push_back.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g move_semantics.cpp -o move_semantics
//   ./move_semantics
#include <iostream>
#include <string>
#include <utility>
#include <vector>

struct Tracer {
    std::string name;
    explicit Tracer(std::string n) : name(std::move(n)) { log("construct"); }
    Tracer(const Tracer& other) : name(other.name) { log("copy"); }
    Tracer(Tracer&& other) noexcept : name(std::move(other.name)) { log("move"); }
    Tracer& operator=(const Tracer& other) { name = other.name; log("copy-assign"); return *this; }
    Tracer& operator=(Tracer&& other) noexcept { name = std::move(other.name); log("move-assign"); return *this; }
    ~Tracer() = default;
    void log(const char* what) const { std::cout << "  " << what << ' ' << name << '\n'; }
};

// Returning a prvalue: since C++17 the object is created directly in the
// caller's variable. No copy or move constructor is called, or even needed.
Tracer make(std::string name) { return Tracer(std::move(name)); }

int main() {
    std::cout << "lvalue vs rvalue:\n";
    Tracer a("a");
    Tracer b = a;               // a is an lvalue: copy
    Tracer c = std::move(a);    // std::move is only a cast to Tracer&&: move
    // a is now "valid but unspecified": assign it, destroy it, or call what has no precondition.
    a = Tracer("a2");           // a temporary is an rvalue: move-assign

    std::cout << "std::move on a const object:\n";
    const Tracer k("k");
    Tracer k2 = std::move(k);   // const Tracer&& cannot bind to Tracer&&: falls back to copy

    std::cout << "return a prvalue (guaranteed elision):\n";
    Tracer d = make("d");       // only one constructor call

    std::cout << "push_back:\n";
    std::vector<Tracer> v;
    v.reserve(4);               // enough room: no reallocation moves in this output
    Tracer e("e");
    v.push_back(e);             // lvalue: copy into the vector
    v.push_back(std::move(e));  // rvalue: move into the vector
    v.push_back(Tracer("f"));   // temporary: construct, then move
    v.emplace_back("g");        // constructed in place from the argument
}
