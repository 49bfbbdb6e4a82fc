// Which iterators, pointers and references survive which operations.
// Every "yes" below is guaranteed by the standard.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g iter_stability.cpp -o iter_stability
//   ./iter_stability
#include <deque>
#include <iostream>
#include <iterator>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

int main() {
    std::cout << std::boolalpha;

    // std::list: nodes never move. Inserting never invalidates anything;
    // erasing invalidates only iterators to the erased element.
    std::list<int> l{1, 2, 3};
    auto two = std::next(l.begin());
    for (int i = 0; i < 1000; ++i) l.push_front(i);
    l.insert(two, 99);
    l.erase(l.begin());
    std::cout << "list: iterator still valid after 1000 inserts and an erase: *two = " << *two << '\n';

    // std::vector: no reallocation while size() stays within capacity(), so
    // pointers to elements before the insertion point remain valid.
    std::vector<int> v;
    v.reserve(100);
    v.push_back(7);
    const int* first = &v[0];
    for (int i = 0; i < 99; ++i) v.push_back(i);
    std::cout << "vector within reserved capacity: &v[0] unchanged? " << (first == &v[0]) << '\n';

    // std::deque: push_back invalidates all iterators, but never references
    // or pointers to existing elements.
    std::deque<int> d{5};
    const int* five = &d.front();
    for (int i = 0; i < 10000; ++i) d.push_back(i);
    std::cout << "deque after 10000 push_backs: &d.front() unchanged? " << (five == &d.front()) << '\n';

    // std::unordered_map: a rehash invalidates iterators, but references and
    // pointers to the elements stay valid (the nodes do not move).
    std::unordered_map<std::string, int> m{{"apple", 1}};
    int* apple = &m["apple"];
    const auto buckets_before = m.bucket_count();
    m.rehash(buckets_before * 64);               // forces a rehash
    std::cout << "unordered_map rehash: more buckets? " << (m.bucket_count() > buckets_before)
              << ", &m[\"apple\"] unchanged? " << (apple == &m["apple"]) << ", value " << *apple << '\n';
}
