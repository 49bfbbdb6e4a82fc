// What an atomic increment compiles to: compare the assembly g++ -O2 -S emits
// for a plain and an atomic counter on x86-64. extern "C" keeps the labels readable.
#include <atomic>

int plain_counter = 0;
std::atomic<int> atomic_counter{0};

extern "C" void increment_plain() {
    ++plain_counter;                 // addl: an ordinary read-modify-write of memory
}

extern "C" void increment_atomic() {
    atomic_counter.fetch_add(1);     // lock addl: the lock prefix makes it indivisible
}

extern "C" int fetch_then_increment() {
    return atomic_counter.fetch_add(1);   // the old value is needed: lock xaddl
}

extern "C" void store_seq_cst(int v) {
    atomic_counter.store(v);              // a sequentially consistent store: xchgl
}

extern "C" void store_release(int v) {
    atomic_counter.store(v, std::memory_order_release);   // release: a plain movl suffices on x86-64
}
