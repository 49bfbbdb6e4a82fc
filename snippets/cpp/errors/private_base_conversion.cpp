// With private (or protected) inheritance, outsiders cannot convert Derived* to
// Base*: the "is-a" relationship is an implementation detail of Derived.
struct Base {};
struct Derived : private Base {};

int main() {
    Derived d;
    Base* b = &d;   // error
    (void)b;
}
