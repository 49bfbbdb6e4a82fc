// In C, void* converts implicitly to any object pointer; in C++ it does not, so
// the result of malloc needs a cast (valid C, invalid C++).
#include <cstdlib>

int main() {
    int* p = std::malloc(sizeof(int));   // error
    std::free(p);
}
