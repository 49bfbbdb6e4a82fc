// Calling a constrained template with a type that does not satisfy the concept:
// the compiler names the unsatisfied constraint instead of failing deep inside
// the template body.
#include <concepts>

template <std::totally_ordered T>
const T& max_of(const T& a, const T& b) { return a < b ? b : a; }

struct Point { int x, y; };   // no comparison operators

int main() {
    Point p{1, 2}, q{3, 4};
    max_of(p, q);   // error
}
