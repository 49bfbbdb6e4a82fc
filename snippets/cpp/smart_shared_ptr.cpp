// std::shared_ptr: shared ownership with a reference count (use_count).
// The object is destroyed when the last shared_ptr to it goes away.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g smart_shared_ptr.cpp -o smart_shared_ptr
//   ./smart_shared_ptr
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

struct Widget {
    Widget() { std::cout << "Widget created\n"; }
    ~Widget() { std::cout << "Widget destroyed\n"; }
};

void by_value(std::shared_ptr<Widget> w) {          // a copy: one more owner while the call runs
    std::cout << "  inside by_value:     use_count = " << w.use_count() << '\n';
}
void by_reference(const std::shared_ptr<Widget>& w) {  // no copy, count unchanged
    std::cout << "  inside by_reference: use_count = " << w.use_count() << '\n';
}

int main() {
    // make_shared: one allocation holds both the Widget and the control block.
    auto p = std::make_shared<Widget>();
    std::cout << "after make_shared:   use_count = " << p.use_count() << '\n';
    {
        auto q = p;                                       // copy: +1
        std::cout << "after one copy:      use_count = " << p.use_count() << '\n';
        std::vector<std::shared_ptr<Widget>> many(3, p);  // three more copies
        std::cout << "with a vector of 3:  use_count = " << p.use_count() << '\n';
    }                                                     // q and the vector are gone: -4
    std::cout << "after the scope:     use_count = " << p.use_count() << '\n';

    by_value(p);
    by_reference(p);

    auto r = std::move(p);                                // move: ownership transferred, count unchanged
    std::cout << "after move:          r.use_count = " << r.use_count()
              << ", p is " << (p ? "set" : "empty") << '\n';
    r.reset();                                            // last owner lets go: Widget destroyed now
    std::cout << "after reset\n";
}
