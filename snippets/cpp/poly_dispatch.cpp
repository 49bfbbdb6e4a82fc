// Virtual dispatch: a call through a base reference or pointer runs the function
// of the object's dynamic type. Non-virtual functions are chosen by the static type.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g poly_dispatch.cpp -o poly_dispatch
//   ./poly_dispatch
#include <iostream>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

class Shape {                              // abstract: it has a pure virtual function
public:
    virtual ~Shape() = default;
    virtual double area() const = 0;       // pure virtual: every concrete shape must override it
    virtual std::string name() const { return "shape"; }
    std::string kind() const { return "Shape::kind"; }   // not virtual
    void describe() const { std::cout << name() << ", area " << area() << '\n'; }
};

class Rectangle : public Shape {
public:
    Rectangle(double w, double h) : w_(w), h_(h) {}
    double area() const override { return w_ * h_; }
    std::string name() const override { return "rectangle"; }
    std::string kind() const { return "Rectangle::kind"; } // hides Shape::kind, does not override it
private:
    double w_, h_;
};

class Square final : public Rectangle {    // final: no class may derive from Square
public:
    explicit Square(double side) : Rectangle(side, side) {}
    std::string name() const override { return "square"; }   // area() is inherited
};

class Triangle : public Shape {
public:
    Triangle(double base, double height) : b_(base), h_(height) {}
    double area() const override { return b_ * h_ / 2; }
    std::string name() const override { return "triangle"; }  // "override" makes the compiler check
private:
    double b_, h_;
};

static_assert(std::is_abstract_v<Shape>);          // cannot be instantiated
static_assert(std::is_polymorphic_v<Square>);

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Rectangle>(2, 3));
    shapes.push_back(std::make_unique<Square>(2));
    shapes.push_back(std::make_unique<Triangle>(3, 5));
    for (const auto& s : shapes) s->describe();          // dynamic type decides

    Rectangle rect(1, 4);
    Shape& ref = rect;
    std::cout << "through Shape&:     name() = " << ref.name() << ", kind() = " << ref.kind() << '\n';
    std::cout << "through Rectangle&: name() = " << rect.name() << ", kind() = " << rect.kind() << '\n';
    std::cout << "qualified call Shape::name() = " << ref.Shape::name() << '\n';   // explicitly no dispatch
}
