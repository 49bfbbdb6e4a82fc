// The four C++ casts and typeid. Each says what kind of conversion is meant,
// so the compiler can refuse the others; a C-style cast tries them all in turn.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g casts_rtti.cpp -o casts_rtti
//   ./casts_rtti
#include <cstdint>
#include <iostream>
#include <typeinfo>

struct Sensor {
    virtual ~Sensor() = default;
};
struct Camera : Sensor {
    int width = 1920;
};
struct Lidar : Sensor {
    int beams = 64;
};

void print_label(char* s) { std::cout << "label: " << s << '\n'; }   // an old API without const

int main() {
    std::cout << std::boolalpha;

    // static_cast: conversions the compiler can check at compile time.
    double ratio = 7.9;
    int truncated = static_cast<int>(ratio);
    std::cout << "static_cast<int>(7.9) = " << truncated << '\n';

    // dynamic_cast: a checked downcast through the vtable (needs a polymorphic base).
    Camera camera;
    Sensor* s = &camera;
    std::cout << "dynamic_cast<Camera*> ok: " << (dynamic_cast<Camera*>(s) != nullptr) << '\n';
    std::cout << "dynamic_cast<Lidar*> is null: " << (dynamic_cast<Lidar*>(s) == nullptr) << '\n';
    try {
        Lidar& wrong = dynamic_cast<Lidar&>(*s);   // a reference cannot be null: it throws
        std::cout << wrong.beams << '\n';
    } catch (const std::bad_cast&) {
        std::cout << "dynamic_cast<Lidar&> threw std::bad_cast\n";
    }
    // static_cast downcasts too, unchecked: right here, undefined behaviour if *s were a Lidar.
    std::cout << "static_cast<Camera*>->width = " << static_cast<Camera*>(s)->width << '\n';

    // const_cast: only adds or removes const. Writing through the result is
    // undefined behaviour if the object itself was defined const.
    char name[] = "front";
    const char* view = name;
    print_label(const_cast<char*>(view));

    // reinterpret_cast: reinterpret the bits (pointer <-> integer, unrelated pointer types).
    auto address = reinterpret_cast<std::uintptr_t>(&camera);
    std::cout << "address is a multiple of alignof(Camera): " << (address % alignof(Camera) == 0) << '\n';

    // typeid: the dynamic type through a reference to a polymorphic class,
    // the static type otherwise.
    std::cout << "typeid(*s) == typeid(Camera): " << (typeid(*s) == typeid(Camera)) << '\n';
    std::cout << "typeid(s) == typeid(Sensor*): " << (typeid(s) == typeid(Sensor*)) << '\n';
}
