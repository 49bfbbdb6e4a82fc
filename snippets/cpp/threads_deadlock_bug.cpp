// BUG: two mutexes locked in opposite orders. transfer(a, b) locks a then b,
// transfer(b, a) locks b then a: if both run at the same time, each thread can
// hold one mutex and wait forever for the other. Here the two threads run one
// after the other, so it cannot actually hang, yet ThreadSanitizer still
// reports the lock-order inversion: it checks the order, not the timing.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g -pthread -fsanitize=thread threads_deadlock_bug.cpp -o threads_deadlock_bug
//   TSAN_OPTIONS=halt_on_error=1 ./threads_deadlock_bug
#include <iostream>
#include <mutex>
#include <thread>

struct Account {
    std::mutex m;
    long balance;
};

void transfer(Account& from, Account& to, long amount) {
    std::lock_guard lock_from(from.m);   // first lock: depends on argument order
    std::lock_guard lock_to(to.m);
    from.balance -= amount;
    to.balance += amount;
}

int main() {
    Account a{{}, 100}, b{{}, 100};
    std::cout << "transfer a->b, then b->a" << std::endl;
    std::thread([&] { transfer(a, b, 10); }).join();
    std::thread([&] { transfer(b, a, 5); }).join();
    std::cout << "a = " << a.balance << ", b = " << b.balance << std::endl;
}
