// Object slicing: copying a derived object into a base object keeps only the
// base part. The copy's dynamic type is the base class, so virtual calls on it
// run the base's functions.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g slicing.cpp -o slicing
//   ./slicing
#include <iostream>
#include <memory>
#include <string>
#include <vector>

struct Detection {
    float score = 0.5f;
    virtual ~Detection() = default;
    virtual std::string describe() const { return "detection " + std::to_string(score); }
};

struct Pedestrian : Detection {
    int track_id = 7;
    std::string describe() const override { return "pedestrian, track " + std::to_string(track_id); }
};

std::string by_value(Detection d) { return d.describe(); }          // slices
std::string by_reference(const Detection& d) { return d.describe(); }

int main() {
    Pedestrian p;
    std::cout << "by value:     " << by_value(p) << '\n';
    std::cout << "by reference: " << by_reference(p) << '\n';

    std::vector<Detection> sliced;
    sliced.push_back(p);                              // stores only the Detection part
    std::cout << "vector<Detection>: " << sliced[0].describe() << '\n';

    std::vector<std::unique_ptr<Detection>> owned;
    owned.push_back(std::make_unique<Pedestrian>());  // keeps the whole object
    std::cout << "vector<unique_ptr<Detection>>: " << owned[0]->describe() << '\n';
}
