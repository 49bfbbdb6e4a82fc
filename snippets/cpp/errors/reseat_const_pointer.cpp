// A const pointer can modify its object but can never point elsewhere.
int main() {
    int a = 1, b = 2;
    int* const p = &a;
    *p = 5;   // fine: the pointee is not const
    p = &b;   // error
}
