// Fix for threads_deadlock_bug.cpp: std::scoped_lock locks several mutexes at
// once with a deadlock-avoidance algorithm (like std::lock), whatever order
// they are passed in. Two threads transfer money in opposite directions
// concurrently; the total is preserved and nothing hangs.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_scoped_lock.cpp -o threads_scoped_lock
//   ./threads_scoped_lock
#include <iostream>
#include <mutex>
#include <thread>

struct Account {
    std::mutex m;
    long balance;
};

void transfer(Account& from, Account& to, long amount) {
    std::scoped_lock lock(from.m, to.m);   // both or neither, no lock-order problem
    from.balance -= amount;
    to.balance += amount;
}

int main() {
    Account a{{}, 5000}, b{{}, 5000};
    std::thread t1([&] { for (int i = 0; i < 3000; ++i) transfer(a, b, 1); });
    std::thread t2([&] { for (int i = 0; i < 1000; ++i) transfer(b, a, 2); });
    t1.join();
    t2.join();
    std::cout << "a = " << a.balance << ", b = " << b.balance
              << ", total = " << a.balance + b.balance << '\n';
}
