// When the class is polymorphic (it has virtual functions) but its destructor
// is not virtual, -Wall warns at the delete (g++, clang); -Werror makes it an error.
// (virtual_dtor_bug.cpp avoids virtual functions, so only the sanitizer sees it.)
struct Base {
    virtual void draw() {}
    ~Base() {}   // not virtual
};
struct Derived : Base {
    void draw() override {}
};

int main() {
    Base* p = new Derived;
    delete p;   // error: only ~Base() would run
}
