// BUG: two mutexes locked in opposite orders. transfer(a, b) locks a then b,
// transfer(b, a) locks b then a: if both run at the same time, each thread can
// hold one mutex and wait forever for the other. Here the two threads run one
// after the other, so it cannot actually hang, yet ThreadSanitizer still
// reports the lock-order inversion: it checks the order, not the timing.
// Compile: g++ -std=c++20 -g -fsanitize=thread threads_deadlock_bug.cpp
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
    std::jthread([&] { transfer(a, b, 10); }).join();
    std::jthread([&] { transfer(b, a, 5); }).join();
    std::cout << "a = " << a.balance << ", b = " << b.balance << std::endl;
}
