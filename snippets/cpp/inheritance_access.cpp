// public, protected and private inheritance: what the derived class can reach,
// what outsiders can reach, and whether Derived* converts to Base*.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g inheritance_access.cpp -o inheritance_access
//   ./inheritance_access
#include <iomanip>
#include <iostream>
#include <type_traits>

struct Base {
    int pub = 1;
    int total() const { return pub + prot + priv; }   // Base's own members reach all three
protected:
    int prot = 2;
private:
    int priv = 3;                   // never accessible in any derived class
};

// Inside each derived class, Base's public and protected members are usable;
// only the visibility to the outside world differs.
struct PublicDerived : public Base {
    int sum() const { return pub + prot; }
};
struct ProtectedDerived : protected Base {
    int sum() const { return pub + prot; }
    Base* as_base() { return this; }      // inside the class the conversion is allowed
};
struct PrivateDerived : private Base {
    int sum() const { return pub + prot; }
    using Base::pub;                      // re-expose one member publicly
};

// One level further down: protected inheritance keeps Base's members usable,
// private inheritance hides them (see errors/private_inheritance_grandchild.cpp).
struct FromProtected : ProtectedDerived {
    int twice() const { return 2 * (pub + prot); }
};

// Is t.pub accessible from outside? Access violations count as substitution
// failures in a requires-expression, so this is a compile-time test.
template <typename T>
constexpr bool pub_visible = requires(T& t) { t.pub; };

const char* yes_no(bool b) { return b ? "true" : "false"; }

template <typename D>
void row(const char* label) {
    std::cout << std::left << std::setw(14) << label << std::setw(13)
              << yes_no(std::is_convertible_v<D*, Base*>) << yes_no(pub_visible<D>) << '\n';
}

int main() {
    std::cout << "inheritance   D* -> Base*  outside can read pub\n";
    row<PublicDerived>("public");
    row<ProtectedDerived>("protected");
    row<PrivateDerived>("private+using");
    row<FromProtected>("grandchild");

    ProtectedDerived pd;
    PrivateDerived vd;
    std::cout << "member sums: " << PublicDerived{}.sum() << ' ' << pd.sum() << ' '
              << vd.sum() << ' ' << FromProtected{}.twice() << '\n';
    std::cout << "ProtectedDerived::as_base()->pub = " << pd.as_base()->pub << '\n';
    std::cout << "PrivateDerived.pub via using-declaration = " << vd.pub << '\n';
}
