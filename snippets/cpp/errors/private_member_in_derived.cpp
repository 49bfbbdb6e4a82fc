// Private members are not reachable even from derived classes.
struct Base {
private:
    int priv = 3;
};
struct Derived : public Base {
    int get() const { return priv; }   // error
};

int main() { return Derived{}.get(); }
