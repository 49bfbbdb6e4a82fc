// Static member functions cannot be virtual: virtual dispatch goes through an
// object, and a static member function has no object (no this).
struct Registry {
    virtual static int count();   // error
};

int main() {}
