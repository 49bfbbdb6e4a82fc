// Private inheritance makes Base's members private members of Middle, so a
// class derived from Middle cannot use them. (With protected inheritance it could.)
struct Base {
    int pub = 1;
};
struct Middle : private Base {};
struct Grandchild : Middle {
    int get() const { return pub; }   // error
};

int main() { return Grandchild{}.get(); }
