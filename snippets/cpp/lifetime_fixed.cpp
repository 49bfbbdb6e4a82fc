// The fixes for dangling_view_bug.cpp and lambda_capture_bug.cpp: the owner
// outlives the view, and the lambda owns what it uses.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address lifetime_fixed.cpp -o lifetime_fixed
//   ASAN_OPTIONS=detect_stack_use_after_return=1 ./lifetime_fixed
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

std::string make_label(int id) { return "camera-front-left-wide-angle-" + std::to_string(id); }
std::string_view trim_prefix(std::string_view s) { return s.substr(7); }

[[gnu::noinline]] std::function<int()> make_counter() {
    int count = 0;
    return [count]() mutable { return ++count; };   // the lambda owns its copy
}

int main() {
    std::string owner = make_label(3);                 // a named string outlives the view
    std::string_view label = trim_prefix(owner);
    std::cout << label << '\n';

    std::function<int()> next = make_counter();
    std::cout << next() << ' ' << next() << '\n';
}
