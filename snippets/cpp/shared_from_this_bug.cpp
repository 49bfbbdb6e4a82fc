// BUG: a member function makes a shared_ptr from `this`. That starts a second
// control block for an object a shared_ptr already owns; both reach count 0 and
// both delete the object. AddressSanitizer reports the second delete.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -fsanitize=address shared_from_this_bug.cpp -o shared_from_this_bug
//   ./shared_from_this_bug
#include <iostream>
#include <memory>
#include <vector>

struct Session;
std::vector<std::shared_ptr<Session>> registry;

struct Session {
    void start() { registry.push_back(std::shared_ptr<Session>(this)); }   // a second owner group
};

int main() {
    std::shared_ptr<Session> s(new Session);         // (with make_shared the first delete already fails)
    s->start();
    std::cout << "use_count seen by s: " << s.use_count() << std::endl;
    registry.clear();                                  // deletes the Session
    std::cout << "registry cleared" << std::endl;
}                                                      // s deletes it again
