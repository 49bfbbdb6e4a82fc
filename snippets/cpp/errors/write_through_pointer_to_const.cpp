// A pointer to const may be re-pointed, but the object cannot be modified through it.
int main() {
    int a = 1, b = 2;
    const int* p = &a;
    p = &b;   // fine: the pointer itself is not const
    *p = 5;   // error
}
