// The fix for shared_from_this_bug.cpp: derive from enable_shared_from_this and
// call shared_from_this(), which joins the existing control block.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address shared_from_this_fixed.cpp -o shared_from_this_fixed
//   ./shared_from_this_fixed
#include <iostream>
#include <memory>
#include <vector>

struct Session;
std::vector<std::shared_ptr<Session>> registry;

struct Session : std::enable_shared_from_this<Session> {
    void start() { registry.push_back(shared_from_this()); }
};

int main() {
    auto s = std::make_shared<Session>();
    s->start();
    std::cout << "use_count seen by s: " << s.use_count() << '\n';
    registry.clear();
    std::cout << "registry cleared, use_count " << s.use_count() << '\n';

    Session on_stack;                                  // not owned by any shared_ptr
    try {
        on_stack.start();
    } catch (const std::bad_weak_ptr&) {
        std::cout << "shared_from_this() without an owner threw std::bad_weak_ptr\n";
    }
}
