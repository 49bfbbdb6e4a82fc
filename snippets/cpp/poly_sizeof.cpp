// The cost of "virtual": each object of a polymorphic class carries a hidden
// pointer to its class's vtable (vptr). The sizes below are what g++ and clang
// print on x86-64 Linux (Itanium C++ ABI, 8-byte pointers); the standard fixes none.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g poly_sizeof.cpp -o poly_sizeof
//   ./poly_sizeof
#include <iostream>

struct Empty {};
struct EmptyWithVirtual { virtual ~EmptyWithVirtual() = default; };

struct Plain {                       // 4 bytes: just the int
    int x;
    void f() {}                      // ordinary member functions take no space in the object
};
struct WithVirtual {                 // vptr (8) + int (4) + padding (4) = 16
    int x;
    virtual void f() {}
    virtual ~WithVirtual() = default;
};
struct ManyVirtuals {                // still one vptr: more virtual functions only grow the vtable
    int x;
    virtual void a() {}
    virtual void b() {}
    virtual void c() {}
    virtual ~ManyVirtuals() = default;
};
struct Derived : WithVirtual {       // shares the base's vptr; y goes into the base's tail padding
    int y;
    void f() override {}
};
struct OtherBase { virtual ~OtherBase() = default; };
struct TwoBases : WithVirtual, OtherBase {};   // one vptr per polymorphic base subobject

int main() {
    std::cout << "on x86-64 with g++:\n";
    std::cout << "sizeof(void*)            = " << sizeof(void*) << '\n';
    std::cout << "sizeof(Empty)            = " << sizeof(Empty) << '\n';
    std::cout << "sizeof(EmptyWithVirtual) = " << sizeof(EmptyWithVirtual) << '\n';
    std::cout << "sizeof(Plain)            = " << sizeof(Plain) << '\n';
    std::cout << "sizeof(WithVirtual)      = " << sizeof(WithVirtual) << '\n';
    std::cout << "sizeof(ManyVirtuals)     = " << sizeof(ManyVirtuals) << '\n';
    std::cout << "sizeof(Derived)          = " << sizeof(Derived) << '\n';
    std::cout << "sizeof(TwoBases)         = " << sizeof(TwoBases) << '\n';
}
