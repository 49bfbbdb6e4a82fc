// Where the vptr sits in an object and what the vtable it points to holds.
// The layout is the Itanium C++ ABI's (g++ and clang on Linux and macOS, x86-64):
// the standard fixes none of it, and MSVC lays vtables out differently. Reading
// the vptr and the vtable through raw memory is for looking only, never for code.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g vtable_layout.cpp -o vtable_layout
//   ./vtable_layout
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <typeinfo>

struct Shape {
    virtual ~Shape() = default;
    virtual const char* name() const { return "shape"; }
    virtual double area() const { return 0; }
    virtual int sides() const { return 0; }
    int id = 0;
};

struct Rectangle : Shape {
    double w = 2, h = 3;
    const char* name() const override { return "rectangle"; }
    double area() const override { return w * h; }
};

using Entry = std::uintptr_t;   // one vtable slot: a function's address

// The vptr is the first pointer-sized word of the object.
const Entry* vptr_of(const Shape& s) {
    const Entry* vptr;
    std::memcpy(&vptr, static_cast<const void*>(&s), sizeof vptr);
    return vptr;
}

std::ptrdiff_t offset(const void* member, const void* object) {
    return static_cast<const char*>(member) - static_cast<const char*>(object);
}

// Itanium ABI: a pointer to a virtual member function stores 1 + the byte
// offset of its slot in the vtable.
template <class F>
std::size_t slot(F Shape::*pm) {
    struct { std::uintptr_t ptr; std::ptrdiff_t adj; } rep;
    static_assert(sizeof pm == sizeof rep);
    std::memcpy(&rep, &pm, sizeof rep);
    return (rep.ptr - 1) / sizeof(Entry);
}

int main() {
    Rectangle r, r2;
    Shape s;
    std::cout << std::boolalpha;
    std::cout << "sizeof(Shape) = " << sizeof(Shape) << ", sizeof(Rectangle) = " << sizeof(Rectangle) << '\n';
    std::cout << "object +0: vptr\n";
    std::cout << "object +" << offset(&r.id, &r) << ": id\n";
    std::cout << "object +" << offset(&r.w, &r) << ": w\n";
    std::cout << "object +" << offset(&r.h, &r) << ": h\n";

    const Entry* vt = vptr_of(r);
    const Entry* base_vt = vptr_of(s);
    std::cout << "two Rectangles share one vtable: " << (vt == vptr_of(r2)) << '\n';
    std::cout << "a Shape has another vtable: " << (vt != base_vt) << '\n';
    std::ptrdiff_t to_top;
    std::memcpy(&to_top, vt - 2, sizeof to_top);
    std::cout << "vtable[-2]: offset to top = " << to_top << '\n';
    std::cout << "vtable[-1]: type_info of Rectangle: "
              << (reinterpret_cast<const void*>(vt[-1]) == &typeid(Rectangle)) << '\n';
    std::size_t first = slot(&Shape::name);
    std::cout << "vtable[0.." << first - 1 << "]: ~Rectangle (complete, deleting)\n";
    struct { const char* name; std::size_t index; } fns[] = {
        {"name", slot(&Shape::name)}, {"area", slot(&Shape::area)}, {"sides", slot(&Shape::sides)}};
    for (auto [fn, i] : fns)
        std::cout << "vtable[" << i << "]: " << fn << ", "
                  << (vt[i] == base_vt[i] ? "inherited from Shape" : "overridden by Rectangle") << '\n';
    const Shape& as_shape = r;
    std::cout << "call through Shape&: " << as_shape.name() << ", area " << as_shape.area() << '\n';
}
