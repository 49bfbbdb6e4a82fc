// Static polymorphism with CRTP (the base knows the derived type at compile
// time, calls can be inlined) versus virtual dispatch (one vptr per object, one
// indirect call), and what std::function costs: a type-erased wrapper that
// heap-allocates callables too big for its small internal buffer.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g crtp_vs_virtual.cpp -o crtp_vs_virtual
//   ./crtp_vs_virtual
#include <array>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <new>

// Count heap allocations by replacing the global operator new.
static int allocations = 0;
void* operator new(std::size_t n) {
    ++allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc{};
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

template <class Derived>
struct FilterBase {
    double apply(double x) const { return static_cast<const Derived&>(*this).step(x); }
};
struct Halve : FilterBase<Halve> {
    double step(double x) const { return x / 2; }
};

struct VirtualFilter {
    virtual ~VirtualFilter() = default;
    virtual double step(double x) const = 0;
};
struct VirtualHalve : VirtualFilter {
    double step(double x) const override { return x / 2; }
};

template <class F>
double run_static(const FilterBase<F>& f, double x) { return f.apply(x); }
double run_dynamic(const VirtualFilter& f, double x) { return f.step(x); }

int main() {
    std::cout << "CRTP:    " << run_static(Halve{}, 10) << ", sizeof(Halve) = " << sizeof(Halve) << '\n';
    std::cout << "virtual: " << run_dynamic(VirtualHalve{}, 10) << ", sizeof(VirtualHalve) = "
              << sizeof(VirtualHalve) << '\n';

    std::cout << "sizeof(std::function<double(double)>) = " << sizeof(std::function<double(double)>) << '\n';
    double gain = 0.5;
    int before = allocations;
    std::function<double(double)> small = [gain](double x) { return x * gain; };
    std::cout << "8-byte capture:   " << allocations - before << " heap allocation(s), result "
              << small(10) << '\n';
    std::array<double, 8> taps{0.5};
    before = allocations;
    std::function<double(double)> big = [taps](double x) { return x * taps[0]; };
    std::cout << "64-byte capture:  " << allocations - before << " heap allocation(s), result "
              << big(10) << '\n';
}
