// Protected members are reachable from derived classes, not from outside.
struct Base {
protected:
    int prot = 2;
};
struct Derived : public Base {
    int get() const { return prot; }   // fine: inside a derived class
};

int main() {
    Derived d;
    return d.prot;   // error
}
