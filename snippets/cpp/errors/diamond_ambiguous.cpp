// Without virtual inheritance, a diamond holds two Device subobjects, so an
// unqualified member name is ambiguous (which of the two ids?).
struct Device { int id = 0; };
struct Camera : Device {};
struct Lidar : Device {};
struct Fusion : Camera, Lidar {};

int main() {
    Fusion f;
    return f.id;   // error
}
