// A class with a pure virtual function is abstract: no objects of it can exist.
struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
};

int main() {
    Shape s;   // error
}
