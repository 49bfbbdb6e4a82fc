// Constructors cannot be virtual: dispatch needs an existing object (and its
// vptr), but the constructor is what creates the object in the first place.
struct Widget {
    virtual Widget();   // error
};

int main() {}
