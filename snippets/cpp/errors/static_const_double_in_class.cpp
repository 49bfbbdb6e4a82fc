// "const static" members may be initialised in the class only if they have an
// integral or enumeration type. Others need constexpr, or (C++17) inline.
struct Limits {
    static const int max_items = 8;              // fine: integral type
    static constexpr double ratio = 0.5;         // fine: constexpr
    inline static double scale = 2.0;            // fine: C++17 inline variable
    static const double threshold = 0.25;        // error
};

int main() {}
