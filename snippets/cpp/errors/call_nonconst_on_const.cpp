// Only const member functions can be called on a const object (or through a
// const reference or pointer).
class Counter {
public:
    int value() const { return value_; }
    void increment() { ++value_; }
private:
    int value_ = 0;
};

int main() {
    const Counter c;
    c.increment();   // error
    return c.value();
}
