// Macros are text substitution done before compiling: no types, no scope, and
// arguments pasted in as written. constexpr variables, inline functions and
// enum class do the same jobs inside the language.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g macros_vs_constexpr.cpp -o macros_vs_constexpr
//   ./macros_vs_constexpr
#include <iostream>
#include <type_traits>

#define SQUARE(x) x * x
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define BUFFER_SIZE 64

constexpr int square(int x) { return x * x; }
constexpr int max_of(int a, int b) { return a > b ? a : b; }
constexpr int buffer_size = 64;            // typed, scoped, visible to the debugger

enum Color { red, green };                 // unscoped: names leak, converts to int
enum class Mode : unsigned char { idle, running };   // scoped, no implicit conversion

int main() {
    std::cout << std::boolalpha;
    std::cout << "SQUARE(1 + 2) = " << SQUARE(1 + 2) << '\n';   // 1 + 2 * 1 + 2
    std::cout << "square(1 + 2) = " << square(1 + 2) << '\n';

    int i = 5, j = 1;
    int m = MAX(i++, j);                   // i++ is pasted in twice and runs twice
    std::cout << "MAX(i++, j) = " << m << ", then i = " << i << '\n';
    i = 5;
    m = max_of(i++, j);
    std::cout << "max_of(i++, j) = " << m << ", then i = " << i << '\n';

    static_assert(square(BUFFER_SIZE) == buffer_size * buffer_size);   // both usable at compile time
    int array[buffer_size] = {};
    std::cout << "sizeof array = " << sizeof array << '\n';

    int as_int = green;                    // fine for a plain enum
    int mode = static_cast<int>(Mode::running);   // enum class needs the cast
    std::cout << "green = " << as_int << ", Mode::running = " << mode
              << ", sizeof(Mode) = " << sizeof(Mode) << '\n';
    std::cout << "Mode's underlying type is unsigned char: "
              << std::is_same_v<std::underlying_type_t<Mode>, unsigned char> << '\n';
}
