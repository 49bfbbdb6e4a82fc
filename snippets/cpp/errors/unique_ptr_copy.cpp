// A unique_ptr cannot be copied: its copy constructor is deleted.
#include <memory>

int main() {
    auto a = std::make_unique<int>(42);
    auto b = a;   // error: copying would create two owners; use std::move(a)
}
