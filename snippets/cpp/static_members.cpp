// "static" in its different positions.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g static_members.cpp -o static_members
//   ./static_members
#include <iostream>
#include <string>

// 1. Static local variable: one instance for the whole program, zero-initialised
//    before anything else happens, kept between calls.
int count_calls() {
    static int calls;                 // no initializer needed: static storage starts at 0
    return ++calls;
}

// A static local with a non-constant initializer is initialised once, on the
// first call that reaches it (thread-safe since C++11).
const std::string& greeting() {
    static const std::string text = [] {
        std::cout << "  (building greeting once)\n";
        return std::string("hello");
    }();
    return text;
}

class Session {
public:
    // 2. Static data member: one per class, not per object. C++17 "inline" lets
    //    it be defined right here instead of in exactly one .cpp file.
    inline static int open_count = 0;
    static constexpr int max_open = 3;   // constexpr static members are implicitly inline

    Session() : id_(count_calls()) { ++open_count; }   // ids share count_calls()'s counter
    ~Session() { --open_count; }

    // 3. Static member function: no `this`, so it can use only static members
    //    (see errors/static_member_function_this.cpp).
    static bool can_open() { return open_count < max_open; }

    int id() const { return id_; }
private:
    int id_;
};

// 4. At namespace scope, static means internal linkage (invisible to other files).
static int file_local_counter = 0;

int main() {
    std::cout << "count_calls: " << count_calls() << ' ' << count_calls() << ' ' << count_calls() << '\n';
    std::cout << greeting() << ' ' << greeting() << '\n';

    std::cout << "can_open before: " << std::boolalpha << Session::can_open() << '\n';
    {
        Session a, b, c;
        std::cout << "ids " << a.id() << ' ' << b.id() << ' ' << c.id()
                  << ", open_count = " << Session::open_count
                  << ", can_open = " << Session::can_open() << '\n';
    }
    std::cout << "after scope: open_count = " << Session::open_count << '\n';
    std::cout << "file_local_counter = " << ++file_local_counter << '\n';
}
