// Inside a const member function, *this is const: members cannot be modified
// (unless they are declared mutable).
class Counter {
public:
    int value() const {
        ++value_;   // error
        return value_;
    }
private:
    int value_ = 0;
};

int main() { return Counter{}.value(); }
