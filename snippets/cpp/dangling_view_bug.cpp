// BUG: a std::string_view outlives the string it views. make_label returns a
// temporary std::string; it is destroyed at the end of the declaration, and the
// view points into its freed buffer. AddressSanitizer reports heap-use-after-free.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address dangling_view_bug.cpp -o dangling_view_bug
//   ./dangling_view_bug
#include <iostream>
#include <string>
#include <string_view>

// Long enough not to fit in the string object itself (small-string optimization).
std::string make_label(int id) { return "camera-front-left-wide-angle-" + std::to_string(id); }

std::string_view trim_prefix(std::string_view s) { return s.substr(7); }

int main() {
    std::string_view label = trim_prefix(make_label(3));   // the string dies here
    std::cout << "label has " << label.size() << " characters" << std::endl;
    std::cout << label << std::endl;
}
