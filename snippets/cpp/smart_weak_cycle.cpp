// A reference cycle of shared_ptrs is never freed: each node keeps the other alive.
// Making one direction a weak_ptr (which does not own) breaks the cycle.
// (This program leaks on purpose in part 1, so it is not run under a leak checker.)

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g smart_weak_cycle.cpp -o smart_weak_cycle
//   ./smart_weak_cycle
#include <iostream>
#include <memory>
#include <string>
#include <utility>

struct StrongNode {
    explicit StrongNode(std::string n) : name(std::move(n)) {}
    std::string name;
    std::shared_ptr<StrongNode> peer;   // owns the peer
    ~StrongNode() { std::cout << "  " << name << " destroyed\n"; }
};

struct Node {
    explicit Node(std::string n) : name(std::move(n)) {}
    std::string name;
    std::shared_ptr<Node> child;        // the parent owns the child
    std::weak_ptr<Node> parent;         // the child only observes its parent
    ~Node() { std::cout << "  " << name << " destroyed\n"; }
};

int main() {
    std::cout << "1. shared_ptr in both directions\n";
    std::weak_ptr<StrongNode> watch_a;
    {
        auto a = std::make_shared<StrongNode>("a");
        auto b = std::make_shared<StrongNode>("b");
        a->peer = b;
        b->peer = a;
        watch_a = a;
        std::cout << "  use_count: a = " << a.use_count() << ", b = " << b.use_count() << '\n';
        std::cout << "  leaving scope\n";
    }   // the locals a and b go away, but each node is still owned by the other: no destructor runs
    std::cout << "  after scope: a expired? " << std::boolalpha << watch_a.expired()
              << ", a.use_count = " << watch_a.use_count() << " (leaked)\n";

    std::cout << "2. weak_ptr from child to parent\n";
    std::weak_ptr<Node> watch_parent;
    {
        auto parent = std::make_shared<Node>("parent");
        auto child = std::make_shared<Node>("child");
        parent->child = child;
        child->parent = parent;          // does not increase parent's use_count
        watch_parent = parent;
        std::cout << "  use_count: parent = " << parent.use_count() << ", child = " << child.use_count() << '\n';
        if (auto p = child->parent.lock()) {   // lock() yields a shared_ptr while the parent exists
            std::cout << "  child sees its parent: " << p->name << '\n';
        }
        std::cout << "  leaving scope\n";
    }   // parent's count drops to 0: it is destroyed, and then it releases the child
    std::cout << "  after scope: parent expired? " << watch_parent.expired() << '\n';
}
