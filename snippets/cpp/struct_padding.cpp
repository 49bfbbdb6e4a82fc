// Padding: each member sits at a multiple of its alignment, and the size is
// rounded up to a multiple of the struct's alignment. Offsets below are for
// x86-64 Linux (8-byte double, 4-byte int, 2-byte short); other ABIs may differ.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g struct_padding.cpp -o struct_padding
//   ./struct_padding
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iostream>

struct Careless {      // members in the order someone thought of them
    char a;
    double b;
    char c;
    int d;
    short e;
};

struct Sorted {        // the same members, largest alignment first
    double b;
    int d;
    short e;
    char a;
    char c;
};

// All members of a union start at offset 0; only the one last written may be read.
union Reading {
    std::uint32_t raw;
    float value;
};

#define FIELD(T, m) \
    std::cout << "  " #m " offset " << offsetof(T, m) << " size " << sizeof(T::m) << '\n'

int main() {
    std::cout << "Careless size " << sizeof(Careless) << " align " << alignof(Careless) << '\n';
    FIELD(Careless, a); FIELD(Careless, b); FIELD(Careless, c); FIELD(Careless, d); FIELD(Careless, e);
    std::cout << "Sorted size " << sizeof(Sorted) << " align " << alignof(Sorted) << '\n';
    FIELD(Sorted, b); FIELD(Sorted, d); FIELD(Sorted, e); FIELD(Sorted, a); FIELD(Sorted, c);

    std::cout << "union Reading: sizeof " << sizeof(Reading) << ", alignof " << alignof(Reading) << '\n';
    // Reading .raw after writing .value is undefined behaviour in C++ (C allows it);
    // std::bit_cast (or memcpy) is the defined way to see a float's bits.
    std::cout << "bits of 1.0f: 0x" << std::hex << std::bit_cast<std::uint32_t>(1.0f) << '\n';
}
