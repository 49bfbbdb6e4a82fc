// Where do objects live? Classify addresses by comparing them with symbols that
// the GNU linker (and glibc's startup code) define on Linux, plus the program
// break and the stack. Only the classification is printed: the addresses
// themselves change from run to run (ASLR, PIE).

//   __executable_start .. etext   code (the text segment)
//   etext .. __data_start         read-only data (.rodata: literals, constant-initialized consts)
//   __data_start .. edata         initialised writable data (.data)
//   edata .. end                  zero-initialised data (.bss)
//   end .. sbrk(0)                the heap grown with brk, used by malloc for small blocks
//   this frame .. argv            the main thread's stack (it grows downwards; the
//                                 kernel places argv near its top)

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g memory_regions.cpp -o memory_regions
//   ./memory_regions
#include <cstdint>
#include <ctime>
#include <iostream>
#include <memory>
#include <unistd.h>   // sbrk

extern "C" const char __executable_start[], etext[], __data_start[], edata[], end[];

const char* stack_top = nullptr;   // set from argv in main

std::uintptr_t addr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// noinline: the function needs its own frame, below the caller's locals.
[[gnu::noinline]] const char* region(std::uintptr_t a) {
    const auto frame = addr(__builtin_frame_address(0));
    if (a >= addr(__executable_start) && a < addr(etext)) return "code (text)";
    if (a >= addr(etext) && a < addr(__data_start)) return "read-only data (rodata)";
    if (a >= addr(__data_start) && a < addr(edata)) return "initialised data (data)";
    if (a >= addr(edata) && a < addr(end)) return "zero-initialised data (bss)";
    if (a >= addr(end) && a < addr(sbrk(0))) return "heap";
    if (a >= frame && a < addr(stack_top)) return "stack";
    return "somewhere else (shared library or mmap)";
}

void show(const char* what, std::uintptr_t a) { std::cout << what << region(a) << '\n'; }
void show(const char* what, const void* p) { show(what, addr(p)); }

int twice(int x) { return 2 * x; }

const int answer = 42;    // const: never written, placed in read-only data
const long started = std::time(nullptr);   // const, but written once at start-up: .bss
int initialised = 7;      // non-zero initialiser: .data
int zeroed;               // no initialiser: zero-filled .bss, takes no space in the file

int main(int, char** argv) {
    stack_top = reinterpret_cast<const char*>(argv);
    static int static_zero;       // static locals live with the globals, not on the stack
    static int static_seven = 7;
    ++initialised; ++zeroed; ++static_zero; ++static_seven;   // written, so they stay writable
    int local = 1;
    auto heap = std::make_unique<int>(5);

    show("function twice():     ", reinterpret_cast<std::uintptr_t>(&twice));
    show("string literal:       ", "hello");
    show("const global:         ", &answer);
    show("const, run-time init: ", &started);
    show("initialised global:   ", &initialised);
    show("uninitialised global: ", &zeroed);
    show("static local = 7:     ", &static_seven);
    show("static local (zero):  ", &static_zero);
    show("heap object:          ", heap.get());
    show("local variable:       ", &local);
}
