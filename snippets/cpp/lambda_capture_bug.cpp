// BUG: a lambda captures a local variable by reference and outlives it. The
// counter lives in make_counter's frame, gone when it returns; each call then
// writes to a dead stack slot. AddressSanitizer finds it when told to keep
// returned frames poisoned (detect_stack_use_after_return=1).

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address lambda_capture_bug.cpp -o lambda_capture_bug
//   ASAN_OPTIONS=detect_stack_use_after_return=1 ./lambda_capture_bug
#include <functional>
#include <iostream>

[[gnu::noinline]] std::function<int()> make_counter() {
    int count = 0;
    return [&count] { return ++count; };    // count dies when make_counter returns
}

int main() {
    std::function<int()> next = make_counter();
    std::cout << "counter made" << std::endl;
    std::cout << next() << std::endl;
}
