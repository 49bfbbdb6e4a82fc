// Why constructors cannot be virtual, and what a virtual call inside one does.
// While Base's constructor runs, the Derived part does not exist yet, so the
// object *is* a Base: virtual calls dispatch to Base's version. The same holds
// in reverse in the destructor. (Calling a pure virtual function this way is
// undefined behaviour.) A "virtual constructor" is written as a clone() function.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g ctor_virtual_call.cpp -o ctor_virtual_call
//   ./ctor_virtual_call
#include <iostream>
#include <memory>
#include <string>

struct Base {
    Base() { std::cout << "Base():     "; hello(); }
    virtual ~Base() { std::cout << "~Base():    "; hello(); }
    virtual void hello() const { std::cout << "Base::hello\n"; }
    virtual std::unique_ptr<Base> clone() const { return std::make_unique<Base>(*this); }
};

struct Derived : Base {
    Derived() { std::cout << "Derived():  "; hello(); }
    ~Derived() override { std::cout << "~Derived(): "; hello(); }
    void hello() const override { std::cout << "Derived::hello (name = " << name << ")\n"; }
    std::unique_ptr<Base> clone() const override { return std::make_unique<Derived>(*this); }
    std::string name = "d";   // not yet constructed while Base() runs
};

int main() {
    std::cout << "-- construct\n";
    Derived d;
    std::cout << "-- call through Base&\n";
    const Base& b = d;
    b.hello();
    std::cout << "-- clone through Base&\n";
    std::unique_ptr<Base> copy = b.clone();   // copies the dynamic type: Derived
    copy->hello();
    std::cout << "-- destroy the clone\n";
    copy.reset();
    std::cout << "-- end of main\n";
}
