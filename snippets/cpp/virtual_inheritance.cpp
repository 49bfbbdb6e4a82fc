// Virtual inheritance ("virtual" on a base class) solves the diamond problem:
// Camera and Lidar both derive from Device; Fusion derives from both. Without
// virtual, a Fusion holds two Device subobjects; with virtual, one shared one,
// which the most-derived class initialises.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g virtual_inheritance.cpp -o virtual_inheritance
//   ./virtual_inheritance
#include <iostream>

struct Device {
    explicit Device(int n) : id(n) { std::cout << "  Device(" << id << ")\n"; }
    int id;
};

// Ordinary inheritance: each path brings its own Device.
struct Camera : Device { Camera() : Device(1) {} };
struct Lidar : Device { Lidar() : Device(2) {} };
struct Fusion : Camera, Lidar {};   // fusion.id would be ambiguous (errors/diamond_ambiguous.cpp)

// Virtual inheritance: one Device, shared by both paths.
struct VCamera : virtual Device { VCamera() : Device(1) {} };
struct VLidar : virtual Device { VLidar() : Device(2) {} };
struct VFusion : VCamera, VLidar {
    VFusion() : Device(3) {}        // the most-derived class constructs the virtual base;
};                                  // the Device(1) and Device(2) above are skipped

int main() {
    std::cout << "Fusion (ordinary inheritance):\n";
    Fusion f;
    const Camera& fc = f;
    const Lidar& fl = f;
    std::cout << "  two Device subobjects? " << std::boolalpha << (&fc.id != &fl.id)
              << ", ids " << fc.id << ' ' << fl.id << '\n';

    std::cout << "VFusion (virtual inheritance):\n";
    VFusion v;
    const VCamera& vc = v;
    const VLidar& vl = v;
    std::cout << "  one Device subobject? " << (&vc.id == &vl.id) << ", id " << v.id << '\n';

    // The price (x86-64, g++ and clang): each class with a virtual base carries a vptr
    // through which the shared base's offset is found at run time.
    std::cout << "sizeof(Fusion) = " << sizeof(Fusion) << ", sizeof(VFusion) = " << sizeof(VFusion) << '\n';
}
