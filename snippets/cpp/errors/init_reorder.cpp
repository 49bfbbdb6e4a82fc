// The list says "size first", but members are initialized in declaration order:
// begin_ reads size_ before size_ is initialized. -Wall warns (-Wreorder); as an error here.
#include <cstddef>
struct Buffer { std::size_t begin_; std::size_t size_; explicit Buffer(std::size_t n) : size_(n), begin_(size_ / 2) {} };  // error
