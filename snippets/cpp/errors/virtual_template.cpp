// Member function templates cannot be virtual: the vtable has a fixed number of
// slots, but a template can be instantiated for any number of types.
struct Visitor {
    template <typename T>
    virtual void visit(const T& value);   // error
};

int main() {}
